// A search for the ReLU network (1 input, 1 output, given hidden widths) with the most linear
// regions — the adversary for lecture 1's counting claims. An upper bound such as ∏(D_k + 1) or
// "a shallow network makes at most D + 1 regions" is a statement about every network; checking it on
// one hand-built network shows only that the bound can be reached. This module tries hard to break
// the bound: many random Gaussian networks, then hill climbing on the parameters from the best of
// them and from any networks the caller supplies (e.g. the construction that reaches the bound),
// always counting exactly with countLinearRegions.
//
// Why a fixed interval loses nothing: a network has finitely many breakpoints, so rescaling the
// input (Ω_0 ↦ Ω_0/R, which the search may do) moves them all into [lo, hi]; the maximum over all
// networks of the count on [lo, hi] is the maximum on the whole line. Counting on an interval can
// only undercount a given network, never overcount it.
// Why hill climbing accepts ties (and, rarely, one region less): the count is a step function of the
// parameters, flat almost everywhere; accepting equal counts lets the walk drift across a plateau to
// the next step up, and an occasional step down lets it leave a local maximum.

import { RandomState } from "../data/random";
import { countLinearRegions, networkArrays, type ReluNetwork } from "./regions";

/** Probability of accepting a proposal that loses one region (lets a climb leave a local maximum). */
const DOWNHILL = 0.05;

export interface RegionSearchOptions {
  /** Random Gaussian networks (all weights and biases N(0, 1)) drawn first (default 2000). */
  draws?: number;
  /** Hill-climbing runs (default 8): the first from each of `starts`, the rest from the best random networks. */
  climbs?: number;
  /** Proposals per climb (default 400). */
  steps?: number;
  /** Networks to climb from, e.g. a construction that reaches the bound (default none). */
  starts?: ReluNetwork[];
  /** The interval the regions are counted on (default [−1, 1]). */
  lo?: number;
  hi?: number;
  /** Seed of the generator for draws and proposals (default 0). */
  seed?: number;
}

export interface RegionSearchResult {
  /** The most regions found. */
  regions: number;
  /** A network with that many regions on [lo, hi]. */
  network: ReluNetwork;
  /** The most regions among the random draws alone. */
  randomBest: number;
  /** The most regions at the end of each climb, in order. */
  climbs: number[];
  /** Networks whose regions were counted. */
  evaluations: number;
}

/**
 * Searches for the network with hidden widths D_1 … D_K that has the most linear regions on [lo, hi].
 * @example
 * const found = theory.maximiseLinearRegions([2], { draws: 200, climbs: 2, steps: 50 });
 * expect(found.regions).toBe(3); // a shallow network with 2 units: at most D + 1 = 3 regions
 */
export function maximiseLinearRegions(hiddenWidths: readonly number[], options: RegionSearchOptions = {}): RegionSearchResult {
  const draws = options.draws ?? 2000;
  const climbs = options.climbs ?? 8;
  const steps = options.steps ?? 400;
  const lo = options.lo ?? -1;
  const hi = options.hi ?? 1;
  const starts = options.starts ?? [];
  if (hiddenWidths.length === 0) throw new Error("maximiseLinearRegions: need at least one hidden layer");
  for (const d of hiddenWidths) {
    if (!Number.isInteger(d) || d < 1) throw new Error(`maximiseLinearRegions: hidden widths must be positive integers (got ${d})`);
  }
  for (const [name, v] of [["draws", draws], ["climbs", climbs], ["steps", steps]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`maximiseLinearRegions: ${name} must be a non-negative integer (got ${v})`);
  }
  if (draws + starts.length === 0) throw new Error("maximiseLinearRegions: nothing to search (draws = 0 and no starts)");
  const shapes = layerShapes(hiddenWidths);
  starts.forEach((net, i) => {
    const found = networkArrays(net).weights.map((w) => [w.length, w[0].length]);
    if (JSON.stringify(found) !== JSON.stringify(shapes)) {
      throw new Error(`maximiseLinearRegions: starts[${i}] has layer shapes ${JSON.stringify(found)}, expected ${JSON.stringify(shapes)}`);
    }
  });

  const rng = new RandomState(options.seed ?? 0);
  let evaluations = 0;
  const count = (p: Float64Array) => {
    evaluations++;
    return countLinearRegions(unflatten(p, shapes), lo, hi).regions;
  };

  // 1. random networks; keep the best few as starting points for the climbs
  const pool: { p: Float64Array; regions: number }[] = [];
  const size = parameterTotal(shapes);
  for (let t = 0; t < draws; t++) {
    const p = Float64Array.from(rng.randn(size));
    pool.push({ p, regions: count(p) });
    pool.sort((a, b) => b.regions - a.regions);
    if (pool.length > Math.max(climbs, 1)) pool.pop();
  }
  const randomBest = pool.length > 0 ? pool[0].regions : 0;

  // 2. hill climbing from the given starts, then from the best random networks
  const origins = [...starts.map((net) => flatten(net)), ...pool.map((e) => e.p)].slice(0, Math.max(climbs, starts.length));
  let best = pool.length > 0 ? { p: pool[0].p, regions: pool[0].regions } : { p: origins[0], regions: count(origins[0]) };
  const ends: number[] = [];
  for (const origin of origins) {
    let p = Float64Array.from(origin);
    let regions = count(p);
    let top = { p, regions };
    for (let s = 0; s < steps; s++) {
      // step size decays from 0.3 to 0.003 of the parameters' scale: coarse moves first, then fine ones
      const scale = 0.3 * 0.01 ** (s / Math.max(steps - 1, 1)) * (rms(p) || 1);
      const q = Float64Array.from(p);
      if (rng.randomSample() < 0.5) {
        for (let i = 0; i < q.length; i++) q[i] += scale * rng.standardNormal();
      } else {
        q[Math.floor(rng.randomSample() * q.length)] += 3 * scale * rng.standardNormal();
      }
      const r = count(q);
      if (r >= regions || (r === regions - 1 && rng.randomSample() < DOWNHILL)) {
        p = q;
        regions = r;
        if (r > top.regions) top = { p, regions };
      }
    }
    ends.push(top.regions);
    if (top.regions > best.regions) best = top;
  }
  return { regions: best.regions, network: unflatten(best.p, shapes), randomBest, climbs: ends, evaluations };
}

/** [rows, columns] of Ω_0 … Ω_K for 1 input, the hidden widths, 1 output. */
function layerShapes(hiddenWidths: readonly number[]): [number, number][] {
  const widths = [1, ...hiddenWidths, 1];
  return widths.slice(1).map((d, k) => [d, widths[k]]);
}

function parameterTotal(shapes: [number, number][]): number {
  return shapes.reduce((n, [rows, cols]) => n + rows * cols + rows, 0);
}

/** Ω_0, β_0, Ω_1, β_1, … as one flat vector. */
function flatten(net: ReluNetwork): Float64Array {
  const { weights, biases } = networkArrays(net);
  return Float64Array.from(weights.flatMap((w, k) => [...w.flat(), ...biases[k]]));
}

function unflatten(p: Float64Array, shapes: [number, number][]): ReluNetwork {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  let at = 0;
  for (const [rows, cols] of shapes) {
    weights.push(Array.from({ length: rows }, (_, i) => Array.from(p.subarray(at + i * cols, at + (i + 1) * cols))));
    at += rows * cols;
    biases.push(Array.from(p.subarray(at, at + rows)));
    at += rows;
  }
  return { weights, biases };
}

function rms(p: Float64Array): number {
  let s = 0;
  for (const v of p) s += v * v;
  return Math.sqrt(s / p.length);
}
