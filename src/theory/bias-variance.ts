// The noise / bias / variance decomposition as an experiment (lecture 2, "Źródłami błędu…"):
//   E_D[E_y[L[x]]] = E_D[(f[x, ϕ[D]] − f_µ[x])²] + (f_µ[x] − µ[x])² + σ²[x]
//                     variance                     bias²               noise
// with f_µ[x] = E_D[f[x, ϕ[D]]], averaged over the test points. Each term is measured on its own,
// from its own draws, so that their sum can be compared with the loss measured directly:
//   noise     from pairs of fresh labels at each test point: E[(y₁ − y₂)²/2] = σ²[x] (no use of σ);
//   variance  from M training sets, unbiased (divides by m − 1) within each of G groups of m = M/G;
//   bias²     from the same groups, (f̄_g − µ)² − s²_g/m, unbiased because E[(f̄_g − µ)²] = bias² + Var/m;
//   test loss from other, fresh training sets, each scored on fresh noisy labels at the test points.
// Why groups: the M fits are independent but the per-point terms are correlated across test points
// (they share fits); G independent group estimates give a standard error with no model of that
// correlation. Bias² and variance share the groups, so their sum gets its own interval.
// Pitfall: with independent uniform inputs a high-degree polynomial fit to few points is now and
// then wild (a nearly degenerate design), the variance has a heavy tail, and a Monte-Carlo mean of
// it says little; stratified inputs (one per bin) remove that tail.
// The four estimates use disjoint draws, so the standard error of (noise + bias² + variance − test
// loss) is the root sum of squares of the noise, bias²+variance and test-loss errors.

import { RandomState } from "../data/random";
import { meanWithCI, type Estimate } from "./monte-carlo";
import { fitPolynomial, polyval } from "./least-squares";

export interface BiasVarianceOptions {
  /** µ[x], the true function (labels are µ[x] + noiseStd·ε, ε ~ N(0, 1)). */
  trueFunction: (x: number) => number;
  /** σ of the additive Gaussian label noise; used only to draw labels, never in an estimate. */
  noiseStd: number;
  /** Fits one model to a training set and returns its prediction function. */
  fit: (x: number[], y: number[]) => (x: number) => number;
  /** Points x at which the loss is evaluated (the test distribution is uniform over them). */
  testPoints: number[];
  /** Points per training set. */
  trainingSize: number;
  /** Number M of training sets for bias² and variance (default 400), a multiple of `groups`. */
  trainingSets?: number;
  /** Number G of independent groups the M training sets are split into (default 20, at least 2). */
  groups?: number;
  /** Fresh training sets for the directly measured test loss (default: as many as trainingSets). */
  lossSets?: number;
  /** Pairs of fresh labels per test point for the noise (default 50). */
  labelPairs?: number;
  /** Interval the training inputs are drawn from uniformly (default [0, 1]). */
  domain?: [number, number];
  /**
   * "uniform" (default): independent uniform inputs. "stratified": one uniform input in each of
   * trainingSize equal bins of the domain — never a nearly degenerate training set, so a
   * high-degree fit's variance has no heavy tail.
   */
  inputs?: "uniform" | "stratified";
  /** Seed for inputs and labels (default 0). */
  seed?: number;
}

export interface BiasVarianceResult {
  /** σ² from fresh label pairs (y₁ − y₂)²/2 at every test point. */
  noise: Estimate;
  /** (f_µ − µ)² averaged over the test points: mean and spread of the G group estimates. */
  bias2: Estimate;
  /** E_D[(f − f_µ)²] averaged over the test points: mean and spread of the G group estimates. */
  variance: Estimate;
  /** bias² + variance per group (the two share training sets, so their errors are correlated). */
  biasPlusVariance: Estimate;
  /** (f[x] − y)² on fresh training sets and fresh labels, averaged over the test points, per training set. */
  testLoss: Estimate;
  /** noise + bias² + variance − test loss, with its standard error (zero in expectation). */
  gap: { value: number; standardError: number };
  /** Per test point, pooled over all M fits: bias² (f̄ − µ)² − s²/M and the unbiased variance s². */
  perPoint: { bias2: number[]; variance: number[] };
}

/**
 * Runs the experiment and returns the three terms and the directly measured loss, each with its error.
 * @example
 * const r = theory.biasVarianceDecomposition({
 *   trueFunction: (x) => 2 * x, noiseStd: 0.1, fit: theory.polynomialFit(1),
 *   testPoints: [0.25, 0.75], trainingSize: 5, trainingSets: 100, groups: 10,
 * });
 * expect(Math.abs(r.noise.mean - 0.01)).toBeLessThan(4 * r.noise.standardError);   // σ², from fresh label pairs
 * expect(Math.abs(r.gap.value)).toBeLessThan(4 * r.gap.standardError);             // noise + bias² + variance = test loss
 * expect(r.bias2.mean).toBeLessThan(r.variance.mean);                              // a line fits a line: no bias
 */
