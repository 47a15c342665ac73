// The erf primitive: published values, an independent series / continued-fraction reference, the
// symmetry erf(−x) = −erf(x), its closed-form derivative (2/√π)e^{−x²}, and gradcheck.
import { describe, expect, test } from "vitest";
import { gradcheck, tensor } from "../../../src/index";
import { erf, erfScalar } from "../../../src/autograd/primitives/erf";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { erfReference } from "../../helpers/erf-reference";

/**
 * A reference erf that shares nothing with Cody's rational functions: the Maclaurin series
 * erf x = (2/√π) Σ (−1)ⁿ x^{2n+1} / (n!(2n+1)) for |x| ≤ 1 (beyond, its alternating terms cancel
 * to ~1e-15), and for larger |x| the continued fraction
 * erfc x = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))), evaluated bottom-up.
 */

describe("erf", () => {
  test("matches published values to 1e-15 relative", () => {
    // Abramowitz & Stegun table 7.1 / DLMF, rounded to double
    const published: [number, number][] = [
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [1.5, 0.9661051464753108],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
    ];
    for (const [x, v] of published) expectClose([erfScalar(x)], [v], { rtol: 1e-15 });
  });

  test("agrees with the series / continued-fraction reference on [−6, 6] to 1e-15 relative", () => {
    const xs = Array.from({ length: 1201 }, (_, i) => -6 + i * 0.01);
    expectClose(xs.map(erfScalar), xs.map(erfReference), { rtol: 1e-15, atol: 1e-300 });
  });

  test("is odd, 0 at 0, ±1 in the tails, NaN for NaN", () => {
    const xs = [0.01, 0.3, 0.46875, 0.47, 2.5, 3.99, 4.01, 10];
    expect(xs.map((x) => erfScalar(-x))).toEqual(xs.map((x) => -erfScalar(x)));
    expect(erfScalar(0)).toBe(0);
    expect(erfScalar(30)).toBe(1);
    expect(erfScalar(-Infinity)).toBe(-1);
    expect(erfScalar(NaN)).toBeNaN();
  });

  describe.each(["float64", "float32"] as const)("in %s", (dtype) => {
    const tol = dtype === "float64" ? { rtol: 1e-14, atol: 1e-15 } : { rtol: 2e-6, atol: 1e-7 };
    test("value and gradient of sum(erf(x)) = (2/√π)e^{−x²}", () => {
      const x = randomTensor([3, 7], { dtype, low: -3, high: 3, requiresGrad: true });
      const y = erf(x);
      expect(y.dtype).toBe(dtype);
      const xs = Array.from(x.toArray());
      expectClose(y.toArray(), xs.map(erfReference), tol);
      y.sum().backward();
      expectClose(x.grad!.toArray(), xs.map((v) => (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v)), tol);
    });
  });

  test("gradcheck in float64", () => {
    const x = randomTensor([4, 5], { low: -3, high: 3, requiresGrad: true });
    expect(gradcheck((t) => erf(t).mul(t), [x]).ok).toBe(true);
  });

  test("works on strided views", () => {
    const x = tensor([[0.5, 1], [2, -1]]);
    expectClose(erf(x.T).toArray(), [0.5, 2, 1, -1].map(erfReference), { rtol: 1e-15 });
  });
});
