// Linear regions of ReLU networks with one input and one output, counted exactly from their
// breakpoints (lecture 1, "Głębokie sieci neuronowe": a deep network with K layers of D units can
// make (D+1)^K regions with 3D+1+(K−1)D(D+1) parameters, a shallow one D+1 with 3D+1; Zaslavsky's
// bound for a shallow network with D_i inputs). Notation as in the notes:
//   h_1 = a[β_0 + Ω_0 x],  h_k = a[β_{k−1} + Ω_{k−1} h_{k−1}],  y = β_K + Ω_K h_K,
//   Ω_k ∈ R^{D_{k+1}×D_k}, β_k ∈ R^{D_{k+1}}, D_0 = D_{K+1} = 1, a = ReLU.
//
// Why exact rather than sampled: on every interval where all units keep their on/off state, h_k is
// affine in x, h_k = A x + c, so each next pre-activation is affine too and its zero crossing is
// −c/A — one division, no search. Walking the layers and splitting intervals at those crossings
// yields every breakpoint. Pitfall: a breakpoint is not a region boundary when the slopes on both
// sides are equal (a unit whose switch is cancelled downstream, e.g. by a zero outgoing weight), so
// adjacent pieces with equal slope are merged into one region; the raw breakpoints are returned too.

import { Tensor } from "../tensor/tensor";

/** A matrix as nested rows, or a 2-D tensor. */
export type MatrixLike = readonly (readonly number[])[] | Tensor;
/** A vector as an array, or a 1-D tensor. */
export type VectorLike = readonly number[] | Tensor;

/** A fully connected ReLU network in the notes' notation: weights[k] = Ω_k (D_{k+1}×D_k), biases[k] = β_k. */
export interface ReluNetwork {
  weights: MatrixLike[];
  biases: VectorLike[];
}

/** One maximal interval on which the network output is y = slope·x + intercept. */
export interface LinearPiece {
  start: number;
  end: number;
  slope: number;
  intercept: number;
}

export interface RegionCount {
  /** Number of linear regions: pieces after merging neighbours with equal slope. */
  regions: number;
  /** Every x in (lo, hi) where a hidden unit's pre-activation crosses zero, sorted, coincident ones once. */
  breakpoints: number[];
  /** The regions themselves, left to right. */
  pieces: LinearPiece[];
}

export interface RegionOptions {
  /** Breakpoints closer than rtol·(hi − lo) to each other or to a cell edge are one (default 1e-9). */
  rtol?: number;
  /** Neighbouring slopes s, t are equal when |s − t| ≤ slopeRtol·max|slope| (default 1e-9). */
  slopeRtol?: number;
}

/**
 * Plain number[][] copies of a network's weights and biases, with their shapes checked.
 * @example
 * const arrays = theory.networkArrays({ weights: [tensor([[1], [2]]), tensor([[3, 4]])], biases: [tensor([0, 0]), [5]] });
 * expect(arrays.weights[1]).toEqual([[3, 4]]);
 * expect(arrays.biases).toEqual([[0, 0], [5]]);
 */
export function networkArrays(net: ReluNetwork): { weights: number[][][]; biases: number[][] } {
  const { weights, biases } = net;
  if (weights.length === 0 || weights.length !== biases.length) {
    throw new Error(`ReluNetwork: need as many weight matrices as bias vectors, at least one (got ${weights.length} and ${biases.length})`);
  }
  const w = weights.map((m, k) => toMatrix(m, `weights[${k}]`));
  const b = biases.map((v, k) => toVector(v, `biases[${k}]`));
  let width = 1; // D_0: one input
  for (let k = 0; k < w.length; k++) {
    const cols = w[k][0].length;
    if (cols !== width) throw new Error(`ReluNetwork: weights[${k}] has ${cols} columns, expected D_${k} = ${width}`);
    if (b[k].length !== w[k].length) {
      throw new Error(`ReluNetwork: biases[${k}] has length ${b[k].length}, expected D_${k + 1} = ${w[k].length}`);
    }
    width = w[k].length;
  }
  if (width !== 1) throw new Error(`ReluNetwork: the last layer has ${width} outputs, expected 1`);
  return { weights: w, biases: b };
}

