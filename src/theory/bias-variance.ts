// The noise / bias / variance decomposition as an experiment (lecture 2, "Źródłami błędu…"):
//   E_D[E_y[L[x]]] = E_D[(f[x, ϕ[D]] − f_µ[x])²] + (f_µ[x] − µ[x])² + σ²[x]
//                     variance                     bias²               noise
// with f_µ[x] = E_D[f[x, ϕ[D]]]. The expectation over D is taken over M training sets drawn with the
// same sampler; the expectation over the test label y is exact, E_y[(f − y)²] = (f − µ)² + σ², since
// y = µ + σε. Replacing E_D by the average over the M fits, the identity holds exactly for the
// empirical quantities (the cross term Σ_m (f_m − f̄) vanishes by definition of f̄), so it is a check
// of the bookkeeping to rounding error; `sampledTestLoss` draws actual test labels instead and agrees
// only within its Monte-Carlo error.

import { RandomState } from "../data/random";
import { meanWithCI, type Estimate } from "./monte-carlo";
import { fitPolynomial, polyval } from "./least-squares";

export interface BiasVarianceOptions {
  /** µ[x], the true function. */
  trueFunction: (x: number) => number;
  /** σ of the additive Gaussian label noise. */
  noiseStd: number;
  /** Fits one model to a training set and returns its prediction function. */
  fit: (x: number[], y: number[]) => (x: number) => number;
  /** Points x at which the loss is evaluated (the test distribution is uniform over them). */
  testPoints: number[];
  /** Points per training set. */
  trainingSize: number;
  /** Number M of training sets (default 200). */
  trainingSets?: number;
  /** Interval the training inputs are drawn from uniformly (default [0, 1]). */
  domain?: [number, number];
  /** Seed for inputs and noise (default 0). */
  seed?: number;
}

export interface BiasVarianceResult {
  /** Mean over test points of (f̄[x] − µ[x])². */
  bias2: number;
  /** Mean over test points and training sets of (f_m[x] − f̄[x])². */
  variance: number;
  /** σ². */
  noise: number;
  /** Mean over test points and training sets of E_y[(f_m[x] − y)²] = (f_m[x] − µ[x])² + σ². */
  expectedTestLoss: number;
  /** (f_m[x] − y)² over fresh noisy test labels, averaged over test points per training set; the
   * interval comes from the M training sets (independent), not from the correlated test points. */
  sampledTestLoss: Estimate;
  /** Per test point: the three terms. */
  perPoint: { bias2: number[]; variance: number[] };
}

/**
 * Runs the experiment: M training sets, one fit each, predictions at every test point.
 * @example
 * const r = theory.biasVarianceDecomposition({
 *   trueFunction: (x) => 2 * x, noiseStd: 0.1, fit: theory.polynomialFit(1),
 *   testPoints: [0.25, 0.75], trainingSize: 5, trainingSets: 50,
 * });
 * expect(r.noise).toBeCloseTo(0.01, 15);                                  // σ²
 * expect(r.expectedTestLoss).toBeCloseTo(r.bias2 + r.variance + r.noise, 15);   // the decomposition
 * expect(r.bias2).toBeLessThan(r.variance);                               // a line fits a line: little bias
 */
export function biasVarianceDecomposition(options: BiasVarianceOptions): BiasVarianceResult {
  const { trueFunction, noiseStd, fit, testPoints, trainingSize } = options;
  const M = options.trainingSets ?? 200;
  const [lo, hi] = options.domain ?? [0, 1];
  if (!(noiseStd >= 0) || !Number.isFinite(noiseStd)) throw new Error(`biasVarianceDecomposition: noiseStd must be ≥ 0 (got ${noiseStd})`);
  if (!Number.isInteger(M) || M < 2) throw new Error(`biasVarianceDecomposition: trainingSets must be an integer ≥ 2 (got ${M})`);
  if (!Number.isInteger(trainingSize) || trainingSize < 1) throw new Error(`biasVarianceDecomposition: trainingSize must be a positive integer (got ${trainingSize})`);
  if (testPoints.length === 0) throw new Error("biasVarianceDecomposition: no test points");
  if (!(lo < hi)) throw new Error(`biasVarianceDecomposition: domain must have lo < hi (got [${lo}, ${hi}])`);
  const rng = new RandomState(options.seed ?? 0);
  const T = testPoints.length;
  const mu = testPoints.map(trueFunction);
  const predictions: number[][] = []; // (M, T)
  for (let m = 0; m < M; m++) {
    const x = Array.from({ length: trainingSize }, () => lo + (hi - lo) * rng.randomSample());
    const y = x.map((xi) => trueFunction(xi) + noiseStd * rng.standardNormal());
    const model = fit(x, y);
    const row = testPoints.map((t, i) => {
      const f = model(t);
      if (!Number.isFinite(f)) throw new Error(`biasVarianceDecomposition: training set ${m} predicts ${f} at x = ${testPoints[i]}`);
      return f;
    });
    predictions.push(row);
  }
  const noise = noiseStd * noiseStd;
  const bias2PerPoint: number[] = [];
  const variancePerPoint: number[] = [];
  let loss = 0;
  const sampled = new Float64Array(M); // per training set: mean over test points
  for (let i = 0; i < T; i++) {
    let mean = 0;
    for (let m = 0; m < M; m++) mean += predictions[m][i];
    mean /= M; // f̄[x_i]
    let v = 0;
    for (let m = 0; m < M; m++) {
      const f = predictions[m][i];
      v += (f - mean) ** 2;
      loss += (f - mu[i]) ** 2 + noise;
      const y = mu[i] + noiseStd * rng.standardNormal();
      sampled[m] += (f - y) ** 2 / T;
    }
    variancePerPoint.push(v / M);
    bias2PerPoint.push((mean - mu[i]) ** 2);
  }
  const average = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  return {
    bias2: average(bias2PerPoint),
    variance: average(variancePerPoint),
    noise,
    expectedTestLoss: loss / (M * T),
    sampledTestLoss: meanWithCI(sampled),
    perPoint: { bias2: bias2PerPoint, variance: variancePerPoint },
  };
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
