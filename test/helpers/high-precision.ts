// High-precision references for tail-accuracy tests: mathjs BigNumbers with 64 significant digits,
// fed with the exact value of a double (not its shortest decimal string, which can differ from it by
// half an ulp), and an error measure in units in the last place of the correctly rounded result.
// The functions here are written from their definitions (series where 1 + tiny would round away
// even in 64 digits), sharing nothing with the library's Math.log1p / Math.expm1 / Cody code paths.

import { all, create, type BigNumber } from "mathjs";

export const big = create(all, { number: "BigNumber", precision: 64 });
export type Big = BigNumber;

/** Points for tail tests: eᶻ is the smallest subnormal at −745, 1 + z rounds to 1 at ±1e-8, e^{±700} is near the limits. */
export const TAIL_POINTS = [-745, -700, -100, -40, -30, -10, -1e-8, 0, 1e-8, 10, 30, 40, 100, 700];

const TWO = big.bignumber(2);
/** π to 64 digits (mathjs types big.pi as a number; it is a BigNumber in this instance). */
export const PI = big.pi as unknown as Big;
const ONE = big.bignumber(1);
const DIGITS = 1e-70; // series terms below this (relative) no longer matter at 64 digits

/** The exact value of the double x as a BigNumber: mantissa · 2^exponent read from its bits. */
export function exact(x: number): Big {
  if (!Number.isFinite(x)) throw new RangeError(`exact: ${x} is not finite`);
  if (x === 0) return big.bignumber(0);
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const value = big.bignumber(mantissa.toString()).times(TWO.pow(exponent));
  return x < 0 ? (value.neg()) : value;
}

/** ln(1 + u): the alternating series Σ (−1)^{k+1} u^k/k for |u| < 1e-3 (1 + u would round at 64 digits for tiny u). */
export function log1pBig(u: Big): Big {
  if (u.abs().lt(1e-3)) {
    let sum = big.bignumber(0);
    let power = u;
    for (let k = 1; k < 200; k++) {
      const term = power.div(k);
      sum = (k % 2 === 1 ? sum.plus(term) : sum.minus(term));
      if (term.abs().lte(sum.abs().times(DIGITS))) break;
      power = power.times(u);
    }
    return sum;
  }
  return ONE.plus(u).ln();
}

/** eˣ − 1: the series Σ x^k/k! for |x| < 1e-3, else exp(x) − 1 (no cancellation at 64 digits then). */
export function expm1Big(x: Big): Big {
  if (x.abs().lt(1e-3)) {
    let sum = big.bignumber(0);
    let term = x;
    for (let k = 2; k < 200; k++) {
      sum = sum.plus(term);
      term = term.times(x).div(k);
      if (term.abs().lte(sum.abs().times(DIGITS))) break;
    }
    return sum;
  }
  return x.exp().minus(ONE);
}

/** σ(z) = 1/(1 + e^{−z}) */
export function sigmoidBig(z: Big): Big {
  return ONE.div(ONE.plus(z.neg().exp()));
}

/** softplus(z) = ln(1 + eᶻ), as z + ln(1 + e^{−z}) for z > 0. */
export function softplusBig(z: Big): Big {
  return z.isPositive() ? (z.plus(log1pBig(z.neg().exp()))) : log1pBig(z.exp());
}

/** tanh u = (e^{2u} − 1)/(e^{2u} + 1), through expm1 so a tiny u keeps its digits. */
export function tanhBig(u: Big): Big {
  const e = expm1Big(u.times(2));
  return e.div(e.plus(2));
}

/** sech²u = 4/(eᵘ + e⁻ᵘ)² */
export function sech2Big(u: Big): Big {
  return big.bignumber(4).div(u.exp().plus(u.neg().exp()).pow(2));
}

/**
 * erfc x for any real x: the Maclaurin series of erf for |x| ≤ 2 (its largest term is below e⁴,
 * so 64 digits leave ~60 after cancellation) and the continued fraction
 * erfc x = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) beyond, evaluated bottom-up; erfc(−x) = 2 − erfc x.
 */
