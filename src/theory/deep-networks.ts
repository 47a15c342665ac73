// Lecture 1, "Głębokie sieci neuronowe": building deep networks out of shallow ones and bounding what
// they can express. Notation as in the notes (and in regions.ts):
//   h_1 = a[β_0 + Ω_0 x],  h_k = a[β_{k−1} + Ω_{k−1} h_{k−1}],  y = β_K + Ω_K h_K,
//   Ω_k ∈ R^{D_{k+1}×D_k}, β_k ∈ R^{D_{k+1}}, a = ReLU.
// A shallow 1-input network in the book's scalar form y = φ_0 + Σ_d φ_d a[θ_d0 + θ_d1 x] is the case
// K = 1 with Ω_0 = (θ_d1), β_0 = (θ_d0), Ω_1 = (φ_1 … φ_D), β_1 = φ_0.
//
// Why these helpers exist: the notes say feeding one shallow network into another "is equivalent to"
// a deep network with two hidden layers. composeShallow builds that deep network (its Ω_1 = θ′φᵀ is
// an outer product, rank one), and parameterJacobian + numericalRank measure the local dimension of
// the family of functions each parameterisation reaches, which shows the converse fails.

import { evaluateNetwork, networkArrays, type ReluNetwork } from "./regions";

/**
 * The shallow network y = φ_0 + Σ_d φ_d ReLU(θ_d0 + θ_d1 x) in matrix form; theta[d] = [θ_d0, θ_d1], phi = [φ_0, …, φ_D].
 * @example
 * const net = theory.shallowNetwork([[0, 1], [-1, 1]], [0, 1, 1]);       // ReLU(x) + ReLU(x − 1)
 * expect(theory.outputsAt(net, [-1, 0.5, 2])).toEqual([0, 0.5, 3]);
 */
export function shallowNetwork(theta: readonly (readonly [number, number])[], phi: readonly number[]): ReluNetwork {
  if (theta.length === 0 || phi.length !== theta.length + 1) {
    throw new Error(`shallowNetwork: need D ≥ 1 pairs (θ_d0, θ_d1) and D + 1 output weights φ_0 … φ_D (got ${theta.length} and ${phi.length})`);
  }
  return {
    weights: [theta.map(([, slope]) => [slope]), [phi.slice(1)]], // Ω_0 (D, 1), Ω_1 (1, D)
    biases: [theta.map(([bias]) => bias), [phi[0]]], // β_0 (D), β_1 (1)
  };
}

/**
 * The deep network with two hidden layers that computes second(first(x)) for two shallow 1-input,
 * 1-output networks. The output of `first`, y′ = β′_1 + Ω′_1 h_1, enters the second network's hidden
 * layer as a[β″_0 + Ω″_0 y′], so
 *   Ω_0 = Ω′_0, β_0 = β′_0;  Ω_1 = Ω″_0 Ω′_1 (D″×1 · 1×D′: an outer product), β_1 = β″_0 + Ω″_0 β′_1;
 *   Ω_2 = Ω″_1, β_2 = β″_1.
 * @example
 * const first = theory.shallowNetwork([[0, 1]], [0, 1]);                 // ReLU(x)
 * const second = theory.shallowNetwork([[-1, 1]], [0, 1]);               // ReLU(y − 1)
 * const deep = theory.composeShallow(first, second);
 * expect(theory.outputsAt(deep, [3, 0.5, -2])).toEqual([2, 0, 0]);       // ReLU(ReLU(x) − 1)
 */
export function composeShallow(first: ReluNetwork, second: ReluNetwork): ReluNetwork {
  const f = networkArrays(first);
  const g = networkArrays(second);
  if (f.weights.length !== 2 || g.weights.length !== 2) {
    throw new Error(`composeShallow: both networks must be shallow (one hidden layer); got ${f.weights.length - 1} and ${g.weights.length - 1} hidden layers`);
  }
  const phi = f.weights[1][0]; // Ω′_1 as a row (D′)
  const phi0 = f.biases[1][0]; // β′_1
  const thetaSlope = g.weights[0].map((row) => row[0]); // Ω″_0 as a column (D″)
  const thetaBias = g.biases[0]; // β″_0 (D″)
  return {
    weights: [f.weights[0], thetaSlope.map((t) => phi.map((p) => t * p)), g.weights[1]],
    biases: [f.biases[0], thetaBias.map((b, i) => b + thetaSlope[i] * phi0), g.biases[1]],
  };
}

