import { describe, expect, it } from "vitest";
import { regionUpperBound, shallowNetwork } from "../../src/theory/deep-networks";
import { maximiseLinearRegions } from "../../src/theory/region-search";
import { countLinearRegions, sawtoothNetwork } from "../../src/theory/regions";

describe("maximiseLinearRegions", () => {
  it("finds D + 1 regions for a shallow network and never more", () => {
    for (const D of [1, 2, 4, 7]) {
      const found = maximiseLinearRegions([D], { draws: 300, climbs: 3, steps: 200, seed: D });
      expect(found.regions).toBe(D + 1);
      expect(countLinearRegions(found.network, -1, 1).regions).toBe(found.regions);
    }
  });

  it("never exceeds ∏(D_k + 1), from random starts or from the construction that reaches it", () => {
    for (const widths of [[1, 1], [2, 2], [2, 3], [3, 2], [1, 2, 2], [4, 4]]) {
      const found = maximiseLinearRegions(widths, { draws: 500, climbs: 4, steps: 300, seed: widths.length });
      expect(found.regions).toBeLessThanOrEqual(regionUpperBound(widths));
      expect(found.climbs.every((c) => c <= found.regions)).toBe(true);
    }
    // climbing from the (D+1)^K construction: the bound is kept and not beaten (the counts are on [0, 1])
    const found = maximiseLinearRegions([3, 3], { draws: 0, climbs: 1, steps: 500, starts: [sawtoothNetwork(3, 2)], lo: 0, hi: 1 });
    expect(found.climbs).toEqual([16]);
    expect(found.regions).toBe(16);
  });

  it("two layers of two units reach 7 < 3² regions", () => {
    const found = maximiseLinearRegions([2, 2], { draws: 2000, climbs: 4, steps: 400, seed: 1 });
    expect(found.regions).toBe(7);
  });

  it("climbing improves on the random draws (three layers of three units)", () => {
    const found = maximiseLinearRegions([3, 3, 3], { draws: 1000, climbs: 4, steps: 1000, seed: 2 });
    expect(found.regions).toBeGreaterThan(found.randomBest);
    expect(found.evaluations).toBe(1000 + 4 * 1001);
  });

  it("the same seed gives the same network", () => {
    const a = maximiseLinearRegions([2, 3], { draws: 100, climbs: 2, steps: 50, seed: 4 });
    const b = maximiseLinearRegions([2, 3], { draws: 100, climbs: 2, steps: 50, seed: 4 });
    expect(b).toEqual(a);
  });

  it("rejects bad widths, counts and starts, naming the value", () => {
    expect(() => maximiseLinearRegions([])).toThrow(/at least one hidden layer/);
    expect(() => maximiseLinearRegions([2, 0])).toThrow(/positive integers \(got 0\)/);
    expect(() => maximiseLinearRegions([2], { steps: -1 })).toThrow(/steps must be a non-negative integer \(got -1\)/);
    expect(() => maximiseLinearRegions([2], { draws: 0 })).toThrow(/nothing to search/);
    const wrong = shallowNetwork([[0, 1], [1, 1], [2, 1]], [0, 1, 1, 1]);
    expect(() => maximiseLinearRegions([2], { starts: [wrong] })).toThrow(/starts\[0\] has layer shapes \[\[3,1\],\[1,3\]\], expected \[\[2,1\],\[1,2\]\]/);
  });
});
