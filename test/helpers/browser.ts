// Opens an exported page in headless Chromium — the Debian package at /usr/bin/chromium, which CI
// installs with scripts/install-test-tools.sh — with every request that is not file: aborted, so the
// page must work offline as on an exam machine. Waits for its plots and fonts, takes a full-page
// screenshot and reports what rendered. The flags are the ones this sandboxed machine needs
// (no sandbox, no GPU, no background network).
// Tests never write into the repository's reports/: each browser test puts its page and screenshot
// in a fresh folder under the system's temp dir (browserOutputDir), prints the path, and leaves the
// files there for a person to look at.

import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

/** Debian's chromium; DEEPNOTES_CHROMIUM points elsewhere (or at nothing, to see the skips). */
export const CHROMIUM_PATH = process.env.DEEPNOTES_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Browser checks are skipped (and counted as skipped) where Chromium is missing; in CI (CI set) they run
 * and a missing browser fails them, because CI installs it (scripts/install-test-tools.sh).
 */
export const SKIP_BROWSER = !existsSync(CHROMIUM_PATH) && !process.env.CI;
if (SKIP_BROWSER) console.warn(`browser checks skipped: ${CHROMIUM_PATH} is missing (install it with scripts/install-test-tools.sh)`);

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface PageCheck {
  /** Drawn plotly figures (graph divs with their svg). */
  plotCount: number;
  /** Visible traces of every type (scatter, contour, heatmap, bar, …) in plotly's resolved figure data (each graph div's _fullData), over all plots. */
  traceCount: number;
  /** Visible .katex elements (rendered formulas). */
  katexCount: number;
  /** True when the page has no KaTeX or KaTeX's main font (inlined as a data: URL) has loaded. */
  katexFontsLoaded: boolean;
  consoleErrors: string[];
  /** Uncaught exceptions, and a note if the plots were not all drawn in time. */
  pageErrors: string[];
  /** Requests the page tried to make to anything but file: (all aborted). */
  blockedRequests: string[];
}

const PLOTS_DRAWN = `Array.from(document.querySelectorAll(".plotly-figure")).every((div) => div.hasAttribute("data-drawn"))`;

const COUNTS = `(async () => {
  await document.fonts.ready;
  const hasKatex = document.querySelector(".katex") !== null;
  const plots = Array.from(document.querySelectorAll(".js-plotly-plot"));
  return {
    plotCount: plots.filter((gd) => gd.querySelector("svg.main-svg") !== null).length,
    traceCount: plots.reduce((n, gd) => n + (gd._fullData ?? []).filter((trace) => trace.visible === true).length, 0),
    katexCount: Array.from(document.querySelectorAll(".katex")).filter((e) => e.getBoundingClientRect().width > 0).length,
    katexFontsLoaded: !hasKatex || Array.from(document.fonts).some((f) => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded"),
  };
})()`;

/** A fresh temp folder for one test file's exported pages and screenshots; its path is printed. */
export function browserOutputDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `deepnotes-browser-${name}-`));
  console.log(`${name}: exported page and screenshot in ${dir}`);
  return dir;
}

/** Loads `htmlPath` offline in headless Chromium, writes a full-page PNG to `screenshotPath`, reports. */
export async function checkPageInBrowser(htmlPath: string, screenshotPath: string): Promise<PageCheck> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const blockedRequests: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      blockedRequests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: "load" });
    try {
      await page.waitForFunction(PLOTS_DRAWN, undefined, { timeout: 20_000 });
    } catch {
      pageErrors.push("the page's plots were not all drawn within 20 s");
    }
    const counts = await page.evaluate<Pick<PageCheck, "plotCount" | "traceCount" | "katexCount" | "katexFontsLoaded">>(COUNTS);
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return { ...counts, consoleErrors, pageErrors, blockedRequests };
  } finally {
    await browser.close();
  }
}
