// notebooks/04-regularization.ipynb end to end, as `npm start` runs it: executed headless in a real
// tslab kernel with its defaults, every claim collected from its MIME output and passed, the claim ids
// and errata present, then exported to HTML and opened in headless Chromium, where every figure must
// draw with no console errors. A second run changes three knobs and checks that the claims they enter
// move as the algebra says: the input-noise penalty Iσ²‖w‖² grows with σ², the weight-scaled dropout
// output with the keep probability 1 − p, and the label-smoothed target with ρ.
// Leaves 04-regularization.html and .png in a temp folder it prints. Each run takes about 40 s of CPU.

import { describe, expect, test } from "vitest";
import type { CollectedClaim } from "../../kernel/collect";
import { SKIP_BROWSER } from "../helpers/browser";
import { claimById, lectureNotebook } from "../helpers/notebook-test";

const notebook = lectureNotebook("04-regularization");

/** Plotly figures of the default run. */
const FIGURES = 13;

const values = (v: unknown) => (Array.isArray(v) ? (v as number[]) : [v as number]);

let defaults: CollectedClaim[] | undefined;

describe("notebooks/04-regularization.ipynb", () => {
  test("runs headless with its defaults, reproduces every claim and records its errata", async () => {
    const { result, claims, errata } = await notebook.run({ cellTimeout: 600 });
    console.log(`04-regularization: ${result.seconds.toFixed(0)} s (slowest cell ${Math.max(...result.cellSeconds.map((s) => s ?? 0)).toFixed(0)} s)`);

    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    expect(claims.length).toBeGreaterThanOrEqual(50);
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "l4-schedules-noisy-quadratic", "l4-schedule-formula-1cycle", "l4-schedule-formula-performance", "l4-lr-finder-choice", "l4-lr-recipe-beats-smaller-and-larger",
      "l4-l2-ridge-closed-form", "l4-l2-pytorch-weight-decay", "l4-l2-decoupled-decay-equivalent", "l4-udlbook-9.1-penalty-finds-basin",
      "l4-implicit-gd-orders", "l4-udlbook-9.2-trajectories", "l4-implicit-sgd-order-two", "l4-implicit-sgd-term-and-constant", "l4-implicit-sgd-fixed-order",
      "l4-early-stopping-restored", "l4-udlbook-9.3-mean-beats-members", "l4-ensemble-variance-init", "l4-ensemble-mnist1d-bagging",
      "l4-dropout-expected-activation-weight-scaling", "l4-mc-dropout-uncertainty", "l4-max-norm-holds", "l4-noise-input-is-l2",
      "l4-label-smoothing-formula", "l4-label-noise-equals-smoothing", "l4-augmentation-gain",
    ]) expect(ids).toContain(id);
    // every numbered item of lecture 4 is named by a claim
    for (const item of ["Algorytm 17", "Algorytm 18", "Algorytm 19", "Algorytm 20", "Algorytm 21", "Algorytm 22"]) {
      expect(claims.some((c) => c.item === item), item).toBe(true);
    }
    expect(claims.every((c) => typeof c.reference === "string" && c.reference.length > 0)).toBe(true);
    expect(errata.map((e) => e.location)).toEqual(expect.arrayContaining([
      expect.stringContaining("punkt przegięcia"),
      expect.stringContaining("L_SGD"),
      expect.stringContaining("Algorytm 18"),
      expect.stringContaining("Algorytm 22"),
    ]));
    defaults = claims;

    notebook.exportPage(result);
  }, 900_000);

  test("with -p inputNoiseSigma 1 -p dropoutP 0.3 -p labelSmoothingRho 0.2 the related claims move as predicted", async () => {
    expect(defaults, "the default run above must pass first").toBeDefined();
    const { claims } = await notebook.run({ cellTimeout: 600, parameters: { inputNoiseSigma: 1, dropoutP: 0.3, labelSmoothingRho: 0.2 } });
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    const before = defaults!;

    // input noise: E[loss] = clean + Iσ²‖w‖² with I = 50 rows and the notebook's probe w = (0.8, −1.5, 1.0):
    // σ 0.5 → 1 adds 50·(1 − 0.25)·3.89 to the expected loss; both measurements are Monte Carlo, so
    // the change must lie within the sum of the two claims' interval half-widths
    const noise0 = claimById(before, "l4-noise-input-is-l2"), noise1 = claimById(claims, "l4-noise-input-is-l2");
    const penaltyChange = 50 * (1 - 0.25) * (0.8 ** 2 + 1.5 ** 2 + 1 ** 2);
    expect(Math.abs((noise1.measured as number) - (noise0.measured as number) - penaltyChange)).toBeLessThanOrEqual(noise0.atol! + noise1.atol!);

    // weight-scaling dropout at inference multiplies Wh by 1 − p: p 0.5 → 0.3 scales it by 0.7/0.5; inverted is unchanged
    const ws0 = values(claimById(before, "l4-dropout-inference-weight-scaling").measured), ws1 = values(claimById(claims, "l4-dropout-inference-weight-scaling").measured);
    ws1.forEach((v, i) => expect(v).toBeCloseTo((ws0[i] * 0.7) / 0.5, 12));
    expect(claimById(claims, "l4-dropout-inference-inverted").measured).toEqual(claimById(before, "l4-dropout-inference-inverted").measured);

    // label smoothing: the library's loss follows ρ (ε = ρK/(K−1) in the statement, the claim compares it with the
    // notes' formula at the new ρ), and the Monte-Carlo expectation over label corruptions moves by the same amount
    // as the formula's value, within the two claims' interval half-widths
    const ce0 = claimById(before, "l4-label-smoothing-formula").measured as number, ce1 = claimById(claims, "l4-label-smoothing-formula").measured as number;
    const noisy0 = claimById(before, "l4-label-noise-equals-smoothing"), noisy1 = claimById(claims, "l4-label-noise-equals-smoothing");
    expect(ce1).not.toBe(ce0);
    expect(Math.abs((noisy1.measured as number) - (noisy0.measured as number) - (ce1 - ce0))).toBeLessThanOrEqual(noisy0.atol! + noisy1.atol!);
    expect(claimById(claims, "l4-label-smoothing-formula").statement).toContain("ε = ρK/(K−1) = 0.2222");
  }, 900_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    await notebook.expectExportedPageRenders({
      plotCount: FIGURES,
      traceCount: { atLeast: FIGURES },
      katexCount: { atLeast: 21 },
      katexFontsLoaded: true,
    });
  }, 180_000);
});
