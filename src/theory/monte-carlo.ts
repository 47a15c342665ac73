// Monte-Carlo estimates with their standard error and a 95 % confidence interval. The lectures'
// probabilistic claims (lecture 3, Propozycja 1–3: E[ReLU(a)²] = σ²/2, E[f′] = 0, σ²_{f′} = ½D_fσ²_Ωσ²_f;
// lecture 2, the noise/bias/variance split) are checked by sampling, and a sampled number is only
// evidence together with its uncertainty: a claim passes when its interval covers the predicted value,
// never against a tolerance picked by eye.
//
// The interval is the normal one, mean ± z·s/√n with z = Φ⁻¹(0.975) — valid by the central limit
// theorem for the sample sizes used here (n in the thousands); the variance is the unbiased sample
// variance, accumulated with Welford's update so that a large mean does not cancel the digits.

import { RandomState } from "../data/random";

/**
 * Φ⁻¹(0.975): the two-sided 95 % quantile of the standard normal.
 * @example
 * // Φ(Z95) = ½(1 + erf(Z95/√2)) = 0.975
 * expect(0.5 * (1 + erf(tensor(theory.Z95 / Math.SQRT2)).item())).toBeCloseTo(0.975, 14);
 */
export const Z95 = 1.959963984540054;

export interface Estimate {
  /** Sample mean. */
  mean: number;
  /** Unbiased sample variance (divides by n − 1). */
  variance: number;
  /** Standard error of the mean, √(variance / n). */
  standardError: number;
  /** mean ∓ 1.96·standardError. */
  ci95: [number, number];
  /** Number of samples. */
  n: number;
}

/**
 * Mean, variance, standard error and 95 % interval of the values given.
 * @example
 * const e = theory.meanWithCI([1, 2, 3, 4]);
 * expect([e.mean, e.n]).toEqual([2.5, 4]);
 * expect(e.variance).toBeCloseTo(5 / 3, 15);                              // Σ(x − 2.5)²/(n − 1)
 * expect(e.ci95[1]).toBeCloseTo(2.5 + theory.Z95 * Math.sqrt(5 / 12), 15);
 */
export function meanWithCI(values: ArrayLike<number>): Estimate {
  const n = values.length;
  if (n < 2) throw new Error(`meanWithCI: need at least 2 values for a variance (got ${n})`);
  let mean = 0;
  let m2 = 0; // Σ (x − mean)², updated as in Welford 1962
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) throw new Error(`meanWithCI: value ${i} is ${x}`);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const variance = m2 / (n - 1);
  const standardError = Math.sqrt(variance / n);
  return { mean, variance, standardError, ci95: [mean - Z95 * standardError, mean + Z95 * standardError], n };
}

export interface EstimateOptions {
  /** Seed of the generator handed to sampleFn (default 0). */
  seed?: number;
}

/**
 * Draws n samples sampleFn(rng) from a generator seeded with `seed` and summarises them.
 * The same seed gives the same samples, so an estimate in a notebook is reproducible.
 * @example
 * const e = theory.estimate((rng) => rng.randomSample() ** 2, 10000, { seed: 0 });   // E[U²] = 1/3
 * expect(theory.covers(e, 1 / 3)).toBe(true);
 * expect(e.standardError).toBeLessThan(0.005);
 */
export function estimate(sampleFn: (rng: RandomState) => number, n: number, options: EstimateOptions = {}): Estimate {
  if (!Number.isInteger(n) || n < 2) throw new Error(`estimate: n must be an integer ≥ 2 (got ${n})`);
  const rng = new RandomState(options.seed ?? 0);
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = sampleFn(rng);
    if (!Number.isFinite(x)) throw new Error(`estimate: sample ${i} is ${x}`);
    samples[i] = x;
  }
  return meanWithCI(samples);
}

/**
 * True when the 95 % interval of the estimate contains `value`.
 * @example
 * const e = theory.meanWithCI([1, 2, 3, 4]);                              // 2.5 ± 1.27
 * expect([theory.covers(e, 2), theory.covers(e, 4)]).toEqual([true, false]);
 */
export function covers(est: Estimate, value: number): boolean {
  return est.ci95[0] <= value && value <= est.ci95[1];
}

/**
 * Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
 * Used for intervals at other levels and for Bonferroni bounds when many layers are tested at once:
 * m intervals that jointly cover with probability 1 − α use z = Φ⁻¹(1 − α/(2m)).
 * @example
 * expect(theory.normalQuantile(0.5)).toBe(0);
 * expect(theory.normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);   // published Φ⁻¹(0.975)
 * expect(theory.normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 8);
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must lie in (0, 1) (got ${p})`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow || p > 1 - pLow) {
    // tails: q = √(−2 log p) for the nearer tail, then the sign of that tail
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < pLow ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
