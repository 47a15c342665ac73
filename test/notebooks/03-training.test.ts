// notebooks/03-training.ipynb end to end, as `npm start` runs it: executed headless in a real tslab
// kernel, every claim collected from its MIME output and passed, every numbered item of lecture 3 named
// by a claim, the errata present; a second run with -p depth 20 -p sigmaOmega2 0.2 must move the
// measured per-layer factors of the fixed-variance initialisation as ½·D·σ²_Ω says (twice as large);
// then the default run is exported to HTML and opened in headless Chromium, where every figure must
// draw with no console errors. Leaves 03-training.html and .png in a temp folder it prints.
// Each run takes about a minute and a half (longer on a loaded machine).

import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { collectStructured } from "../../kernel/collect";
import { writeHtml } from "../../kernel/export/html";
import { runNotebook } from "../../kernel/runner/runner";
import { SKIP_BROWSER, browserOutputDir, checkPageInBrowser } from "../helpers/browser";

const root = join(__dirname, "..", "..");
let dir: string | undefined;
/** This file's temp folder for pages and screenshots, made on first use. */
const outDir = () => (dir ??= browserOutputDir("03-training"));
const notebook = join(root, "notebooks", "03-training.ipynb");

/** Plotly figures in the notebook (the contour plots draw their paths as scatter traces too). */
const FIGURES = 16;

/** Every numbered item of lecture 3 in the notes. */
const ITEMS = [
  ...[1, 2, 3].map((n) => `Propozycja ${n}`),
  ...Array.from({ length: 15 }, (_, i) => `Algorytm ${i + 2}`),
  ...[1, 2, 3, 4, 5, 6].map((n) => `Definicja ${n}`),
];

type Claims = ReturnType<typeof collectStructured>["claims"];
let defaultClaims: Claims | undefined;
let exported: string | undefined;

/** The named claim, which must exist. */
function claimOf(claims: Claims, id: string): Claims[number] {
  const found = claims.find((c) => c.id === id);
  expect(found, `claim ${id}`).toBeDefined();
  return found as Claims[number];
}

describe("notebooks/03-training.ipynb", () => {
  test("runs headless with its defaults, reproduces every claim, names every item and records its errata", async () => {
    const result = await runNotebook(notebook, { cellTimeout: 600 });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    console.log(`03-training: ${result.seconds.toFixed(0)} s (slowest cell ${Math.max(...result.cellSeconds.map((s) => s ?? 0)).toFixed(0)} s)`);

    const { claims, errata } = collectStructured(result.notebook, "03-training");
    expect(claims.filter((c) => !c.passed)).toEqual([]);
    expect(claims.length).toBeGreaterThanOrEqual(75);
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of claims) expect(c.reference, `reference of ${c.id}`).toBeTruthy();
    for (const item of ITEMS) {
      expect(claims.some((c) => c.item.split(/,\s*|\s+\(/).some((part) => part.trim() === item)), `a claim names ${item}`).toBe(true);
    }
    for (const id of [
      "l3-propozycja1-symmetric", "l3-propozycja3-variance", "l3-algorytm2-deep-he", "l3-definicja4-gelu-approx-error",
      "l3-definicja3-selu-constants", "l3-dying-relu-zero-gradient", "l3-algorytm5-folding-corrected", "l3-algorytm6-direction",
      "l3-algorytm7-transfer-helps", "l3-algorytm15-sgd-equivalence", "l3-algorytm16-adam-not-equivalent", "l3-udlbook-7.1-backward",
    ]) expect(ids).toContain(id);
    expect(errata.map((e) => e.location)).toEqual(expect.arrayContaining([
      expect.stringContaining("Propozycja 1"),
      expect.stringContaining("Definicja 2"),
      expect.stringContaining("Definicja 3"),
      expect.stringContaining("Algorytm 5"),
      expect.stringContaining("Algorytm 11"),
      expect.stringContaining("Algorytm 12"),
      expect.stringContaining("Algorytm 13"),
      expect.stringContaining("AdaMax"),
    ]));
    defaultClaims = claims;

    const html = join(outDir(), "03-training.html");
    writeHtml(result.notebook, html, { sourcePath: "03-training.ipynb" });
    exported = html;
  }, 900_000);

  test("with -p depth 20 -p sigmaOmega2 0.2 every claim passes and the fixed-variance factors double", async () => {
    expect(defaultClaims, "the default run above must pass first").toBeDefined();
    const result = await runNotebook(notebook, { cellTimeout: 600, parameters: { depth: 20, sigmaOmega2: 0.2 } });
    expect(result.failure).toBeUndefined();
    const { claims } = collectStructured(result.notebook, "03-training");
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);

    // ½·D·σ²_Ω per layer, [forward D_f = 64, backward D_f′ = 32, forward D_f = 32, backward D_f′ = 64]
    const before = claimOf(defaultClaims as Claims, "l3-deep-fixed-variance");
    const after = claimOf(claims, "l3-deep-fixed-variance");
    expect(after.statement).toContain("through 20 layers");
    const predicted = [64, 32, 32, 64].map((d) => 0.5 * d * 0.2);
    (after.expected as number[]).forEach((v, i) => expect(v).toBeCloseTo(predicted[i], 12));
    const m0 = before.measured as number[];
    const m1 = after.measured as number[];
    const tolerance = (before.rtol as number) + (after.rtol as number); // both runs' relative half-widths
    m1.forEach((v, i) => expect(Math.abs(v / m0[i] - 2)).toBeLessThan(2 * tolerance));
    // the rules that do not depend on σ²_Ω keep their factors (He fan-in: 1 forward at every depth)
    expect(claimOf(claims, "l3-algorytm2-deep-he").expected).toEqual(claimOf(defaultClaims as Claims, "l3-algorytm2-deep-he").expected);
  }, 900_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    expect(exported, "the headless run above must pass first").toBeDefined();
    const html = exported as string;
    const page = await checkPageInBrowser(html, join(outDir(), "03-training.png"));
    expect(page.pageErrors).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
    expect(page.blockedRequests).toEqual([]);
    expect(page.svgCount).toBeGreaterThanOrEqual(2 * FIGURES);
    expect(page.traceCount).toBeGreaterThanOrEqual(FIGURES);
    expect(page.katexCount).toBeGreaterThan(50);
    expect(page.katexFontsLoaded).toBe(true);
  }, 180_000);
});