export function biasVarianceDecomposition(options: BiasVarianceOptions): BiasVarianceResult {
  const { trueFunction, noiseStd, fit, testPoints, trainingSize } = options;
  const M = options.trainingSets ?? 400;
  const G = options.groups ?? 20;
  const lossSets = options.lossSets ?? M;
  const pairs = options.labelPairs ?? 50;
  const [lo, hi] = options.domain ?? [0, 1];
  const stratified = (options.inputs ?? "uniform") === "stratified";
  const name = "biasVarianceDecomposition";
  if (!(noiseStd >= 0) || !Number.isFinite(noiseStd)) throw new Error(`${name}: noiseStd must be ≥ 0 (got ${noiseStd})`);
  if (!Number.isInteger(G) || G < 2) throw new Error(`${name}: groups must be an integer ≥ 2 (got ${G})`);
  if (!Number.isInteger(M) || M < 2 * G || M % G !== 0) {
    throw new Error(`${name}: trainingSets must be a multiple of groups = ${G} with at least 2 per group (got ${M})`);
  }
  if (!Number.isInteger(lossSets) || lossSets < 2) throw new Error(`${name}: lossSets must be an integer ≥ 2 (got ${lossSets})`);
  if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`${name}: labelPairs must be a positive integer (got ${pairs})`);
  if (!Number.isInteger(trainingSize) || trainingSize < 1) throw new Error(`${name}: trainingSize must be a positive integer (got ${trainingSize})`);
  if (testPoints.length === 0) throw new Error(`${name}: no test points`);
  if (!(lo < hi)) throw new Error(`${name}: domain must have lo < hi (got [${lo}, ${hi}])`);
  if (options.inputs !== undefined && options.inputs !== "uniform" && options.inputs !== "stratified") {
    throw new Error(`${name}: inputs must be "uniform" or "stratified" (got ${JSON.stringify(options.inputs)})`);
  }
  const rng = new RandomState(options.seed ?? 0);
  const T = testPoints.length;
  const mu = testPoints.map(trueFunction);
  const label = (x: number) => trueFunction(x) + noiseStd * rng.standardNormal();
  const trainAndPredict = (set: number): number[] => {
    const u = (i: number) => (stratified ? (i + rng.randomSample()) / trainingSize : rng.randomSample()); // in [0, 1)
    const x = Array.from({ length: trainingSize }, (_, i) => lo + (hi - lo) * u(i));
    const model = fit(x, x.map(label));
    return testPoints.map((t) => {
      const f = model(t);
      if (!Number.isFinite(f)) throw new Error(`${name}: training set ${set} predicts ${f} at x = ${t}`);
      return f;
    });
  };

  // noise: (y₁ − y₂)²/2 for pairs of fresh labels at each test point
  const noiseSamples = new Float64Array(T * pairs);
  testPoints.forEach((t, i) => {
    for (let r = 0; r < pairs; r++) noiseSamples[i * pairs + r] = (label(t) - label(t)) ** 2 / 2;
  });

  // bias² and variance: G groups of m training sets
  const predictions = Array.from({ length: M }, (_, set) => trainAndPredict(set)); // (M, T)
  const m = M / G;
  const bias2Groups = new Float64Array(G);
  const varianceGroups = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const rows = predictions.slice(g * m, (g + 1) * m);
    const { bias2, variance } = pointTerms(rows, mu);
    bias2Groups[g] = average(bias2);
    varianceGroups[g] = average(variance);
  }

  // test loss: fresh training sets, each scored on a fresh label at every test point
  const lossSamples = new Float64Array(lossSets);
  for (let set = 0; set < lossSets; set++) {
    const f = trainAndPredict(M + set);
    lossSamples[set] = testPoints.reduce((s, t, i) => s + (f[i] - label(t)) ** 2, 0) / T;
  }

  const noise = meanWithCI(noiseSamples);
  const biasPlusVariance = meanWithCI(bias2Groups.map((b, g) => b + varianceGroups[g]));
  const testLoss = meanWithCI(lossSamples);
  return {
    noise,
    bias2: meanWithCI(bias2Groups),
    variance: meanWithCI(varianceGroups),
    biasPlusVariance,
    testLoss,
    gap: {
      value: noise.mean + biasPlusVariance.mean - testLoss.mean,
      standardError: Math.sqrt(noise.standardError ** 2 + biasPlusVariance.standardError ** 2 + testLoss.standardError ** 2),
    },
    perPoint: pointTerms(predictions, mu),
  };
}

/** Per test point, from the rows of predictions (fits × points): unbiased variance s² and bias² (f̄ − µ)² − s²/m. */
function pointTerms(rows: number[][], mu: number[]): { bias2: number[]; variance: number[] } {
  const m = rows.length;
  const bias2: number[] = [];
  const variance: number[] = [];
  mu.forEach((target, i) => {
    let mean = 0;
    for (const row of rows) mean += row[i];
    mean /= m;
    let ss = 0;
    for (const row of rows) ss += (row[i] - mean) ** 2;
    const s2 = ss / (m - 1);
    variance.push(s2);
    bias2.push((mean - target) ** 2 - s2 / m);
  });
  return { bias2, variance };
}

function average(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * A `fit` for biasVarianceDecomposition: least-squares polynomial of the given degree.
 * @example
 * const f = theory.polynomialFit(1)([0, 1], [1, 3]);                      // the line 1 + 2x
 * expect(f(2)).toBeCloseTo(5, 14);
 */
export function polynomialFit(degree: number): (x: number[], y: number[]) => (x: number) => number {
  return (x, y) => {
    const coefficients = fitPolynomial(x, y, degree);
    return (t) => polyval(coefficients, t);
  };
}
