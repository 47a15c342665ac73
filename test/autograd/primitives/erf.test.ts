// The erf, erfc and normalCdf primitives: published values, an independent series / continued-fraction
// reference, the symmetry erf(−x) = −erf(x), the closed-form derivatives, gradcheck, and the tails
// against 64-digit BigNumber references.
import { describe, expect, test } from "vitest";
import { gradcheck, tensor } from "../../../src/index";
import { erf, erfc, erfScalar, normalCdf } from "../../../src/autograd/primitives/erf";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { erfReference } from "../../helpers/erf-reference";
import { big, erfcBig, exact, expectWithinUlps, normalCdfBig, normalPdfBig, PI } from "../../helpers/high-precision";

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

describe("erfc and the normal CDF in the tails (float64, 64-digit references)", () => {
  // The bound, in ulp of the correctly rounded truth (2^−1074 where it is subnormal): Cody's erfc is
  // good to ~2 ulp; Φ adds the product z/√2, whose rounding error it carries (see erf.ts).
  const BOUND = 4;
  const twoOverSqrtPi = big.bignumber(2).div(PI.sqrt());

  test("erfc and its derivative −(2/√π)e^{−x²} from −30 to 27.3 (the last subnormal) and beyond", () => {
    const xs = [-30, -5, -1, -0.3, -1e-10, 0, 1e-10, 0.3, 0.46875, 0.5, 1, 3.99, 4.01, 7.07, 10, 20, 26.6, 27, 27.2, 27.3, 40];
    const x = tensor(xs, { requiresGrad: true });
    const y = erfc(x);
    y.sum().backward();
    expectWithinUlps("erfc(x)", xs, y.toArray(), xs.map((v) => erfcBig(exact(v))), BOUND);
    const derivative = (v: number) => twoOverSqrtPi.times(exact(v).pow(2).neg().exp()).neg();
    expectWithinUlps("erfc′(x)", xs, x.grad!.toArray(), xs.map(derivative), BOUND);
  });

  test("Φ(z) and its derivative φ(z) from −40 to 40: z/√2 rounded alone would cost ~200 ulp at z = −30", () => {
    const zs = [-40, -38.5, -37.5, -30, -20, -10, -5, -1, -1e-8, 0, 1e-8, 0.6, 1, 5, 8.3, 10, 40];
    const z = tensor(zs, { requiresGrad: true });
    const y = normalCdf(z);
    y.sum().backward();
    expectWithinUlps("Φ(z)", zs, y.toArray(), zs.map((v) => normalCdfBig(exact(v))), BOUND);
    expectWithinUlps("φ(z)", zs, z.grad!.toArray(), zs.map((v) => normalPdfBig(exact(v))), BOUND);
  });

  test("erfc(x) + erf(x) = 1 and Φ(z) = ½erfc(−z/√2) on [−3, 3]; gradcheck", () => {
    const x = randomTensor([50], { low: -3, high: 3 });
    expectClose(erfc(x).add(erf(x)).toArray(), new Array(50).fill(1), { rtol: 4e-16 });
    expectClose(normalCdf(x).toArray(), Array.from(x.toArray(), (v) => 0.5 * (1 + erfReference(v / Math.SQRT2))), { rtol: 1e-14, atol: 1e-16 });
    const t = randomTensor([3, 4], { low: -3, high: 3, requiresGrad: true, seed: 4 });
    expect(gradcheck((t) => erfc(t).mul(t), [t]).ok).toBe(true);
    expect(gradcheck((t) => normalCdf(t).mul(t), [t]).ok).toBe(true);
  });

  test("NaN and ±∞", () => {
    expect(erfc(tensor([NaN, -Infinity, Infinity])).tolist()).toEqual([NaN, 2, 0]);
    expect(normalCdf(tensor([NaN, -Infinity, Infinity])).tolist()).toEqual([NaN, 0, 1]);
  });
});
