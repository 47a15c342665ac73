// Primitive: the error function erf x = (2/√π)∫₀ˣ e^{−t²} dt, which GELU needs for Φ(z) =
// ½(1 + erf(z/√2)) (Definicja 4). JavaScript has no Math.erf, and composing it from exp and a series
// would lose digits, so this is a kernel: W. J. Cody's rational approximations (Cody 1969, "Rational
// Chebyshev approximations for the error function", Math. Comp. 23; coefficients of his CALERF,
// SPECFUN / ACM TOMS 715), accurate to about 18 digits in exact arithmetic, a few ulp in float64.
//   |x| ≤ 0.46875:      erf x  = x·R₁(x²)
//   0.46875 < |x| ≤ 4:  erfc x = e^{−x²}·R₂(x)
//   |x| > 4:            erfc x = e^{−x²}/x·(1/√π − R₃(1/x²))/…, and erf x = 1 − erfc x
// e^{−x²} is formed as e^{−s²}·e^{−(x−s)(x+s)} with s = x rounded down to 1/16, so the square of x
// is not rounded before it is exponentiated (Cody's device).

import { record } from "../engine";
import { mapUnary, type UnaryKernel } from "../../tensor/elementwise";
import type { Tensor } from "../../tensor/tensor";
import { mul } from "./arithmetic";

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

/** e^{−y²} without rounding y² first: y = s + (y − s) with s a multiple of 1/16. */
function expMinusSquare(y: number): number {
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
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
  if (y >= 26.543) return 0; // e^{−y²} underflows
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

/** erf of one number (exported for tests and for plain-JS references elsewhere). */
export function erfScalar(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const z = y * y;
    let num = A[4] * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]) * z;
      den = (den + B[i]) * z;
    }
    return (x * (num + A[3])) / (den + B[3]);
  }
  if (Number.isNaN(y)) return NaN;
  const r = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -r : r;
}

const erfKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = erfScalar(x[i]);
};
const erfDerivativeKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = TWO_OVER_SQRT_PI * Math.exp(-x[i] * x[i]);
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