function toMatrix(m: MatrixLike, name: string): number[][] {
  const rows = m instanceof Tensor ? tensorRows(m, name) : m.map((r) => Array.from(r));
  if (rows.length === 0 || rows[0].length === 0) throw new Error(`ReluNetwork: ${name} is empty`);
  for (const r of rows) {
    if (r.length !== rows[0].length) throw new Error(`ReluNetwork: ${name} has rows of lengths ${rows[0].length} and ${r.length}`);
    for (const v of r) if (!Number.isFinite(v)) throw new Error(`ReluNetwork: ${name} contains ${v}`);
  }
  return rows;
}

function tensorRows(t: Tensor, name: string): number[][] {
  if (t.ndim !== 2) throw new Error(`ReluNetwork: ${name} must be a 2-D tensor (got shape [${t.shape.join(", ")}])`);
  return t.tolist() as number[][];
}

function toVector(v: VectorLike, name: string): number[] {
  let out: number[];
  if (v instanceof Tensor) {
    if (v.ndim !== 1) throw new Error(`ReluNetwork: ${name} must be a 1-D tensor (got shape [${v.shape.join(", ")}])`);
    out = Array.from(v.toArray());
  } else {
    out = Array.from(v);
  }
  for (const x of out) if (!Number.isFinite(x)) throw new Error(`ReluNetwork: ${name} contains ${x}`);
  return out;
}

/**
 * The network output at x (plain loops; the affine-cell walk below is the exact counterpart).
 * @example
 * const net = { weights: [[[1], [1]], [[1, 1]]], biases: [[0, -1], [0]] };   // ReLU(x) + ReLU(x − 1)
 * expect(theory.evaluateNetwork(net, 2)).toBe(3);
 * expect(theory.evaluateNetwork(net, -5)).toBe(0);
 */
export function evaluateNetwork(net: ReluNetwork, x: number): number {
  const { weights, biases } = networkArrays(net);
  let h = [x];
  for (let k = 0; k < weights.length; k++) {
    const z = affine(weights[k], h, biases[k]);
    h = k + 1 < weights.length ? z.map((v) => Math.max(v, 0)) : z;
  }
  return h[0];
}

function affine(omega: number[][], h: number[], beta: number[] | null): number[] {
  return omega.map((row, i) => {
    let s = beta === null ? 0 : beta[i];
    for (let j = 0; j < row.length; j++) s += row[j] * h[j];
    return s;
  });
}

// On a cell [start, end] every unit keeps its state, so h = slope·x + offset (vectors of length D_k).
interface Cell {
  start: number;
  end: number;
  slope: number[];
  offset: number[];
}

/**
 * Counts the linear regions of a 1-input, 1-output ReLU network on [lo, hi] exactly.
 * Two adjacent pieces with equal slope are one region; `breakpoints` lists every switch of a unit.
 * @example
 * // y = ReLU(x) + ReLU(x − 1): slopes 0, 1, 2 on (−2, 0), (0, 1), (1, 2)
 * const net = { weights: [[[1], [1]], [[1, 1]]], biases: [[0, -1], [0]] };
 * const r = theory.countLinearRegions(net, -2, 2);
 * expect(r.regions).toBe(3);
 * expect(r.breakpoints.map(Math.abs)).toEqual([0, 1]);   // the first is −c/A = −0/1
 * expect(r.pieces.map((p) => p.slope)).toEqual([0, 1, 2]);
 */
