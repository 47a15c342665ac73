// The tour notebook end to end, as `npm start` treats every lecture: executed headless by our runner
// in a real tslab kernel, its claims collected from their MIME outputs, exported to HTML and opened
// in headless Chromium, where both figures must draw with no console errors. Leaves
// 00-tour.html and 00-tour.png in a temp folder it prints, to look at.

import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { collectStructured } from "../../kernel/collect";
import { writeHtml } from "../../kernel/export/html";
import { runNotebook } from "../../kernel/runner/runner";
import { SKIP_BROWSER, browserOutputDir, checkPageInBrowser } from "../helpers/browser";

const root = join(__dirname, "..", "..");
let dir: string | undefined;
/** This file's temp folder for pages and screenshots, made on first use. */
const outDir = () => (dir ??= browserOutputDir("00-tour"));
const tour = join(root, "notebooks", "00-tour.ipynb");

let exported: string | undefined;

describe("notebooks/00-tour.ipynb", () => {
  test("runs headless and reproduces its claims", async () => {
    const result = await runNotebook(tour, { cellTimeout: 120 });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    const { claims } = collectStructured(result.notebook, "00-tour");
    expect(claims.map((c) => [c.id, c.passed])).toEqual([
      ["tour-numpy-randn", true],
      ["tour-tanh-derivative", true],
      ["tour-least-squares", true],
    ]);
    expect(claims.find((c) => c.id === "tour-tanh-derivative")?.reference).toMatch(/central differences/);
    const html = join(outDir(), "00-tour.html");
    writeHtml(result.notebook, html, { sourcePath: "00-tour.ipynb" });
    exported = html;
  }, 180_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    expect(exported, "the headless run above must pass first").toBeDefined();
    const html = exported as string;
    const page = await checkPageInBrowser(html, join(outDir(), "00-tour.png"));
    expect(page.pageErrors).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
    expect(page.blockedRequests).toEqual([]);
    expect(page.svgCount).toBeGreaterThan(0);
    expect(page.traceCount).toBe(5); // tanh, its derivative and the central differences; the data and the fitted line
    expect(page.katexCount).toBeGreaterThan(0);
  }, 120_000);
});
