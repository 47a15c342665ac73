// notebooks/03-training.ipynb end to end, as `npm start` runs it: executed headless in a real tslab
// kernel, every claim collected from its MIME output and passed, every numbered item of lecture 3 named
// by a claim, the errata present; a second run with -p depth 20 -p sigmaOmega2 0.2 must move the
// measured per-layer factors of the fixed-variance initialisation as ½·D·σ²_Ω says (twice as large);
// then the default run is exported to HTML and opened in headless Chromium, where every figure must
// draw with no console errors. Leaves 03-training.html and .png in a temp folder it prints.
// Each run takes about a minute and a half (longer on a loaded machine).

import { describe, expect, test } from "vitest";
import type { CollectedClaim } from "../../kernel/collect";
import { SKIP_BROWSER } from "../helpers/browser";
import { claimById, lectureNotebook } from "../helpers/notebook-test";

const notebook = lectureNotebook("03-training");

/** Plotly figures in the notebook (the contour plots draw their paths as scatter traces too). */
const FIGURES = 16;

/** Every numbered item of lecture 3 in the notes. */
const ITEMS = [
  ...[1, 2, 3].map((n) => `Propozycja ${n}`),
  ...Array.from({ length: 15 }, (_, i) => `Algorytm ${i + 2}`),
  ...[1, 2, 3, 4, 5, 6].map((n) => `Definicja ${n}`),
];

let defaultClaims: CollectedClaim[] | undefined;

describe("notebooks/03-training.ipynb", () => {
  test("runs headless with its defaults, reproduces every claim, names every item and records its errata", async () => {
    const { result, claims, errata } = await notebook.run({ cellTimeout: 600 });
    console.log(`03-training: ${result.seconds.toFixed(0)} s (slowest cell ${Math.max(...result.cellSeconds.map((s) => s ?? 0)).toFixed(0)} s)`);

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

    notebook.exportPage(result);
  }, 900_000);

  test("with -p depth 20 -p sigmaOmega2 0.2 every claim passes and the fixed-variance factors double", async () => {
    expect(defaultClaims, "the default run above must pass first").toBeDefined();
    const { claims } = await notebook.run({ cellTimeout: 600, parameters: { depth: 20, sigmaOmega2: 0.2 } });
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);

    // ½·D·σ²_Ω per layer, [forward D_f = 64, backward D_f′ = 32, forward D_f = 32, backward D_f′ = 64]
    const before = claimById(defaultClaims!, "l3-deep-fixed-variance");
    const after = claimById(claims, "l3-deep-fixed-variance");
    expect(after.statement).toContain("through 20 layers");
    const predicted = [64, 32, 32, 64].map((d) => 0.5 * d * 0.2);
    (after.expected as number[]).forEach((v, i) => expect(v).toBeCloseTo(predicted[i], 12));
    const m0 = before.measured as number[];
    const m1 = after.measured as number[];
    const tolerance = (before.rtol as number) + (after.rtol as number); // both runs' relative half-widths
    m1.forEach((v, i) => expect(Math.abs(v / m0[i] - 2)).toBeLessThan(2 * tolerance));
    // the rules that do not depend on σ²_Ω keep their factors (He fan-in: 1 forward at every depth)
    expect(claimById(claims, "l3-algorytm2-deep-he").expected).toEqual(claimById(defaultClaims!, "l3-algorytm2-deep-he").expected);
  }, 900_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    await notebook.expectExportedPageRenders({
      plotCount: FIGURES,
      traceCount: { atLeast: FIGURES },
      katexCount: { atLeast: 51 },
      katexFontsLoaded: true,
    });
  }, 180_000);
});
