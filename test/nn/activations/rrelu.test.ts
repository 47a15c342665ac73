import { describe, expect, test } from "vitest";
import { RReLU, rrelu } from "../../../src/nn/activations/rrelu";
import { gradcheck, RandomState, tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { checkActivation } from "./check-activation";

// In evaluation mode RReLU is LeakyReLU with the mean slope (lower + upper)/2.
const mean = (1 / 8 + 1 / 3) / 2;
checkActivation({
  name: "rrelu (evaluation)",
  fn: (x) => rrelu(x),
  module: new RReLU().eval(),
  value: (x) => (x > 0 ? x : mean * x),
  derivative: (x) => (x > 0 ? 1 : mean),
});

describe("rrelu in training", () => {
  test("each negative element gets its own slope α ~ U(lower, upper) from the generator, in row-major order", () => {
    const x = tensor([-1, 2, -3, -4, 5, -6]);
    const y = rrelu(x, { lower: 0.1, upper: 0.3, training: true, generator: new RandomState(7) });
    const g = new RandomState(7);
    const expected = [-1, 2, -3, -4, 5, -6].map((v) => {
      const a = 0.1 + 0.2 * g.randomSample();
      return v > 0 ? v : a * v;
    });
    expectClose(y.toArray(), expected, { rtol: 1e-15 });
  });

  test("the slopes' mean and variance match U(lower, upper) within 5 standard errors", () => {
    const n = 20000;
    const y = rrelu(tensor(new Float64Array(n).fill(-1)), { lower: 0.2, upper: 0.6, training: true, generator: new RandomState(1) });
    const a = Array.from(y.toArray(), (v) => -v);
    const m = a.reduce((s, v) => s + v, 0) / n;
    const v = a.reduce((s, t) => s + (t - m) ** 2, 0) / (n - 1);
    const sd = 0.4 / Math.sqrt(12); // of U(0.2, 0.6)
    expect(Math.abs(m - 0.4)).toBeLessThan((5 * sd) / Math.sqrt(n));
    // Var of the sample variance of U: (μ₄ − σ⁴)/n with μ₄ = 9σ⁴/5 for a uniform
    expect(Math.abs(v - sd * sd)).toBeLessThan(5 * Math.sqrt(((9 / 5 - 1) * sd ** 4) / n));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...a)).toBeLessThan(0.6);
  });

  test("the module draws in training mode and is deterministic given a generator; gradcheck with fixed draws", () => {
    const x = randomTensor([3, 4], { requiresGrad: true });
    const a = new RReLU(0.1, 0.5, { generator: new RandomState(3) }).forward(x);
    const b = new RReLU(0.1, 0.5, { generator: new RandomState(3) }).forward(x);
    expect(a.tolist()).toEqual(b.tolist());
    expect(gradcheck((t) => rrelu(t, { training: true, generator: new RandomState(4) }).sum(), [x]).ok).toBe(true);
  });

  test("bad bounds are named", () => {
    expect(() => new RReLU(0.5, 0.2)).toThrow(/lower 0.5, upper 0.2/);
  });
});
