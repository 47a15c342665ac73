// Lecture 1's notebook end to end: run headless with `width` overridden (the deep network then has
// (4+1)^3 = 125 regions and every claim still passes), and a default run exported to HTML and opened in headless
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
    expect(claims).toHaveLength(21);
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    // the deep network of the parameters: 3 layers of 4 units, (4+1)^3 regions with 3·4+1+2·4·5 = 53 parameters
    expect(claims.find((c) => c.id === "deep-beats-shallow-same-parameters")?.measured).toBe(125);
    expect(claims.find((c) => c.id === "deep-fewer-parameters")?.measured).toBe(53);
    expect(errata).toHaveLength(2);
  }, 180_000);

  test("runs with its defaults and every claim passes", async () => {
    const result = await runNotebook(notebook, { cellTimeout: 300 });
    expect(result.ok).toBe(true);
    const { claims } = collectStructured(result.notebook, "01-deep-networks");
    expect(claims.every((c) => c.passed)).toBe(true);
    expect(claims.find((c) => c.id === "deep-beats-shallow-same-parameters")?.measured).toBe(64);
    // the adversarial search never beats ∏(D_k + 1) and reaches it where the construction exists (3-3, 4-4, 3-3-3)
    const bound = claims.find((c) => c.id === "deep-regions-upper-bound");
    expect(bound?.relation).toBe("<=");
    expect((bound?.measured as number[]).filter((m, i) => m === (bound?.expected as number[])[i]).length).toBeGreaterThanOrEqual(3);
    for (const c of claims) expect(c.reference, c.id).toMatch(/\S/);
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
