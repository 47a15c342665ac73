// The exported page in a real browser, offline: the fixture notebook (math, a plot of a line and
// markers, a claim, and a plotly loader that throws if it is not dropped) must draw its plot with
// both traces, show KaTeX with its inlined fonts, request nothing from the network and log no
// errors. Leaves plot.html and plot.png in a temp folder it prints, to look at.
// Needs /usr/bin/chromium: in CI (CI set) a missing browser fails the test; locally it skips, loudly.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeHtml } from "../../../kernel/export/html";
import type { Notebook } from "../../../kernel/notebook-format";
import { CHROMIUM_PATH, SKIP_BROWSER, browserOutputDir } from "../../helpers/browser";
import { expectPageRenders } from "../../helpers/expect-page";

const fixturePath = join(__dirname, "fixtures", "plot.ipynb");

describe.skipIf(SKIP_BROWSER)("an exported page in headless Chromium", () => {
  test("draws the plot, shows the math, stays offline and logs no errors", async () => {
    expect(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing: run scripts/install-test-tools.sh`).toBe(true);
    const notebook = JSON.parse(readFileSync(fixturePath, "utf8")) as Notebook;
    const dir = browserOutputDir("plot");
    const htmlPath = join(dir, "plot.html");
    const screenshotPath = join(dir, "plot.png");
    writeHtml(notebook, htmlPath, { sourcePath: "plot.ipynb" });

    await expectPageRenders(htmlPath, screenshotPath, {
      plotCount: 1,
      traceCount: 2, // the markers and the line
      katexCount: 5, // four inline formulas and one display
      katexFontsLoaded: true,
    });
    expect(existsSync(screenshotPath)).toBe(true);
  });
});
