// notebooks/02-loss-functions.ipynb end to end in its default (reduced) mode, as `npm start` runs it:
// executed headless in a real tslab kernel, every claim collected from its MIME output and passed, the
// errata present, then exported to HTML and opened in headless Chromium, where every figure must draw
// with no console errors. Leaves 02-loss-functions.html and .png in a temp folder it prints.
// The notebook takes one and a half to three minutes, most of it the double-descent sweep.

import { describe, expect, test } from "vitest";
import { SKIP_BROWSER } from "../helpers/browser";
import { lectureNotebook } from "../helpers/notebook-test";

const notebook = lectureNotebook("02-loss-functions");

/** Plotly figures in the notebook. */
const FIGURES = 9;

describe("notebooks/02-loss-functions.ipynb", () => {
  test("runs headless, reproduces every claim and records its errata", async () => {
    const { result, claims, errata } = await notebook.run({ cellTimeout: 600 });
    console.log(`02-loss-functions: ${result.seconds.toFixed(0)} s (slowest cell ${Math.max(...result.cellSeconds.map((s) => s ?? 0)).toFixed(0)} s)`);

    expect(claims.filter((c) => !c.passed)).toEqual([]);
    expect(claims).toHaveLength(57);
    for (const c of claims) expect(c.reference, c.id).toMatch(/\S/);
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "l2-underflow-product", "l2-gaussian-nll-is-least-squares", "l2-heteroscedastic-sigma", "l2-bce-stable-1000", "l2-ce-stable-1000",
      "l2-independent-outputs", "l2-kl-nonnegative", "l2-kl-triangle-fails", "l2-gaussian-entropy", "l2-kl-empirical-identity",
      "l2-bias-variance-adds-up", "l2-noise-measured", "l2-kl-zero-iff-equal", "l2-kl-quadratic-slope", "l2-kl-proof-step",
      "l2-tradeoff-bias-zero", "l2-double-descent-interpolates", "l2-double-descent-peak-location", "l2-double-descent-second-descent",
    ]) expect(ids).toContain(id);
    expect(errata.map((e) => e.location)).toEqual(expect.arrayContaining([
      expect.stringContaining("Entropia różniczkowa"),
      expect.stringContaining("argmax"),
      expect.stringContaining("Klasyfikacja wieloklasowa"),
    ]));

    notebook.exportPage(result);
  }, 600_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    await notebook.expectExportedPageRenders({
      plotCount: FIGURES,
      traceCount: { atLeast: FIGURES },
      katexCount: { atLeast: 1 },
      katexFontsLoaded: true,
    });
  }, 120_000);
});
