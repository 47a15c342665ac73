import { describe, expect, it } from "vitest";
import { RandomState } from "../../src/data/random";
import {
  composeShallow, layerWidths, numericalRank, outputsAt, parameterJacobian, regionUpperBound, shallowNetwork,
} from "../../src/theory/deep-networks";
import { countLinearRegions, evaluateNetwork } from "../../src/theory/regions";
import { expectClose } from "../helpers/expect-close";

// udlbook Notebook 4.1's two shallow networks (parameters only; the notebook publishes no outputs).
const first = shallowNetwork([[0, -1], [0, 1], [-0.67, 1]], [1, -2, -3, 9.3]);
const second = shallowNetwork([[-0.6, -1], [0.2, 1], [-0.5, 1]], [0.5, -1, -1.5, 2]);

describe("shallowNetwork", () => {
  it("is y = φ_0 + Σ φ_d ReLU(θ_d0 + θ_d1 x)", () => {
    for (const x of [-1, -0.3, 0.2, 0.9]) {
      const byHand = 1 - 2 * Math.max(0, -x) - 3 * Math.max(0, x) + 9.3 * Math.max(0, x - 0.67);
      expectClose([evaluateNetwork(first, x)], [byHand], { atol: 1e-15 });
    }
  });
  it("rejects mismatched φ", () => {
    expect(() => shallowNetwork([[0, 1]], [1])).toThrow(/D \+ 1 output weights/);
  });
});

describe("composeShallow", () => {
  it("computes second(first(x)) with a rank-one Ω_1", () => {
    const deep = composeShallow(first, second);
    expect(layerWidths(deep)).toEqual([1, 3, 3, 1]);
    const xs = Array.from({ length: 201 }, (_, i) => -1 + i / 100);
    const direct = xs.map((x) => evaluateNetwork(second, evaluateNetwork(first, x)));
    expectClose(outputsAt(deep, xs), direct, { atol: 1e-13 });
    expect(numericalRank(deep.weights[1] as number[][])).toBe(1);
  });
  it("rejects deep inputs", () => {
    expect(() => composeShallow(composeShallow(first, second), second)).toThrow(/shallow/);
  });
});

describe("regionUpperBound", () => {
  it("is the product of (D_k + 1) and is never exceeded by random networks", () => {
    expect(regionUpperBound([3, 3, 3])).toBe(64);
    const rng = new RandomState(0);
    const n = () => rng.randn(1)[0];
    for (let t = 0; t < 200; t++) {
      const widths = [1 + (t % 3), 2, 1 + ((t >> 1) % 4)];
      const weights: number[][][] = [];
      const biases: number[][] = [];
      let w = 1;
      for (const d of widths) {
        weights.push(Array.from({ length: d }, () => Array.from({ length: w }, n)));
        biases.push(Array.from({ length: d }, n));
        w = d;
      }
      weights.push([Array.from({ length: w }, n)]);
      biases.push([n()]);
      expect(countLinearRegions({ weights, biases }, -50, 50).regions).toBeLessThanOrEqual(regionUpperBound(widths));
    }
  });
});

describe("numericalRank and parameterJacobian", () => {
  it("finds the rank of a product of thin factors", () => {
    const rng = new RandomState(1);
    const a = Array.from({ length: 7 }, () => Array.from(rng.randn(3)));
    const b = Array.from({ length: 3 }, () => Array.from(rng.randn(5)));
    const ab = a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
    expect(numericalRank(ab)).toBe(3);
    expect(numericalRank([[0, 0], [0, 0]])).toBe(0);
  });
  it("differentiates a polynomial exactly up to rounding", () => {
    const jac = parameterJacobian((p) => [p[0] * p[1], p[0] ** 2], [2, 3]);
    expectClose(jac.flat(), [3, 2, 4, 0], { atol: 1e-8 });
  });
});
