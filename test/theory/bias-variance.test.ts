import { describe, expect, it } from "vitest";
import { biasVarianceDecomposition, polynomialFit } from "../../src/theory/bias-variance";
import { covers, normalQuantile, type Estimate } from "../../src/theory/monte-carlo";

// The book's running example: µ[x] = sin(2πx) on [0, 1], σ = 0.3, 15 points per training set.
const trueFunction = (x: number) => Math.sin(2 * Math.PI * x);
const testPoints = Array.from({ length: 41 }, (_, i) => 0.025 + (0.95 * i) / 40);
const setup = { trueFunction, noiseStd: 0.3, testPoints, trainingSize: 15, trainingSets: 400 };
/** |estimate − value| in standard errors. */
const zScore = (e: Estimate, value: number) => Math.abs(e.mean - value) / e.standardError;

describe("biasVarianceDecomposition", () => {
  it("the noise, measured from fresh label pairs, is σ² within its interval", () => {
    const r = biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), labelPairs: 100, seed: 3 });
    expect(r.noise.n).toBe(41 * 100);
    expect(covers(r.noise, 0.09)).toBe(true);
    expect(r.noise.standardError).toBeLessThan(0.005);
  });

  it("noise + bias² + variance, measured separately, equals the directly measured test loss within the joint interval", () => {
    const z = normalQuantile(1 - 0.05 / (2 * 8)); // 8 comparisons at a joint 95 %
    for (const inputs of ["uniform", "stratified"] as const) {
      for (const degree of [0, 1, 3, 5]) {
        const r = biasVarianceDecomposition({ ...setup, fit: polynomialFit(degree), inputs, seed: 10 + degree });
        expect(Math.abs(r.gap.value)).toBeLessThan(z * r.gap.standardError);
        expect(r.gap.value).toBeCloseTo(r.noise.mean + r.bias2.mean + r.variance.mean - r.testLoss.mean, 12);
      }
    }
  });

  it("a constant fit on uniform inputs: f_µ = ∫₀¹ µ = 0, so bias² = mean µ², and variance = Var ȳ = (½ + σ²)/n", () => {
    const r = biasVarianceDecomposition({ ...setup, fit: polynomialFit(0), seed: 5 });
    const meanMu2 = testPoints.reduce((s, t) => s + trueFunction(t) ** 2, 0) / testPoints.length;
    expect(zScore(r.bias2, meanMu2)).toBeLessThan(3);
    expect(zScore(r.variance, (0.5 + 0.09) / 15)).toBeLessThan(3);
  });

  it("stratified inputs: a constant fit to a constant function has variance σ²/n exactly in expectation", () => {
    const r = biasVarianceDecomposition({ ...setup, trueFunction: () => 0.7, fit: polynomialFit(0), inputs: "stratified", seed: 6 });
    expect(zScore(r.variance, 0.09 / 15)).toBeLessThan(3);
    expect(covers(r.bias2, 0)).toBe(true);
  });

  it("bias² is unbiased: a model that contains the true function has an interval around 0, though (f̄_g − µ)² alone is > 0", () => {
    const line = (x: number) => 2 * x - 1;
    // 100 groups of m = 4 fits: the uncorrected (f̄_g − µ)² would average variance/m, well above 0
    const r = biasVarianceDecomposition({ ...setup, trueFunction: line, fit: polynomialFit(1), groups: 100, seed: 8 });
    expect(covers(r.bias2, 0)).toBe(true);
    expect(r.variance.mean / 4).toBeGreaterThan(5 * r.bias2.standardError);
  });

  it("bias falls and variance rises with the degree (the trade-off)", () => {
    const results = [0, 1, 3, 5, 7].map((degree) => biasVarianceDecomposition({ ...setup, fit: polynomialFit(degree), inputs: "stratified", seed: 100 + degree }));
    const bias = results.map((r) => r.bias2.mean);
    const variance = results.map((r) => r.variance.mean);
    expect(bias[0]).toBeGreaterThan(bias[1]);
    expect(bias[1]).toBeGreaterThan(bias[2]);
    expect(covers(results[3].bias2, 0)).toBe(true);
    for (let i = 0; i + 1 < variance.length; i++) expect(variance[i + 1]).toBeGreaterThan(variance[i]);
  });

  it("the same seed gives the same bits", () => {
    const a = biasVarianceDecomposition({ ...setup, fit: polynomialFit(2), seed: 9 });
    const b = biasVarianceDecomposition({ ...setup, fit: polynomialFit(2), seed: 9 });
    expect(b).toEqual(a);
  });

  it("rejects bad options, naming the value", () => {
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), noiseStd: -1 })).toThrow(/got -1/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), trainingSets: 30 })).toThrow(/multiple of groups = 20.*got 30/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), groups: 1 })).toThrow(/groups must be an integer ≥ 2 \(got 1\)/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), labelPairs: 0 })).toThrow(/labelPairs.*got 0/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), inputs: "grid" as "uniform" })).toThrow(/got "grid"/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: () => () => NaN })).toThrow(/predicts NaN/);
  });
});