export function erfcBig(x: Big): Big {
  if (x.isNegative()) return TWO.minus(erfcBig(x.neg()));
  const sqrtPi = PI.sqrt();
  if (x.lte(2)) {
    const x2 = x.times(x);
    let sum = big.bignumber(0);
    let power = x; // (−1)ⁿ x^{2n+1}/n!
    for (let n = 0; n < 400; n++) {
      const term = power.div(2 * n + 1);
      sum = sum.plus(term);
      if (term.abs().lte(DIGITS)) break;
      power = power.times(x2).neg().div(n + 1);
    }
    return ONE.minus(sum.times(2).div(sqrtPi));
  }
  // Bottom-up: f = x + (k/2)/f for k = K … 1. K terms suffice when K ≫ 1/x²·(digits); 3000 is ample for x > 2.
  let f = x;
  for (let k = 3000; k >= 1; k--) f = x.plus(big.bignumber(k).div(2).div(f));
  return x.times(x).neg().exp().div(sqrtPi).div(f);
}

/** Φ(z) = ½ erfc(−z/√2), the standard normal CDF. */
export function normalCdfBig(z: Big): Big {
  return erfcBig(z.neg().div(TWO.sqrt())).div(2);
}

/** φ(z) = e^{−z²/2}/√(2π) */
export function normalPdfBig(z: Big): Big {
  return z.times(z).div(-2).exp().div(TWO.times(PI).sqrt());
}

/** The spacing of doubles at |d|: 2^(e − 52) for a normal d with 2^e ≤ |d| < 2^(e+1), 2^−1074 for a subnormal or 0. */
export function ulpOf(d: number): Big {
  const a = Math.abs(d);
  if (a < 2 ** -1022) return TWO.pow(-1074);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--; // log2 may round up just below a power of two
  if (2 ** (e + 1) <= a) e++;
  return TWO.pow(e - 52);
}

/** Nearest double to a BigNumber (decimal.js rounds its decimal string correctly). */
function toDouble(x: Big): number {
  return x.toNumber();
}

/**
 * |computed − truth| in units of the last place of the correctly rounded truth. A correctly rounded
 * result scores ≤ 0.5; where the truth is subnormal the unit is 2^−1074, so this is also the absolute
 * error in subnormal steps; ±∞ or NaN against a finite truth scores Infinity.
 */
export function ulpError(computed: number, truth: Big): number {
  if (!Number.isFinite(computed)) return Infinity;
  return exact(computed).minus(truth).abs().div(ulpOf(toDouble(truth))).toNumber();
}

/** |computed − truth| / |truth| (Infinity when the truth is 0 and computed is not). */
export function relativeError(computed: number, truth: Big): number {
  if (!Number.isFinite(computed)) return Infinity;
  const diff = exact(computed).minus(truth).abs();
  if (truth.isZero()) return diff.isZero() ? 0 : Infinity;
  return diff.div(truth.abs()).toNumber();
}

const SMALLEST_NORMAL = 2 ** -1022;

/**
 * Asserts that every computed value lies within `bound` ulps of its high-precision truth (the ulp of
 * the correctly rounded truth, so 2^−1074 where the truth is subnormal), that a truth which rounds to
 * 0 gives exactly ±0, and that a subnormal truth gives a subnormal. Fails with a table of the
 * offending points: z, computed, truth, ulps.
 */
export function expectWithinUlps(label: string, zs: readonly number[], computed: ArrayLike<number>, truths: readonly Big[], bound: number): void {
  const failures: string[] = [];
  zs.forEach((z, i) => {
    const c = computed[i];
    const t = truths[i];
    const rounded = toDouble(t);
    const ulps = ulpError(c, t);
    const underflow = rounded === 0 && c !== 0;
    const lostSubnormal = rounded !== 0 && Math.abs(rounded) < SMALLEST_NORMAL && !(Math.abs(c) < SMALLEST_NORMAL && c !== 0);
    if (ulps > bound || underflow || lostSubnormal) {
      failures.push(`  z = ${z}: computed ${c}, truth ${t.toSignificantDigits(20).toString()} (rounds to ${rounded}), ${ulps.toPrecision(3)} ulp`);
    }
  });
  if (failures.length > 0) throw new Error(`${label}: ${failures.length} of ${zs.length} points are more than ${bound} ulp from the truth:\n${failures.join("\n")}`);
}
