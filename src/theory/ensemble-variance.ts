// How much averaging M models helps (Algorytm 19). If each member's prediction at x has variance σ²
// and any two members' predictions have correlation ρ, the mean of M members has variance
//   Var = ρσ² + (1 − ρ)σ²/M,
// so the notes' hope that "the errors cancel" holds only for the (1 − ρ) part: members trained on the
// same data share its randomness, and ρσ² is a floor that no number of members removes.
// The estimates here come from a grid of runs predictions[r][k][j]: data set r (a fresh training set),
// member k (its own seed or bootstrap sample), point x_j. Per point, the one-way analysis of variance
// over data sets gives the within-data-set variance W (= (1 − ρ)σ²) and the covariance between two
// members on the same data C (= ρσ²), both unbiased:
//   W = mean_r s²_r (the members' sample variance within data set r),
//   C = s²(member means over r) − W/K.
// Both are averaged over the points. Estimate ρ and σ² from one set of data sets and measure the
// ensemble's variance on another, or the check is an identity.

export interface MemberCorrelation {
  /** σ² = C + W: the variance of one member's prediction, averaged over the points. */
  variance: number;
  /** C = ρσ²: the covariance of two members trained on the same data set. */
  covariance: number;
  /** W = (1 − ρ)σ²: the members' variance within one data set. */
  within: number;
  /** ρ = C/σ². */
  rho: number;
}

type Grid = readonly (readonly (ArrayLike<number>)[])[];

function checkGrid(predictions: Grid, op: string, minMembers: number): { R: number; K: number; J: number } {
  const R = predictions.length;
  if (R < 2) throw new RangeError(`${op}: need at least 2 data sets (got ${R})`);
  const K = predictions[0].length;
  if (K < minMembers) throw new RangeError(`${op}: need at least ${minMembers} members per data set (got ${K})`);
  const J = predictions[0][0].length;
  predictions.forEach((members, r) => {
    if (members.length !== K) throw new RangeError(`${op}: data set ${r} has ${members.length} members, data set 0 has ${K}`);
    members.forEach((p, k) => {
      if (p.length !== J) throw new RangeError(`${op}: data set ${r}, member ${k} has ${p.length} predictions, expected ${J}`);
    });
  });
  return { R, K, J };
}

/**
 * σ², C = ρσ², W = (1 − ρ)σ² and ρ from predictions[r][k][j] (see the file header).
 * @example
 * // two data sets, two members, one point: member means 1 and 3, within-set spreads 0 and 2
 * const c = theory.memberCorrelation([[[1], [1]], [[2], [4]]]);
 * expect(c.within).toBe(1);                       // mean of s² = 0 and 2
 * expect(c.covariance).toBe(2 - 1 / 2);           // s² of (1, 3) minus W/K
 */
export function memberCorrelation(predictions: Grid): MemberCorrelation {
  const { R, K, J } = checkGrid(predictions, "memberCorrelation", 2);
  let within = 0;
  let covariance = 0;
  for (let j = 0; j < J; j++) {
    const means = new Float64Array(R);
    let w = 0;
    for (let r = 0; r < R; r++) {
      let m = 0;
      for (let k = 0; k < K; k++) m += predictions[r][k][j] / K;
      let s = 0;
      for (let k = 0; k < K; k++) s += (predictions[r][k][j] - m) ** 2;
      w += s / (K - 1) / R;
      means[r] = m;
    }
    within += w / J;
    covariance += (sampleVariance(means) - w / K) / J;
  }
  const variance = covariance + within;
  return { variance, covariance, within, rho: covariance / variance };
}

/**
 * ρσ² + (1 − ρ)σ²/M: the variance of the mean of M members with variance σ² and correlation ρ.
 * @example
 * expect(theory.averagedVariance(1, 0, 4)).toBe(0.25);      // independent: σ²/M
 * expect(theory.averagedVariance(1, 0.2, 1e9)).toBeCloseTo(0.2, 8);   // the floor ρσ²
 */
export function averagedVariance(variance: number, rho: number, members: number): number {
  if (!Number.isInteger(members) || members < 1) throw new RangeError(`averagedVariance: members must be a positive integer (got ${members})`);
  return rho * variance + ((1 - rho) * variance) / members;
}

/**
 * The measured variance, over data sets, of the mean of the first M members, averaged over the points.
 * @example
 * expect(theory.ensembleMeanVariance([[[1], [3]], [[2], [6]]], 2)).toBe(2);   // means 2 and 4
 */
export function ensembleMeanVariance(predictions: Grid, members: number): number {
  const { R, K, J } = checkGrid(predictions, "ensembleMeanVariance", 1);
  if (!Number.isInteger(members) || members < 1 || members > K) throw new RangeError(`ensembleMeanVariance: members must be an integer in [1, ${K}] (got ${members})`);
  let total = 0;
  for (let j = 0; j < J; j++) {
    const means = new Float64Array(R);
    for (let r = 0; r < R; r++) for (let k = 0; k < members; k++) means[r] += predictions[r][k][j] / members;
    total += sampleVariance(means) / J;
  }
  return total;
}

function sampleVariance(values: Float64Array): number {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let s = 0;
  for (const v of values) s += (v - mean) ** 2;
  return s / (n - 1);
}
