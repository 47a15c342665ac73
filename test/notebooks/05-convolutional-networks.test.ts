// notebooks/05-convolutional-networks.ipynb end to end: run headless with kernelSize 7, stride 3 and
// dilation 3 — the geometry claims must then measure what the closed forms below say for the new
// values, and still pass — and with its defaults, exported to HTML and opened in headless Chromium,
// where every figure must draw with no console errors. Leaves 05-convolutional-networks.html and .png
// in a temp folder it prints. Each run trains the MNIST-1D and MNIST networks (about 1½ minutes of CPU).

import { describe, expect, test } from "vitest";
import type { CollectedClaim } from "../../kernel/collect";
import { SKIP_BROWSER } from "../helpers/browser";
import { claimById, lectureNotebook } from "../helpers/notebook-test";

const notebook = lectureNotebook("05-convolutional-networks");

/** Plotly figures in the notebook. */
const FIGURES = 15;

/** The closed forms the geometry claims must follow, written out independently of the notebook. */
function geometry(kernelSize: number, stride: number) {
  const pad = (kernelSize - 1) / 2;
  const depths = [1, 2, 3, 4, 5, 6];
  return {
    convParams: 64 * (3 * kernelSize * kernelSize + 1),
    hiddenUnits: 64 * (224 - kernelSize + 1) ** 2,
    changedOutputs: 4 * pad,
    receptiveFieldK: depths.map((l) => 1 + l * (kernelSize - 1)),
    receptiveFieldStride: depths.map((l) => 1 + 2 * depths.slice(0, l).reduce((acc, m) => acc + stride ** (m - 1), 0)),
  };
}

function checkGeometry(claims: CollectedClaim[], kernelSize: number, stride: number): void {
  const g = geometry(kernelSize, stride);
  expect(claimById(claims, "l5-conv-layer-params").measured).toBe(g.convParams);
  expect(claimById(claims, "l5-conv-layer-hidden-units").measured).toBe(g.hiddenUnits);
  const changed = claimById(claims, "l5-equivariance-zero-padding").measured as number[];
  expect(new Set(changed)).toEqual(new Set([g.changedOutputs]));
  expect(claimById(claims, "l5-receptive-field-1").measured).toEqual(g.receptiveFieldK);
  expect(claimById(claims, "l5-receptive-field-2").measured).toEqual(g.receptiveFieldStride);
}

describe("notebooks/05-convolutional-networks.ipynb", () => {
  test("with kernelSize 7, stride 3 and dilation 3 every claim passes and the geometry claims follow the closed forms", async () => {
    const { claims } = await notebook.run({ cellTimeout: 600, parameters: { kernelSize: 7, stride: 3, dilation: 3 } });
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    checkGeometry(claims, 7, 3);
    expect(claimById(claims, "l5-receptive-field-2").measured).toEqual([3, 9, 27, 81, 243, 729]);
  }, 900_000);

  test("runs with its defaults, reproduces every claim and records its errata", async () => {
    const { result, claims, errata } = await notebook.run({ cellTimeout: 600 });
    console.log(`05-convolutional-networks: ${result.seconds.toFixed(0)} s (slowest cell ${Math.max(...result.cellSeconds.map((s) => s ?? 0)).toFixed(0)} s)`);
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    expect(claims.length).toBeGreaterThanOrEqual(50);
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "l5-one-unit-weights", "l5-dense-22-billion", "l5-dense-layer-too-large", "l5-alexnet-params", "l5-neighbouring-pixels", "l5-equivariance-circular-1d",
      "l5-dense-not-equivariant", "l5-global-pooling-invariant", "l5-toeplitz-1d", "l5-toeplitz-2d", "l5-output-size-formula",
      "l5-udlbook-10.1-sums", "l5-udlbook-10.3-loops", "l5-udl-10.2-parameters", "l5-mnist1d-parameters", "l5-mnist1d-cnn-beats-mlp",
      "l5-mnist-cnn-beats-mlp", "l5-cnn-not-rotation-invariant", "l5-udlbook-10.4-pooling", "l5-transposed-is-adjoint",
    ]) expect(ids).toContain(id);
    checkGeometry(claims, 5, 2);
    expect(claimById(claims, "l5-receptive-field-2").measured).toEqual([3, 7, 15, 31, 63, 127]);
    expect(claimById(claims, "l5-udl-10.2-parameters").measured).toEqual([2050, 59065]);
    // every claim names where its expected value comes from
    expect(claims.filter((c) => !c.reference).map((c) => c.id)).toEqual([]);
    expect(errata.map((e) => e.location)).toEqual([
      expect.stringContaining("150.000 wag"),
      expect.stringContaining("niewrażliwa na przekształcenia geometryczne"),
    ]);

    notebook.exportPage(result);
  }, 900_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    await notebook.expectExportedPageRenders({
      plotCount: FIGURES,
      traceCount: { atLeast: FIGURES },
      katexCount: { atLeast: 21 },
      katexFontsLoaded: true,
    });
  }, 120_000);
});