/**
 * [D_0, D_1, …, D_K, D_{K+1}]: input width, hidden widths, output width.
 * @example
 * expect(theory.layerWidths(theory.shallowNetwork([[0, 1], [1, 1]], [0, 1, 1]))).toEqual([1, 2, 1]);
 */
export function layerWidths(net: ReluNetwork): number[] {
  const { weights } = networkArrays(net);
  return [weights[0][0].length, ...weights.map((w) => w.length)];
}

/**
 * An upper bound on the linear regions of any 1-input ReLU network with hidden widths D_1 … D_K:
 * ∏_k (D_k + 1). On each region of the first k − 1 layers every pre-activation of layer k is affine in
 * x, so each of its D_k units switches at most once there, splitting a region into at most D_k + 1.
 * @example
 * expect(theory.regionUpperBound([2, 3])).toBe(12);                       // (2 + 1)(3 + 1)
 */
export function regionUpperBound(hiddenWidths: readonly number[]): number {
  let bound = 1;
  for (const d of hiddenWidths) {
    if (!Number.isInteger(d) || d < 1) throw new Error(`regionUpperBound: widths must be positive integers (got ${d})`);
    bound *= d + 1;
  }
  return bound;
}

/**
 * Central-difference Jacobian of fn at p: rows are outputs, columns parameters,
 * J[i][j] = (fn(p + h e_j)_i − fn(p − h e_j)_i) / 2h. Exact up to rounding for functions that are
 * polynomial in p near p, as a ReLU network's outputs are at points away from its breakpoints.
 * @example
 * const J = theory.parameterJacobian((p) => [p[0] * p[1], p[0] ** 2], [2, 3]);
 * expect(J[0][0]).toBeCloseTo(3, 8);                                     // ∂(p₀p₁)/∂p₀ = p₁
 * expect(J[1][0]).toBeCloseTo(4, 8);                                     // ∂p₀²/∂p₀ = 2p₀
 * expect(J[1][1]).toBeCloseTo(0, 8);
 */
export function parameterJacobian(fn: (p: number[]) => number[], p: readonly number[], h = 1e-6): number[][] {
  const columns: number[][] = [];
  for (let j = 0; j < p.length; j++) {
    const plus = [...p];
    const minus = [...p];
    plus[j] += h;
    minus[j] -= h;
    const a = fn(plus);
    const b = fn(minus);
    columns.push(a.map((v, i) => (v - b[i]) / (2 * h)));
  }
  const rows = columns.length === 0 ? 0 : columns[0].length;
  return Array.from({ length: rows }, (_, i) => columns.map((c) => c[i]));
}

/**
 * Rank of a matrix by Gaussian elimination with full pivoting: the number of pivots larger than
 * rtol times the largest entry. Full pivoting makes the pivots decay like the singular values, so a
 * clear gap between "large" and "rounding noise" shows up as it does in an SVD.
 * @example
 * expect(theory.numericalRank([[1, 2], [2, 4]])).toBe(1);
 * expect(theory.numericalRank([[1, 2], [3, 4]])).toBe(2);
 */
export function numericalRank(matrix: readonly (readonly number[])[], rtol = 1e-8): number {
  const a = matrix.map((r) => [...r]);
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0].length;
  let scale = 0;
  for (const r of a) for (const v of r) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return 0;
  const usedCols = new Array<boolean>(cols).fill(false);
  let rank = 0;
  for (let step = 0; step < Math.min(rows, cols); step++) {
    let pr = -1;
    let pc = -1;
    let best = 0;
    for (let i = step; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        if (!usedCols[j] && Math.abs(a[i][j]) > best) {
          best = Math.abs(a[i][j]);
          pr = i;
          pc = j;
        }
      }
    }
    if (best <= rtol * scale) break;
    [a[step], a[pr]] = [a[pr], a[step]];
    usedCols[pc] = true;
    for (let i = step + 1; i < rows; i++) {
      const factor = a[i][pc] / a[step][pc];
      if (factor === 0) continue;
      for (let j = 0; j < cols; j++) a[i][j] -= factor * a[step][j];
    }
    rank++;
  }
  return rank;
}

/**
 * The network's outputs at the points xs (plain loops, as evaluateNetwork).
 * @example
 * const net = theory.shallowNetwork([[0, 1]], [1, 2]);                  // 1 + 2·ReLU(x)
 * expect(theory.outputsAt(net, [-1, 3])).toEqual([1, 7]);
 */
export function outputsAt(net: ReluNetwork, xs: readonly number[]): number[] {
  return xs.map((x) => evaluateNetwork(net, x));
}
