import { describe, expect, it } from "vitest";
import { RandomState } from "../../src/data/random";
import { tensor } from "../../src/tensor/creation";
import type { Tensor } from "../../src/tensor/tensor";
import {
  countLinearRegions, deepParameterCount, evaluateNetwork, networkArrays, parameterCount, sawtoothNetwork,
  shallowParameterCount, zaslavskyBound, type ReluNetwork,
} from "../../src/theory/regions";
import { expectClose } from "../helpers/expect-close";

// The network's output on a grid, computed with tensors (matmul + relu) — independent of the
// affine-cell walk in countLinearRegions.
function outputsOnGrid(net: ReluNetwork, lo: number, hi: number, cells: number): Float64Array {
  const { weights, biases } = networkArrays(net);
  const xs = Array.from({ length: cells + 1 }, (_, i) => [lo + ((hi - lo) * i) / cells]);
  let h: Tensor = tensor(xs); // (N, 1)
  for (let k = 0; k < weights.length; k++) {
    const z = h.matmul(tensor(weights[k]).T).add(tensor(biases[k])); // (N, D_{k+1})
    h = k + 1 < weights.length ? z.relu() : z;
  }
  return Float64Array.from(h.toArray());
}

// Regions from sampled slopes: cells with equal slope form runs; a cell that straddles a breakpoint
// has a blended slope and forms a run of length one, which is dropped (every true region here spans
// many cells); neighbouring runs left with equal slope are one region.
function regionsFromSampledSlopes(net: ReluNetwork, lo: number, hi: number, cells: number): number {
  const y = outputsOnGrid(net, lo, hi, cells);
  const dx = (hi - lo) / cells;
  const slopes = Array.from({ length: cells }, (_, i) => (y[i + 1] - y[i]) / dx);
  const scale = slopes.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * scale;
  const runs: { slope: number; length: number }[] = [];
  for (const s of slopes) {
    const last = runs[runs.length - 1];
    if (last && same(last.slope, s)) last.length++;
    else runs.push({ slope: s, length: 1 });
  }
  const kept = runs.filter((r) => r.length > 1);
  let count = 0;
  for (let i = 0; i < kept.length; i++) if (i === 0 || !same(kept[i].slope, kept[i - 1].slope)) count++;
  return count;
}

