import { describe, expect, it } from "vitest";
import { biasVarianceDecomposition, polynomialFit } from "../../src/theory/bias-variance";
import { covers } from "../../src/theory/monte-carlo";
import { expectClose } from "../helpers/expect-close";

// The book's running example: µ[x] = sin(2πx) on [0, 1], σ = 0.3, 15 points per training set.
const trueFunction = (x: number) => Math.sin(2 * Math.PI * x);
const testPoints = Array.from({ length: 41 }, (_, i) => 0.025 + (0.95 * i) / 40);
const setup = { trueFunction, noiseStd: 0.3, testPoints, trainingSize: 15, trainingSets: 400 };

describe("biasVarianceDecomposition", () => {
  it("variance + bias² + noise equals the expected test loss, to rounding error", () => {
    for (const degree of [0, 1, 3, 5]) {
      const r = biasVarianceDecomposition({ ...setup, fit: polynomialFit(degree), seed: degree });
      expectClose([r.variance + r.bias2 + r.noise], [r.expectedTestLoss], { rtol: 1e-12 });
      expectClose([r.noise], [0.09]);
    }
  });

  it("the expected test loss agrees with a loss on sampled noisy test labels within its interval", () => {
    const r = biasVarianceDecomposition({ ...setup, fit: polynomialFit(3), seed: 11 });
    expect(covers(r.sampledTestLoss, r.expectedTestLoss)).toBe(true);
  });

  it("a constant fit has the bias of the mean: f̄ ≈ mean of µ over the inputs, variance σ²/n + spread", () => {
    // degree 0 predicts the training mean ȳ; with uniform inputs E[ȳ] = ∫₀¹ sin(2πx) dx = 0, so the
    // bias² at x is µ[x]² up to the Monte-Carlo error of f̄ (Var f̄ = Var ȳ / M, Var ȳ = (½ + σ²)/n)
    const r = biasVarianceDecomposition({ ...setup, fit: polynomialFit(0), seed: 5 });
    const varYbar = (0.5 + 0.09) / 15; // Var µ[x] over uniform x is ½; plus the noise σ²
    const se = Math.sqrt(varYbar / 400);
    expect(Math.abs(r.variance - varYbar)).toBeLessThan(0.2 * varYbar); // sample variance of M = 400 normals: relative SE √(2/399) ≈ 7 %
    const meanMu2 = testPoints.reduce((s, t) => s + trueFunction(t) ** 2, 0) / testPoints.length;
    // bias2 = mean (f̄ − µ)² = mean µ² − 2 mean(µ f̄) + mean f̄², with |f̄| below 4 standard errors
    expect(Math.abs(r.bias2 - meanMu2)).toBeLessThan(2 * 4 * se * Math.sqrt(meanMu2) + (4 * se) ** 2);
  });

  it("bias falls and variance rises with the degree (the trade-off)", () => {
    // Beyond degree 3 the bias of sin(2πx) is already near zero ("od pewnego momentu odchylenie jest
    // zerowe") and its estimate is dominated by Var/M, so the bias is compared up to degree 3 only.
    const results = [0, 1, 3, 5, 7].map((degree) => biasVarianceDecomposition({ ...setup, fit: polynomialFit(degree), seed: 100 + degree }));
    const bias = results.map((r) => r.bias2);
    const variance = results.map((r) => r.variance);
    expect(bias[0]).toBeGreaterThan(bias[1]);
    expect(bias[1]).toBeGreaterThan(bias[2]);
    for (let i = 0; i + 1 < variance.length; i++) expect(variance[i + 1]).toBeGreaterThan(variance[i]);
  });

  it("rejects bad options, naming the value", () => {
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), noiseStd: -1 })).toThrow(/got -1/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: polynomialFit(1), trainingSets: 1 })).toThrow(/got 1/);
    expect(() => biasVarianceDecomposition({ ...setup, fit: () => () => NaN })).toThrow(/predicts NaN/);
  });
});