export function countLinearRegions(net: ReluNetwork, lo: number, hi: number, options: RegionOptions = {}): RegionCount {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new Error(`countLinearRegions: need finite lo < hi (got lo = ${lo}, hi = ${hi})`);
  }
  const tol = (options.rtol ?? 1e-9) * (hi - lo); // absolute, in units of x
  const slopeRtol = options.slopeRtol ?? 1e-9;
  const { weights, biases } = networkArrays(net);
  const hidden = weights.length - 1; // K

  let cells: Cell[] = [{ start: lo, end: hi, slope: [1], offset: [0] }];
  const breakpoints: number[] = [];
  for (let k = 0; k < hidden; k++) {
    const next: Cell[] = [];
    for (const cell of cells) {
      // pre-activation z = Ω_k h + β_k = (Ω_k slope)·x + (Ω_k offset + β_k), affine on this cell
      const zSlope = affine(weights[k], cell.slope, null); // (D_{k+1})
      const zOffset = affine(weights[k], cell.offset, biases[k]); // (D_{k+1})
      const cuts: number[] = [];
      for (let i = 0; i < zSlope.length; i++) {
        if (zSlope[i] === 0) continue; // constant on the cell: never crosses
        const x = -zOffset[i] / zSlope[i];
        if (x > cell.start + tol && x < cell.end - tol) cuts.push(x);
      }
      cuts.sort((a, b) => a - b);
      const edges = [cell.start];
      for (const x of cuts) if (x - edges[edges.length - 1] > tol) edges.push(x);
      edges.push(cell.end);
      breakpoints.push(...edges.slice(1, -1));
      for (let e = 0; e + 1 < edges.length; e++) {
        const mid = (edges[e] + edges[e + 1]) / 2; // the state at the midpoint holds on the whole sub-cell
        const on = zSlope.map((s, i) => s * mid + zOffset[i] > 0);
        next.push({
          start: edges[e],
          end: edges[e + 1],
          slope: zSlope.map((s, i) => (on[i] ? s : 0)),
          offset: zOffset.map((c, i) => (on[i] ? c : 0)),
        });
      }
    }
    cells = next;
  }

  const raw: LinearPiece[] = cells.map((cell) => ({
    start: cell.start,
    end: cell.end,
    slope: affine(weights[hidden], cell.slope, null)[0],
    intercept: affine(weights[hidden], cell.offset, biases[hidden])[0],
  }));
  const scale = raw.reduce((m, p) => Math.max(m, Math.abs(p.slope)), 0);
  const pieces: LinearPiece[] = [{ ...raw[0] }];
  for (let i = 1; i < raw.length; i++) {
    const last = pieces[pieces.length - 1];
    if (Math.abs(raw[i].slope - last.slope) <= slopeRtol * scale) last.end = raw[i].end;
    else pieces.push({ ...raw[i] });
  }
  breakpoints.sort((a, b) => a - b);
  const merged: number[] = [];
  for (const x of breakpoints) if (merged.length === 0 || x - merged[merged.length - 1] > tol) merged.push(x);
  return { regions: pieces.length, breakpoints: merged, pieces };
}

/**
 * A network with K hidden layers of D units (D ≥ 3) whose output has (D+1)^K linear regions on [0, 1].
 *
 * Each layer computes a "full fold" φ: [0, 1] → [0, 1] with D+1 monotone pieces, each mapped onto
 * all of [0, 1] with alternating slopes, so composing K folds multiplies the pieces: (D+1)^K.
 * φ(u) = constant + Σ_j c_j·unit_j is built from unit 1 = ReLU(u − t_1) (right-facing) and units 2, 3 = ReLU(t_j − u)
 * (left-facing), units 4…D = ReLU(u − t_j). On the first piece only left-facing units are active, so
 * slope s_0 = −(c_2 + c_3) while the jumps are c_j = s_j − s_{j−1}; with s_j = ±1/ℓ_j (ℓ_j the piece
 * widths) this forces 1/ℓ_3 = 1/ℓ_0 + 1/ℓ_1, met by ℓ = (w, w, w, w/2, w, …, w), w = 2/(2D+1).
 * Why D ≥ 3: with two units the three slopes of any combination satisfy s_1 = s_0 + s_2 or contain a
 * zero, so they cannot alternate in sign; no 2-unit layer folds (the book's "D > 2").
 * The next layer's pre-activation is w_i·φ(h) + b_i, so Ω_k = w cᵀ has rank one.
 * @example
 * const net = theory.sawtoothNetwork(3, 2);
 * expect(theory.countLinearRegions(net, 0, 1).regions).toBe(16);          // (3 + 1)²
 * expect(theory.parameterCount(net)).toBe(theory.deepParameterCount(3, 2));
 */