describe("countLinearRegions on hand-checkable networks", () => {
  it("counts a shallow network's pieces: y = ReLU(x) + ReLU(x−1) − 2·ReLU(x−2)", () => {
    // breakpoints 0, 1, 2; slopes left to right: 0, 1, 1+1 = 2, 2−2 = 0 → 4 regions on [−1, 3]
    const net = { weights: [[[1], [1], [1]], [[1, 1, -2]]], biases: [[0, -1, -2], [0]] };
    const r = countLinearRegions(net, -1, 3);
    expect(r.regions).toBe(4);
    expectClose(r.breakpoints, [0, 1, 2]);
    expectClose(r.pieces.map((p) => p.slope), [0, 1, 2, 0]);
    // intercepts: y = 0 on the left; on [2, 3] y = x + (x−1) − 2(x−2) = 3
    expectClose(r.pieces.map((p) => p.intercept), [0, 0, -1, 3]);
  });

  it("merges neighbours with equal slope: y = ReLU(x) + 0·ReLU(x−1)", () => {
    // the unit at x = 1 switches (a breakpoint) but its outgoing weight is 0: slopes 0, 1, 1 → 2 regions
    const net = { weights: [[[1], [1]], [[1, 0]]], biases: [[0, -1], [0]] };
    const r = countLinearRegions(net, -2, 2);
    expectClose(r.breakpoints, [0, 1]);
    expect(r.regions).toBe(2);
  });

  it("sees cancelling units: ReLU(x−1) − ReLU(1−x) = x − 1 is one region", () => {
    // both units switch at x = 1 (one breakpoint); slope 0 + 1 = 1 on the right, −1·(−1) = 1 on the left
    const net = { weights: [[[1], [-1]], [[1, -1]]], biases: [[-1, 1], [0]] };
    const r = countLinearRegions(net, -3, 3);
    expectClose(r.breakpoints, [1]);
    expect(r.regions).toBe(1);
    expectClose([r.pieces[0].slope, r.pieces[0].intercept], [1, -1]);
  });

  it("follows breakpoints through two layers: y = ReLU(|x| − 1)", () => {
    // layer 1: (ReLU(x), ReLU(−x)) sums to |x|; layer 2: ReLU(|x| − 1) switches at x = ±1.
    // Breakpoints −1, 0, 1; slopes −1, 0, 0, 1 → the two flat pieces merge: 3 regions.
    const net = { weights: [[[1], [-1]], [[1, 1]], [[1]]], biases: [[0, 0], [-1], [0]] };
    const r = countLinearRegions(net, -2, 2);
    expectClose(r.breakpoints, [-1, 0, 1]);
    expect(r.regions).toBe(3);
    expectClose(r.pieces.map((p) => p.slope), [-1, 0, 1]);
  });

  it("accepts tensors and gives the same count as arrays", () => {
    const arrays = { weights: [[[1], [-1]], [[1, 1]], [[1]]], biases: [[0, 0], [-1], [0]] };
    const tensors = { weights: arrays.weights.map((w) => tensor(w)), biases: arrays.biases.map((b) => tensor(b)) };
    const a = countLinearRegions(arrays, -2, 2);
    const t = countLinearRegions(tensors, -2, 2);
    expect(t.regions).toBe(a.regions);
    expectClose(t.breakpoints, a.breakpoints);
  });

  it("its pieces reproduce the network's output", () => {
    const net = sawtoothNetwork(4, 2);
    const r = countLinearRegions(net, 0, 1);
    for (const p of r.pieces) {
      for (const x of [p.start, (p.start + p.end) / 2, p.end]) {
        expectClose([p.slope * x + p.intercept], [evaluateNetwork(net, x)], { atol: 1e-9 });
      }
    }
  });

  it("rejects bad networks and intervals, naming the value", () => {
    const net = { weights: [[[1], [1]], [[1, 1]]], biases: [[0, 0], [0]] };
    expect(() => countLinearRegions(net, 1, 1)).toThrow(/lo = 1, hi = 1/);
    expect(() => countLinearRegions({ weights: [[[1, 2]], [[1]]], biases: [[0], [0]] }, 0, 1)).toThrow(/weights\[0\] has 2 columns/);
    expect(() => countLinearRegions({ weights: [[[1]], [[1]]], biases: [[0, 0], [0]] }, 0, 1)).toThrow(/biases\[0\] has length 2/);
    expect(() => countLinearRegions({ weights: [[[NaN]], [[1]]], biases: [[0], [0]] }, 0, 1)).toThrow(/NaN/);
    expect(() => sawtoothNetwork(2, 3)).toThrow(/got 2/);
  });
});

