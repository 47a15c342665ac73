import { describe, expect, it } from "vitest";
import { RandomState } from "../../src/data/random";
import { pairedTInterval, tInterval } from "../../src/theory/intervals";
import { expectClose } from "../helpers/expect-close";

describe("tInterval", () => {
  it("matches a small sample worked by hand with the tabulated t quantiles", () => {
    // values 1, 2, 3, 6: mean 3, s² = 14/3, SE = √(14/12); t_{0.975, 3} = 3.182446305284263 (R: qt(0.975, 3))
    const ci = tInterval([1, 2, 3, 6]);
    expectClose([ci.mean, ci.std, ci.standardError], [3, Math.sqrt(14 / 3), Math.sqrt(14 / 12)]);
    expectClose([ci.halfWidth], [3.182446305284263 * Math.sqrt(14 / 12)], { rtol: 1e-12 });
    expect(ci.interval).toEqual([3 - ci.halfWidth, 3 + ci.halfWidth]);
    // other levels and degrees of freedom against R's qt: qt(0.95, 1) = 6.313751514675043, qt(0.995, 9) = 3.249835541592143
    expectClose([tInterval([0, 1], { level: 0.9 }).halfWidth / tInterval([0, 1]).standardError], [6.313751514675043], { rtol: 1e-12 });
    const ten = Array.from({ length: 10 }, (_, i) => i * i);
    expectClose([tInterval(ten, { level: 0.99 }).halfWidth / tInterval(ten).standardError], [3.249835541592143], { rtol: 1e-12 });
  });

  it("tends to the normal interval for many values (t_{0.975, ∞} = 1.95996…)", () => {
    const values = new RandomState(0).randn(100_000);
    const ci = tInterval(values);
    expectClose([ci.halfWidth / ci.standardError], [1.959963984540054], { rtol: 1e-4 });
  });

  it("covers the true mean in about 95 % of small samples, where 1.96·SE would not", () => {
    // 4000 samples of n = 3 standard normals: coverage of the t interval is 0.95 (binomial SE 0.0034);
    // the normal interval mean ± 1.96·SE covers only P(|T₂| < 1.96) = 0.8110 of them
    const rng = new RandomState(3);
    let tCovers = 0;
    let zCovers = 0;
    const trials = 4000;
    for (let k = 0; k < trials; k++) {
      const ci = tInterval(rng.randn(3));
      if (ci.interval[0] <= 0 && 0 <= ci.interval[1]) tCovers++;
      if (Math.abs(ci.mean) <= 1.959963984540054 * ci.standardError) zCovers++;
    }
    expect(Math.abs(tCovers / trials - 0.95)).toBeLessThan(4 * 0.0034);
    expect(Math.abs(zCovers / trials - 0.811)).toBeLessThan(4 * 0.0062);
  });

  it("rejects too few values, non-finite values and a bad level", () => {
    expect(() => tInterval([1])).toThrow(/need at least 2 values for a standard deviation \(got 1\)/);
    expect(() => tInterval([1, NaN])).toThrow(/value 1 is NaN/);
    expect(() => tInterval([1, 2], { level: 1 })).toThrow(/level must lie in \(0, 1\) \(got 1\)/);
  });
});

describe("pairedTInterval", () => {
  it("is the t interval of the differences, and removes the spread both methods share", () => {
    // a and b share a large per-seed offset; their differences are 2, 2.5, 3: mean 2.5, s = 0.5,
    // half-width 4.303·0.5/√3 = 1.24, so the paired interval [1.26, 3.74] excludes 0
    const offsets = [10, -40, 25];
    const a = offsets.map((o, i) => o + [2, 2.5, 3][i]);
    const b = offsets;
    const d = pairedTInterval(a, b);
    expectClose([d.mean, d.std], [2.5, 0.5]);
    expect(d.interval[0]).toBeGreaterThan(0);
    expect(tInterval(a).interval[0]).toBeLessThan(tInterval(b).interval[1]); // unpaired, the intervals overlap
  });

  it("rejects unequal lengths", () => {
    expect(() => pairedTInterval([1, 2, 3], [1, 2])).toThrow(/3 values against 2/);
  });
});
