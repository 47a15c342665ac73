// Lecture 1's notebook end to end: run headless with `width` overridden (the region claim must then
// measure (4+1)^3 = 125 and still pass), and a default run exported to HTML and opened in headless
// Chromium, where all four figures must draw with no console errors. Leaves
// 01-deep-networks.html and .png in a temp folder it prints, to look at.

import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { collectStructured } from "../../kernel/collect";
import { writeHtml } from "../../kernel/export/html";
import { runNotebook } from "../../kernel/runner/runner";
import { SKIP_BROWSER, browserOutputDir, checkPageInBrowser } from "../helpers/browser";

const root = join(__dirname, "..", "..");
let dir: string | undefined;
/** This file's temp folder for pages and screenshots, made on first use. */
const outDir = () => (dir ??= browserOutputDir("01-deep-networks"));
const notebook = join(root, "notebooks", "01-deep-networks.ipynb");

let exported: string | undefined;

describe("notebooks/01-deep-networks.ipynb", () => {
  test("with -p width 4 every claim passes and the region count becomes (4+1)^3", async () => {
    const result = await runNotebook(notebook, { cellTimeout: 300, parameters: { width: 4 } });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    const { claims, errata } = collectStructured(result.notebook, "01-deep-networks");
    expect(claims.length).toBeGreaterThanOrEqual(20);
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    const regions = claims.find((c) => c.id === "deep-regions-construction");
    expect(regions?.measured).toBe(125);
    expect(claims.find((c) => c.id === "folding-stage-regions")?.measured).toEqual([5, 25, 125]);
    expect(errata).toHaveLength(2);
  }, 180_000);

  test("runs with its defaults and every claim passes", async () => {
    const result = await runNotebook(notebook, { cellTimeout: 300 });
    expect(result.ok).toBe(true);
    const { claims } = collectStructured(result.notebook, "01-deep-networks");
    expect(claims.every((c) => c.passed)).toBe(true);
    expect(claims.find((c) => c.id === "deep-regions-construction")?.measured).toBe(64);
    const html = join(outDir(), "01-deep-networks.html");
    writeHtml(result.notebook, html, { sourcePath: "01-deep-networks.ipynb" });
    exported = html;
  }, 180_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    expect(exported, "the headless run above must pass first").toBeDefined();
    const html = exported as string;
    const page = await checkPageInBrowser(html, join(outDir(), "01-deep-networks.png"));
    expect(page.pageErrors).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
    expect(page.blockedRequests).toEqual([]);
    // composition (3 curves + 3 breakpoint sets), folding (3), regions vs parameters (5), backprop (2)
    expect(page.traceCount).toBe(16);
    expect(page.katexCount).toBeGreaterThan(50);
  }, 120_000);
});
