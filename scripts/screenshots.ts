// `npm run screenshots`: opens every page `npm start` wrote (reports/*.html) in headless Chromium,
// offline, saves a full-page screenshot to reports/browser/<page>.png for a person to look at, and
// prints what rendered — plots drawn, traces, formulas, console errors, blocked network requests.
// Exits non-zero when a page logs an error, fails to draw a plot or reaches for the network.
// Needs Chromium (scripts/install-test-tools.sh installs Debian's); deepnotes itself does not.

import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { CHROMIUM_PATH, checkPageInBrowser } from "../test/helpers/browser";

const reports = join(__dirname, "..", "reports");

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`screenshots: ${CHROMIUM_PATH} is missing; install it with scripts/install-test-tools.sh (or point DEEPNOTES_CHROMIUM at a Chromium)`);
    return 1;
  }
  const pages = existsSync(reports) ? readdirSync(reports).filter((f) => f.endsWith(".html")).sort() : [];
  if (pages.length === 0) {
    console.error("screenshots: reports/ has no pages yet; run `npm start` first");
    return 1;
  }
  let broken = 0;
  for (const page of pages) {
    const png = join(reports, "browser", `${basename(page, ".html")}.png`);
    const check = await checkPageInBrowser(join(reports, page), png);
    const problems = [...check.pageErrors, ...check.consoleErrors, ...check.blockedRequests.map((url) => `network request to ${url}`)];
    if (problems.length > 0) broken++;
    const plots = check.plotCount;
    console.log(
      `${problems.length === 0 ? "✔" : "✘"} ${page}: ${plots} plot${plots === 1 ? "" : "s"} (${check.traceCount} traces), ${check.katexCount} formulas` +
        `${check.katexFontsLoaded ? "" : ", KaTeX fonts missing"} → ${png}${problems.map((p) => `\n    ${p}`).join("")}`,
    );
  }
  console.log(`${pages.length - broken} of ${pages.length} pages rendered cleanly`);
  return broken === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
