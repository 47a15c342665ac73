import { describe, expect, it } from "vitest";
import { RandomState } from "../../src/data/random";
import { averagedVariance, ensembleMeanVariance, memberCorrelation } from "../../src/theory/ensemble-variance";
import { expectClose } from "../helpers/expect-close";

/** predictions[r][k][j] = μ_j + σ(√ρ·Z_rj + √(1−ρ)·E_rkj): exchangeable members with variance σ² and correlation ρ. */
function exchangeable(R: number, K: number, mu: number[], sigma: number, rho: number, seed: number): number[][][] {
  const rng = new RandomState(seed);
  return Array.from({ length: R }, () => {
    const shared = mu.map(() => rng.standardNormal());
    return Array.from({ length: K }, () => mu.map((m, j) => m + sigma * (Math.sqrt(rho) * shared[j] + Math.sqrt(1 - rho) * rng.standardNormal())));
  });
}

describe("memberCorrelation", () => {
  it("is the one-way analysis of variance, by hand", () => {
    // one point; data set 0: members 1, 1, 4 (mean 2, s² = 3); data set 1: 0, 3, 3 (mean 2, s² = 3);
    // data set 2: 5, 5, 8 (mean 6, s² = 3): W = 3, s² of the means (2, 2, 6) = 16/3, C = 16/3 − 3/3
    const c = memberCorrelation([[[1], [1], [4]], [[0], [3], [3]], [[5], [5], [8]]]);
    expectClose([c.within, c.covariance, c.variance, c.rho], [3, 13 / 3, 22 / 3, 13 / 22], { rtol: 1e-14 });
  });

  it("recovers σ² and ρ of exchangeable members (4000 data sets; tolerance 4 standard errors)", () => {
    // SE of W ≈ σ²(1−ρ)√(2/(R(K−1)))/√J and of C ≈ σ²√(2/R)/√J at most (normal data, J = 3 independent points)
    const sigma = 0.5, rho = 0.3, R = 4000, K = 4;
    const c = memberCorrelation(exchangeable(R, K, [0, 1, -2], sigma, rho, 1));
    const s2 = sigma * sigma;
    expect(Math.abs(c.within - (1 - rho) * s2)).toBeLessThan(4 * s2 * (1 - rho) * Math.sqrt(2 / (R * (K - 1)) / 3));
    expect(Math.abs(c.covariance - rho * s2)).toBeLessThan(4 * s2 * Math.sqrt(2 / R / 3));
  });

  it("rejects grids that are too small or ragged", () => {
    expect(() => memberCorrelation([[[1], [2]]])).toThrow(/at least 2 data sets \(got 1\)/);
    expect(() => memberCorrelation([[[1]], [[2]]])).toThrow(/at least 2 members per data set \(got 1\)/);
    expect(() => memberCorrelation([[[1], [2]], [[1]]])).toThrow(/data set 1 has 1 members, data set 0 has 2/);
    expect(() => memberCorrelation([[[1], [2]], [[1], [2, 3]]])).toThrow(/data set 1, member 1 has 2 predictions, expected 1/);
  });
});

describe("ensembleMeanVariance against ρσ² + (1 − ρ)σ²/M", () => {
  it("on fresh exchangeable members, for M = 1, 2, 4, 8 (4 standard errors of a sample variance)", () => {
    const sigma = 1, rho = 0.25, R = 6000;
    const grid = exchangeable(R, 8, [0], sigma, rho, 2);
    for (const M of [1, 2, 4, 8]) {
      const expected = averagedVariance(sigma * sigma, rho, M);
      expect(Math.abs(ensembleMeanVariance(grid, M) - expected)).toBeLessThan(4 * expected * Math.sqrt(2 / (R - 1)));
    }
  });

  it("averagedVariance: independent members divide σ² by M, identical ones do not", () => {
    expect(averagedVariance(2, 0, 4)).toBe(0.5);
    expect(averagedVariance(2, 1, 4)).toBe(2);
    expect(() => averagedVariance(1, 0.5, 0)).toThrow(/got 0/);
    expect(() => ensembleMeanVariance([[[1], [2]], [[1], [2]]], 3)).toThrow(/integer in \[1, 2\] \(got 3\)/);
  });
});
