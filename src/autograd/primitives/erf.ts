// Primitives: the error function erf x = (2/√π)∫₀ˣ e^{−t²} dt, its complement erfc x = 1 − erf x,
// and the standard normal CDF Φ(z) = ½ erfc(−z/√2) that GELU needs (Definicja 4). erfc and Φ are
// primitives of their own because ½(1 + erf(z/√2)) cancels in the lower tail: at z = −10 erf rounds to
// −1 and Φ to 0, while erfc(7.07) = 1.5e-23 is computed directly. JavaScript has no Math.erf, and
// composing it from exp and a series would lose digits, so these are kernels: W. J. Cody's rational approximations (Cody 1969, "Rational
// Chebyshev approximations for the error function", Math. Comp. 23; coefficients of his CALERF,
// SPECFUN / ACM TOMS 715), accurate to about 18 digits in exact arithmetic, a few ulp in float64.
//   |x| ≤ 0.46875:      erf x  = x·R₁(x²)
//   0.46875 < |x| ≤ 4:  erfc x = e^{−x²}·R₂(x)
//   |x| > 4:            erfc x = e^{−x²}/x·(1/√π − R₃(1/x²)), and erf x = 1 − erfc x
//   x < 0:              erf x = −erf(−x), erfc x = 2 − erfc(−x)
// e^{−x²} is formed as e^{−s²}·e^{−(x−s)(x+s)} with s = x rounded down to 1/16, so the square of x
// is not rounded before it is exponentiated (Cody's device).
// Φ(z) needs one more step: erfc's relative condition number is 2y² at y = −z/√2, so the half-ulp
// rounding of z/√2 alone would cost 2y²/2 ulp (~200 ulp at z = −30). The argument is therefore carried
// as y + δ, δ the rounding error of the product (Dekker's exact product, √½ to twice double
// precision), and erfc(y + δ) = erfc(y) − (2/√π)e^{−y²}·δ, exact to first order since δ ~ 1e-16·y.

import { record } from "../engine";
import { mapUnary, type UnaryKernel } from "../../tensor/elementwise";
import type { Tensor } from "../../tensor/tensor";
import { mul, neg } from "./arithmetic";

/* eslint-disable no-loss-of-precision -- Cody's coefficients as published, to compare digit by digit; each rounds to the nearest double */
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 2.33520497626869185e-3];
const ONE_OVER_SQRT_PI = 0.56418958354775628695;
/* eslint-enable no-loss-of-precision */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_2PI = 0.3989422804014327;
/** √½ = SQRT1_2_HI + SQRT1_2_LO to about 32 digits. */
const SQRT1_2_HI = Math.SQRT1_2;
const SQRT1_2_LO = -4.833646656726457e-17;

/**
 * e^{−c·y²} for y ≥ 0 and c = 1 or ½, without rounding y² first: y = s + (y − s) with s a multiple
 * of 1/16, so c·s² is exact and only the small c·(y − s)(y + s) is rounded.
 */
function expMinusSquare(y: number, c = 1): number {
  if (c * y * y > 745.2) return 0; // below half the smallest subnormal (and y = ∞ would give ∞ − ∞ below)
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-c * s * s) * Math.exp(-c * (y - s) * (y + s));
}

/** a·b − fl(a·b) exactly (Dekker's product with Veltkamp's split; |a|, |b| < 1e300). */
function productError(a: number, b: number, product: number): number {
  const split = (v: number) => {
    const t = 134217729 * v; // 2²⁷ + 1
    return t - (t - v);
  };
  const aHi = split(a);
  const aLo = a - aHi;
  const bHi = split(b);
  const bLo = b - bHi;
  return aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcPositive(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return expMinusSquare(y) * ((num + C[7]) / (den + D[7]));
  }
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * z;
    den = (den + Q[i]) * z;
  }
  const r = (z * (num + P[4])) / (den + Q[4]);
  return (expMinusSquare(y) * (ONE_OVER_SQRT_PI - r)) / y;
}

