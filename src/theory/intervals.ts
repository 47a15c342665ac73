// Confidence intervals over a handful of repetitions: the lectures' training experiments (learning-rate
// schedules, augmentation, transfer learning) are run over 3–10 seeds, and a mean over so few runs is
// evidence only with Student's t interval, mean ± t_{1−a/2, n−1}·s/√n — the normal 1.96 of
// monte-carlo.ts would be too narrow by a factor 2.2 at n = 3 (t = 4.30). Differences between two
// methods trained with the same seeds are paired (one difference per seed), which removes the
// seed-to-seed spread both share. The quantile comes from @stdlib (the inverse regularised
// incomplete beta function), not from a table.

// @stdlib's quantile loads about 400 small modules (≈70 ms, most of `import "deepnotes"`), so it is
// required on first use, as mathjs and mnist are: a notebook that never asks for a t interval does
// not pay for it.
let quantile: typeof import("@stdlib/stats-base-dists-t-quantile") | undefined;
function tQuantile(p: number, degreesOfFreedom: number): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, for the reason above
  quantile ??= require("@stdlib/stats-base-dists-t-quantile") as typeof import("@stdlib/stats-base-dists-t-quantile");
  return quantile(p, degreesOfFreedom);
}

export interface TInterval {
  /** Sample mean. */
  mean: number;
  /** Sample standard deviation (divides by n − 1). */
  std: number;
  /** s/√n. */
  standardError: number;
  /** t_{1−a/2, n−1}·s/√n: the interval is mean ± halfWidth. */
  halfWidth: number;
  /** [mean − halfWidth, mean + halfWidth]. */
  interval: [number, number];
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Number of values. */
  n: number;
}

export interface TIntervalOptions {
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
}

/**
 * Student's t interval for the mean of a few independent values.
 * @example
 * const ci = theory.tInterval([0.61, 0.58, 0.63]);   // three seeds
 * expect(ci.mean).toBeCloseTo(0.60667, 5);
 * expect(ci.halfWidth / ci.standardError).toBeCloseTo(4.3027, 4);   // t_{0.975, 2}
 */
export function tInterval(values: ArrayLike<number>, options: TIntervalOptions = {}): TInterval {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`tInterval: level must lie in (0, 1) (got ${level})`);
  const n = values.length;
  if (n < 2) throw new RangeError(`tInterval: need at least 2 values for a standard deviation (got ${n})`);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`tInterval: value ${i} is ${values[i]}`);
    mean += values[i] / n;
  }
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const std = Math.sqrt(squares / (n - 1));
  const standardError = std / Math.sqrt(n);
  const halfWidth = tQuantile(1 - (1 - level) / 2, n - 1) * standardError;
  return { mean, std, standardError, halfWidth, interval: [mean - halfWidth, mean + halfWidth], level, n };
}

/**
 * The t interval of the paired differences a[i] − b[i] (method a against method b, run i with the
 * same seed and data for both).
 * @example
 * const d = theory.pairedTInterval([0.62, 0.60, 0.65], [0.58, 0.57, 0.60]);
 * expect(d.mean).toBeCloseTo(0.04, 12);
 * expect(d.interval[0]).toBeGreaterThan(0);   // a beats b at the 95 % level
 */
export function pairedTInterval(a: ArrayLike<number>, b: ArrayLike<number>, options: TIntervalOptions = {}): TInterval {
  if (a.length !== b.length) throw new RangeError(`pairedTInterval: ${a.length} values against ${b.length}; pairs need equal lengths`);
  return tInterval(Array.from(a, (v, i) => v - b[i]), options);
}