describe("the (D+1)^K construction", () => {
  const cases: [number, number][] = [[3, 1], [3, 2], [3, 3], [3, 4], [4, 2], [4, 3], [5, 2], [5, 3], [7, 2]];
  for (const [D, K] of cases) {
    it(`K = ${K} layers of D = ${D} units make (D+1)^K = ${(D + 1) ** K} regions, by exact count and by sampled slopes`, () => {
      const net = sawtoothNetwork(D, K);
      const exact = countLinearRegions(net, 0, 1);
      expect(exact.regions).toBe((D + 1) ** K);
      expect(exact.breakpoints.length).toBe((D + 1) ** K - 1);
      const cells = 1 << 17;
      // precondition of the sampled count: every region spans several grid cells
      const narrowest = exact.pieces.reduce((m, p) => Math.min(m, p.end - p.start), Infinity);
      expect(narrowest * cells).toBeGreaterThan(5);
      expect(regionsFromSampledSlopes(net, 0, 1, cells)).toBe((D + 1) ** K);
    });
  }

  it("random networks never exceed (D+1)^K, and two layers of two units stay at ≤ 7 < 3² (why D > 2)", () => {
    // A 2-unit combination has slopes with s_1 = s_0 + s_2 or a zero slope, so it cannot alternate in
    // sign; a layer-2 unit then crosses zero at most twice on layer 1's three pieces: 3 + 2·2 = 7.
    const rng = new RandomState(7);
    const randomNet = (D: number, K: number): ReluNetwork => {
      const sizes = [1, ...Array<number>(K).fill(D), 1];
      const weights = sizes.slice(1).map((out, k) => Array.from({ length: out }, () => Array.from({ length: sizes[k] }, () => rng.standardNormal())));
      const biases = sizes.slice(1).map((out) => Array.from({ length: out }, () => rng.standardNormal()));
      return { weights, biases };
    };
    for (let trial = 0; trial < 300; trial++) {
      expect(countLinearRegions(randomNet(2, 2), -10, 10).regions).toBeLessThanOrEqual(7);
      expect(countLinearRegions(randomNet(3, 2), -10, 10).regions).toBeLessThanOrEqual(16);
    }
  });
});

describe("parameter counts", () => {
  it("3D+1+(K−1)D(D+1) is the number of entries in the construction's arrays (D per layer)", () => {
    for (const [D, K] of [[3, 1], [3, 4], [5, 2], [8, 3]]) {
      const net = sawtoothNetwork(D, K);
      expect(parameterCount(net)).toBe(deepParameterCount(D, K));
      // counted a second way: the sizes of the tensors holding the parameters
      let entries = 0;
      for (const w of net.weights) entries += tensor(w as number[][]).numel();
      for (const b of net.biases) entries += tensor(b as number[]).numel();
      expect(entries).toBe(deepParameterCount(D, K));
    }
  });

  it("a shallow network with D units has 3D + 1 parameters and D + 1 regions", () => {
    for (const D of [1, 2, 5, 10]) {
      // units ReLU(x − j) for j = 1…D with output weights alternating in sign: every breakpoint shows
      const net = {
        weights: [Array.from({ length: D }, () => [1]), [Array.from({ length: D }, (_, j) => (j % 2 === 0 ? 1 : -2))]],
        biases: [Array.from({ length: D }, (_, j) => -(j + 1)), [0]],
      };
      expect(parameterCount(net)).toBe(shallowParameterCount(D));
      expect(countLinearRegions(net, 0, D + 1).regions).toBe(D + 1);
      expect(countLinearRegions(net, 0, D + 1).regions).toBe(zaslavskyBound(1, D));
    }
  });
});

describe("zaslavskyBound", () => {
  // A second implementation: adding the n-th hyperplane in general position to R^d splits as many
  // regions as the n − 1 others cut it into (an arrangement in R^{d−1}): R(d, n) = R(d, n−1) + R(d−1, n−1).
  function byRecursion(d: number, n: number): number {
    if (n === 0 || d === 0) return 1;
    return byRecursion(d, n - 1) + byRecursion(d - 1, n - 1);
  }

  it("matches the recursion and the closed forms", () => {
    for (let d = 1; d <= 5; d++) for (let n = 0; n <= 12; n++) expect(zaslavskyBound(d, n)).toBe(byRecursion(d, n));
    for (let n = 0; n <= 10; n++) {
      expect(zaslavskyBound(1, n)).toBe(n + 1);
      expect(zaslavskyBound(2, n)).toBe(1 + n + (n * (n - 1)) / 2);
      expect(zaslavskyBound(n + 1, n)).toBe(2 ** n); // D_i ≥ D: every on/off pattern occurs
    }
  });

  it("rejects bad sizes", () => {
    expect(() => zaslavskyBound(0, 3)).toThrow(/inputDim must be an integer ≥ 1 \(got 0\)/);
    expect(() => deepParameterCount(3, 1.5)).toThrow(/got 1.5/);
  });
});
