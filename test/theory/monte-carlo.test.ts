import { describe, expect, it } from "vitest";
import { covers, estimate, meanWithCI, normalQuantile, Z95 } from "../../src/theory/monte-carlo";
import { expectClose } from "../helpers/expect-close";

describe("meanWithCI", () => {
  it("computes mean, unbiased variance and standard error of a small sample by hand", () => {
    // values 1, 2, 3, 6: mean 3; squared deviations 4, 1, 0, 9 → variance 14/3; SE = √(14/3 / 4)
    const e = meanWithCI([1, 2, 3, 6]);
    expectClose([e.mean, e.variance, e.standardError], [3, 14 / 3, Math.sqrt(14 / 12)]);
    expectClose(e.ci95, [3 - Z95 * Math.sqrt(14 / 12), 3 + Z95 * Math.sqrt(14 / 12)]);
  });

  it("keeps its digits with a large mean (Welford)", () => {
    const e = meanWithCI([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expectClose([e.mean, e.variance], [1e9 + 2, 1], { rtol: 1e-15 });
  });

  it("rejects too few or non-finite values, naming them", () => {
    expect(() => meanWithCI([1])).toThrow(/got 1/);
    expect(() => meanWithCI([1, NaN, 2])).toThrow(/value 1 is NaN/);
    expect(() => estimate(() => 1, 1)).toThrow(/got 1/);
    expect(() => estimate(() => Infinity, 10)).toThrow(/sample 0 is Infinity/);
  });
});

describe("estimate on known distributions", () => {
  const n = 100_000;

  it("uniform on [0, 1): the interval covers the mean 1/2, and E[(u − ½)²] = 1/12", () => {
    const mean = estimate((rng) => rng.randomSample(), n, { seed: 1 });
    expect(covers(mean, 0.5)).toBe(true);
    const spread = estimate((rng) => (rng.randomSample() - 0.5) ** 2, n, { seed: 2 });
    expect(covers(spread, 1 / 12)).toBe(true);
    // the sample variance against 1/12 within four of its own standard errors, √((μ₄ − σ⁴)/n),
    // with μ₄ = E[(u − ½)⁴] = 1/80 and σ⁴ = 1/144 for the uniform distribution
    const seVariance = Math.sqrt((1 / 80 - 1 / 144) / n);
    expect(Math.abs(mean.variance - 1 / 12)).toBeLessThan(4 * seVariance);
  });

  it("the 95 % interval covers the truth in about 95 % of repetitions", () => {
    // 400 independent estimates of the uniform mean; the count of hits is Binomial(400, 0.95):
    // mean 380, standard deviation √(400·0.95·0.05) ≈ 4.36; accept within 4 standard deviations
    let hits = 0;
    for (let seed = 0; seed < 400; seed++) if (covers(estimate((rng) => rng.randomSample(), 200, { seed }), 0.5)) hits++;
    expect(Math.abs(hits - 380)).toBeLessThan(4 * Math.sqrt(400 * 0.95 * 0.05));
  });

  it("Propozycja 1: E[ReLU(a)²] = σ²/2 for symmetric a with mean 0 (normal, uniform, Laplace)", () => {
    const relu2 = (a: number) => Math.max(a, 0) ** 2;
    const sigma = 1.7;
    const normal = estimate((rng) => relu2(sigma * rng.standardNormal()), n, { seed: 3 });
    expect(covers(normal, (sigma * sigma) / 2)).toBe(true);
    // uniform on [−c, c] has variance c²/3
    const c = 2.5;
    const uniform = estimate((rng) => relu2(c * (2 * rng.randomSample() - 1)), n, { seed: 4 });
    expect(covers(uniform, (c * c) / 3 / 2)).toBe(true);
    // Laplace with scale s (a random sign times an exponential) has variance 2s²
    const s = 0.8;
    const laplace = estimate((rng) => {
      const magnitude = -s * Math.log(1 - rng.randomSample());
      return relu2(rng.randomSample() < 0.5 ? -magnitude : magnitude);
    }, n, { seed: 5 });
    expect(covers(laplace, (2 * s * s) / 2)).toBe(true);
  });

  it("is reproducible: the same seed gives the same estimate", () => {
    const a = estimate((rng) => rng.standardNormal(), 1000, { seed: 9 });
    const b = estimate((rng) => rng.standardNormal(), 1000, { seed: 9 });
    expect(b).toEqual(a);
  });
});

describe("normalQuantile", () => {
  it("matches tabulated quantiles of the standard normal and is odd about ½", () => {
    // reference values: scipy.stats.norm.ppf(0.975), ppf(0.995), ppf(0.999), ppf(1e-6)
    const ps = [0.975, 0.995, 0.999, 1e-6];
    const expected = [1.959963984540054, 2.5758293035489004, 3.090232306167813, -4.753424308822899];
    // Acklam's approximation is good to a relative 1.15e-9
    expectClose(ps.map(normalQuantile), expected, { rtol: 1.2e-9 });
    for (const p of [0.01, 0.2, 0.4]) expectClose([normalQuantile(p)], [-normalQuantile(1 - p)], { rtol: 1e-12, atol: 1e-15 });
    expect(() => normalQuantile(1)).toThrow(/got 1/);
  });
});