/** erf x for |x| ≤ 0.46875 (Cody's first interval). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/** erf of one number (exported for tests and for plain-JS references elsewhere). */
export function erfScalar(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (Number.isNaN(y)) return NaN;
  const r = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -r : r;
}

/** erfc of one number: 1 − erf x near 0 (where erf ≤ ½, so nothing cancels), Cody's erfc beyond. */
function erfcScalar(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 0.5 - erfSmall(x) + 0.5;
  if (Number.isNaN(y)) return NaN;
  const r = erfcPositive(y);
  return x < 0 ? 2 - r : r;
}

/** Φ(z) = ½ erfc(−z/√2) of one number, with the rounding error of −z/√2 carried (see the header). */
function normalCdfScalar(z: number): number {
  const y = -z * SQRT1_2_HI;
  const r = erfcScalar(y);
  if (!(Math.abs(y) > 0.46875 && Math.abs(y) < 27.3)) return 0.5 * r; // erfc is well conditioned, or 0 / 2
  const delta = -productError(z, SQRT1_2_HI, -y) - z * SQRT1_2_LO; // (−z/√2) − y
  return 0.5 * (r - TWO_OVER_SQRT_PI * expMinusSquare(Math.abs(y)) * delta);
}

const erfKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = erfScalar(x[i]);
};
// e^{−x²} by Cody's device too: Math.exp(−x·x) would round x² first, a relative error of up to
// x²·2⁻⁵³ in the result (~700 ulp at x = 27).
const erfDerivativeKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = TWO_OVER_SQRT_PI * expMinusSquare(Math.abs(x[i]));
};
/**
 * erf x;  d/dx = (2/√π)·e^{−x²}
 * @example
 * const y = erf(tensor([0, 1, -1])).tolist() as number[];
 * expect(y[0]).toBe(0);
 * expect(y[1]).toBeCloseTo(0.8427007929497149, 15);    // erf(1) = 0.84270 07929 49715 (Abramowitz & Stegun, table 7.1)
 * expect(y[2]).toBeCloseTo(-0.8427007929497149, 15);   // odd
 */
export function erf(x: Tensor): Tensor {
  const out = mapUnary(x, erfKernel);
  return record(out, "erf", [x], (g) => [mul(g, mapUnary(x, erfDerivativeKernel))]);
}

const erfcKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = erfcScalar(x[i]);
};
/**
 * erfc x = 1 − erf x, accurate where it is tiny (x ≫ 0);  d/dx = −(2/√π)·e^{−x²}
 * @example
 * expect(erfc(tensor([0])).item()).toBe(1);
 * expect(erfc(tensor([10])).item()).toBeCloseTo(2.0884875837625447e-45, 58);   // 1 − erf(10) would be 0
 */
export function erfc(x: Tensor): Tensor {
  const out = mapUnary(x, erfcKernel);
  return record(out, "erfc", [x], (g) => [neg(mul(g, mapUnary(x, erfDerivativeKernel)))]);
}

const normalCdfKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = normalCdfScalar(x[i]);
};
// φ(z) = e^{−z²/2}/√(2π), with z² split as above rather than rounded.
const normalPdfKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = ONE_OVER_SQRT_2PI * expMinusSquare(Math.abs(x[i]), 0.5);
};
/**
 * Φ(z), the standard normal CDF (PyTorch's special.ndtr), accurate to a few ulp in both tails;
 * d/dz = φ(z) = e^{−z²/2}/√(2π)
 * @example
 * expect(normalCdf(tensor([0])).item()).toBe(0.5);
 * expect(normalCdf(tensor([-10])).item()).toBeCloseTo(7.619853024160527e-24, 35);
 */
export function normalCdf(x: Tensor): Tensor {
  const out = mapUnary(x, normalCdfKernel);
  return record(out, "normalCdf", [x], (g) => [mul(g, mapUnary(x, normalPdfKernel))]);
}
