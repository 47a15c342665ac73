// Toy data sets: closed forms with the noise switched off, the documented draw order replayed with a
// second RandomState, and seeded reproducibility.
import { describe, expect, test } from "vitest";
import { expectClose } from "../helpers/expect-close";
import { blobs, regression1d, sineData, spirals, twoMoons } from "../../src/data/toy";
import { RandomState } from "../../src/data/random";

describe("toy data", () => {
  test("regression1d: y = fn(x) + noise·ε with x = uniform(lo, hi, n) then ε = normal(0, 1, n)", () => {
    const { x, y } = regression1d({ numSamples: 20, fn: (v) => v * v, noise: 0.3, xRange: [-1, 2], seed: 5 });
    const rng = new RandomState(5);
    const xs = rng.uniform(-1, 2, 20);
    const eps = rng.normal(0, 1, 20);
    expect(x).toEqual(xs);
    expectClose(y, Array.from(xs, (v, i) => v * v + 0.3 * eps[i]), { rtol: 0 });
    expect(() => regression1d({ numSamples: 0 })).toThrow(/positive integer \(got 0\)/);
  });

  test("sineData: noise 0 gives sin(2πx) with x in [0, 1); with noise the residuals are 0.2·randn", () => {
    const clean = sineData({ numSamples: 30, noise: 0, seed: 1 });
    expectClose(clean.y, Array.from(clean.x, (v) => Math.sin(2 * Math.PI * v)), { rtol: 0 });
    for (const v of clean.x) expect(v >= 0 && v < 1).toBe(true);
    const noisy = sineData({ numSamples: 30, seed: 1 });
    const rng = new RandomState(1);
    rng.rand(30);
    const eps = rng.randn(30);
    expectClose(Array.from(noisy.y, (v, i) => v - clean.y[i]), Array.from(eps, (e) => 0.2 * e), { atol: 1e-15 });
  });

  test("blobs: labels i mod k and class means near the centres (σ/√n)", () => {
    const { x, y } = blobs({ numSamples: 3000, std: 0.5, seed: 2 });
    expect(x.length).toBe(6000);
    const centers = [[-2, 0], [2, 0], [0, 2.5]];
    for (let c = 0; c < 3; c++) {
      let sx = 0;
      let sy = 0;
      for (let i = c; i < 3000; i += 3) {
        expect(y[i]).toBe(c);
        sx += x[2 * i];
        sy += x[2 * i + 1];
      }
      // 1000 points per class: the mean is within 5·0.5/√1000 ≈ 0.08 of its centre
      expectClose([sx / 1000, sy / 1000], centers[c], { atol: 0.08 });
    }
  });

  test("twoMoons: without noise the points lie on the two unit half circles", () => {
    const { x, y } = twoMoons({ numSamples: 101, noise: 0 });
    for (let i = 0; i < 101; i++) {
      const [cx, cy] = y[i] === 0 ? [0, 0] : [1, 0.5];
      expectClose([Math.hypot(x[2 * i] - cx, x[2 * i + 1] - cy)], [1], { atol: 1e-15 });
    }
    expect(y.filter((v) => v === 0).length).toBe(50);
    expect(twoMoons({ seed: 3 })).toEqual(twoMoons({ seed: 3 }));
  });

  test("spirals: without noise radius i/(m−1) and angle 4j + 4r", () => {
    const { x, y } = spirals({ samplesPerClass: 11, classes: 3, noise: 0 });
    for (let k = 0; k < 33; k++) {
      const j = Math.floor(k / 11);
      const r = (k % 11) / 10;
      expect(y[k]).toBe(j);
      expectClose([x[2 * k], x[2 * k + 1]], [r * Math.sin(4 * j + 4 * r), r * Math.cos(4 * j + 4 * r)], { atol: 1e-15 });
    }
  });
});