export function sawtoothNetwork(D: number, K: number): ReluNetwork {
  if (!Number.isInteger(D) || D < 3) throw new Error(`sawtoothNetwork: D must be an integer ≥ 3 units per layer (got ${D}); a 2-unit layer cannot fold`);
  if (!Number.isInteger(K) || K < 1) throw new Error(`sawtoothNetwork: K must be a positive integer number of layers (got ${K})`);
  const w = 2 / (2 * D + 1);
  const widths = Array.from({ length: D + 1 }, (_, j) => (j === 3 ? w / 2 : w)); // ℓ_0 … ℓ_D
  const t: number[] = []; // breakpoints t_1 … t_D (t[j-1] = t_j)
  let acc = 0;
  for (let j = 0; j < D; j++) {
    acc += widths[j];
    t.push(acc);
  }
  const slopes = widths.map((l, j) => (j % 2 === 0 ? 1 : -1) / l); // s_j: up, down, up, …
  const facing = Array.from({ length: D }, (_, j) => (j === 1 || j === 2 ? -1 : 1)); // units 2 and 3 face left
  // unit j: ReLU(facing_j·(u − t_j)); its coefficient c_j is the slope jump at t_j
  const c = t.map((_, j) => slopes[j + 1] - slopes[j]);
  // constant so that φ(0) = 0: only left-facing units are non-zero at u = 0, each equal to t_j
  let phi0 = 0;
  for (let j = 0; j < D; j++) if (facing[j] < 0) phi0 += c[j] * t[j];
  const constant = -phi0;

  const unitWeights = facing; // w_j in ReLU(w_j u + b_j)
  const unitBiases = t.map((tj, j) => -facing[j] * tj);
  const weights: number[][][] = [unitWeights.map((wj) => [wj])]; // Ω_0: (D, 1)
  const biases: number[][] = [unitBiases];
  for (let k = 1; k < K; k++) {
    // pre-activation_i = w_i·(Σ_j c_j h_j + constant) + b_i
    weights.push(unitWeights.map((wi) => c.map((cj) => wi * cj))); // Ω_k: (D, D)
    biases.push(unitWeights.map((wi, i) => wi * constant + unitBiases[i]));
  }
  weights.push([c]); // Ω_K: (1, D)
  biases.push([constant]);
  return { weights, biases };
}

/**
 * Number of weights and biases actually stored in a network.
 * @example
 * const shallow = { weights: [[[1], [1]], [[1, 1]]], biases: [[0, -1], [0]] };
 * expect(theory.parameterCount(shallow)).toBe(7);                         // 2 + 2 + 2 + 1
 */
export function parameterCount(net: ReluNetwork): number {
  const { weights, biases } = networkArrays(net);
  let n = 0;
  for (let k = 0; k < weights.length; k++) n += weights[k].length * weights[k][0].length + biases[k].length;
  return n;
}

/**
 * Parameters of a shallow 1-input, 1-output network with D hidden units: 3D + 1.
 * @example
 * expect(theory.shallowParameterCount(2)).toBe(7);                        // 3D + 1
 */
export function shallowParameterCount(D: number): number {
  checkCount(D, "D", 1, "shallowParameterCount");
  return 3 * D + 1;
}

/**
 * Parameters of a 1-input, 1-output network with K hidden layers of D units each: 3D+1+(K−1)D(D+1).
 * @example
 * expect(theory.deepParameterCount(3, 2)).toBe(22);                       // 3·3 + 1 + 1·3·4
 */
export function deepParameterCount(D: number, K: number): number {
  checkCount(D, "D", 1, "deepParameterCount");
  checkCount(K, "K", 1, "deepParameterCount");
  return 3 * D + 1 + (K - 1) * D * (D + 1);
}

/**
 * Zaslavsky's bound: D hyperplanes in general position cut R^{D_i} into Σ_{j=0}^{D_i} C(D, j)
 * regions — the most a shallow ReLU network with D_i inputs and D hidden units can make.
 * @example
 * expect(theory.zaslavskyBound(1, 5)).toBe(6);                            // D + 1 on a line
 * expect(theory.zaslavskyBound(2, 3)).toBe(7);                            // C(3,0) + C(3,1) + C(3,2)
 */
export function zaslavskyBound(inputDim: number, D: number): number {
  checkCount(inputDim, "inputDim", 1, "zaslavskyBound");
  checkCount(D, "D", 0, "zaslavskyBound");
  let total = 0;
  let binom = 1; // C(D, 0)
  for (let j = 0; j <= Math.min(inputDim, D); j++) {
    total += binom;
    binom = (binom * (D - j)) / (j + 1); // C(D, j+1), exact while it fits in 2^53
  }
  return total;
}

function checkCount(value: number, name: string, min: number, fn: string): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${fn}: ${name} must be an integer ≥ ${min} (got ${value})`);
}
