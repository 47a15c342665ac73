// Implicit regularisation of epoch-wise SGD (lecture 4; Smith, Dherin, Barrett & De 2021, "On the
// origin of implicit regularization in stochastic gradient descent"; Prince, Understanding Deep
// Learning §9.2). One epoch takes B steps ϕ ← ϕ − α∇L_b(ϕ), one per batch, L = (1/B)Σ_b L_b. Over a
// time t = (steps)·α the mean iterate follows, to second order in α, the gradient flow of
//   L_SGD = L + (α/4)‖∇L‖² + (α/4B) Σ_b ‖∇L_b − ∇L‖²  =  L + (α/4B) Σ_b ‖∇L_b‖²,
// whose gradient is ∇L + (α/2B) Σ_b H_b ∇L_b (H_b the Hessian of L_b).
// "Mean" is the caveat that shaped this file: expanding one epoch to second order gives
//   −αB∇L + α² Σ_{k<j} H_j ∇L_k,
// which depends on the order of the batches. Averaged over random orders the α² part is
// (α²/2) Σ_{j≠k} H_j ∇L_k, which is what the flow of L_SGD reproduces; a fixed order leaves the
// antisymmetric rest (α²/2) Σ_{k<j} (H_j∇L_k − H_k∇L_j) per epoch, an O(α) drift over a fixed time.
// Visiting the batches forward and then backward ("reversing") cancels it exactly every two epochs, so
// that order is the deterministic way to see the α² agreement; `order` takes any other rule too.

import { checkPositive, dot, finiteDifferenceHessianVector, type GradientFn, type Vector } from "./implicit-regularisation";

/** "fixed": 0, 1, …, B−1 every epoch; "reversing": that order, then B−1, …, 0, alternately; or epoch ↦ order. */
export type BatchOrder = "fixed" | "reversing" | ((epoch: number) => readonly number[]);

export interface EpochwiseSgdOptions {
  /** Order of the batches within each epoch (default "fixed"). */
  order?: BatchOrder;
}

/**
 * `epochs` passes of SGD over B batches, one step ϕ ← ϕ − α∇L_b(ϕ) per batch; returns the final ϕ.
 * The time this covers in the gradient-flow picture is epochs·B·α.
 * @example
 * // two batches of the loss L = ½ϕ²: every step multiplies ϕ by (1 − α)
 * const phi = theory.epochwiseSgd([(p) => [p[0]], (p) => [p[0]]], [1], 0.1, 3);
 * expect(phi[0]).toBeCloseTo(0.9 ** 6, 14);
 */
export function epochwiseSgd(batchGrads: readonly GradientFn[], phi0: Vector, alpha: number, epochs: number, options: EpochwiseSgdOptions = {}): Vector {
  const name = "epochwiseSgd";
  checkPositive(alpha, "alpha", name);
  const B = batchGrads.length;
  if (B === 0) throw new Error(`${name}: no batch gradients`);
  if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`${name}: epochs must be a non-negative integer (got ${epochs})`);
  const orderOf = batchOrder(options.order ?? "fixed", B);
  let phi = Array.from(phi0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = orderOf(epoch);
    checkOrder(order, B, epoch);
    for (const b of order) {
      const g = batchGrads[b](phi);
      phi = phi.map((p, i) => p - alpha * g[i]);
    }
  }
  for (const p of phi) if (!Number.isFinite(p)) throw new Error(`${name}: the iterate diverged (got ${p}); use a smaller alpha`);
  return phi;
}

function batchOrder(order: BatchOrder, B: number): (epoch: number) => readonly number[] {
  const forward = Array.from({ length: B }, (_, b) => b);
  const backward = [...forward].reverse();
  if (order === "fixed") return () => forward;
  if (order === "reversing") return (epoch) => (epoch % 2 === 0 ? forward : backward);
  if (typeof order === "function") return order;
  throw new Error(`epochwiseSgd: order must be "fixed", "reversing" or a function epoch ↦ batch order (got ${JSON.stringify(order)})`);
}

function checkOrder(order: readonly number[], B: number, epoch: number): void {
  const seen = new Set(order);
  if (order.length !== B || seen.size !== B || order.some((b) => !Number.isInteger(b) || b < 0 || b >= B)) {
    throw new Error(`epochwiseSgd: the order of epoch ${epoch} must visit each of the ${B} batches once (got [${order.join(", ")}])`);
  }
}

export interface SgdModifiedGradientOptions {
  /** Hessian-vector product of batch b, H_b(ϕ)·v; central differences of batchGrads[b] when absent. */
  hessianVector?: (batch: number, phi: Vector, v: Vector) => Vector;
}

/**
 * ∇L_SGD = ∇L + (α/2B) Σ_b H_b∇L_b, the right-hand side of the modified flow of epoch-wise SGD, with
 * ∇L the mean of the batch gradients (equal batches). Passing c·α scales the implicit term by c.
 * @example
 * // batches L₁ = ½(ϕ−1)², L₂ = ½(ϕ+1)²: H_b = 1, so ∇L_SGD = ϕ + (α/4)·((ϕ−1) + (ϕ+1)) = ϕ(1 + α/2)
 * const g = theory.sgdModifiedGradient([(p) => [p[0] - 1], (p) => [p[0] + 1]], 0.2, { hessianVector: (_b, _p, v) => v });
 * expect(g([3])[0]).toBeCloseTo(3 * 1.1, 14);
 */
export function sgdModifiedGradient(batchGrads: readonly GradientFn[], alpha: number, options: SgdModifiedGradientOptions = {}): GradientFn {
  checkPositive(alpha, "alpha", "sgdModifiedGradient");
  const B = batchGrads.length;
  if (B === 0) throw new Error("sgdModifiedGradient: no batch gradients");
  const products = batchGrads.map((grad, b) => {
    const fd = finiteDifferenceHessianVector(grad);
    return (phi: Vector, v: Vector) => (options.hessianVector ? options.hessianVector(b, phi, v) : fd(phi, v));
  });
  return (phi) => {
    const out = phi.map(() => 0);
    batchGrads.forEach((grad, b) => {
      const g = grad(phi);
      const hg = products[b](phi, g);
      for (let i = 0; i < out.length; i++) out[i] += g[i] / B + (alpha / (2 * B)) * hg[i];
    });
    return out;
  };
}

/**
 * L_SGD[ϕ] = L + (α/4)‖∇L‖² + (α/4B) Σ_b ‖∇L_b − ∇L‖² from the batch losses and gradients,
 * L = (1/B) Σ_b L_b.
 * @example
 * // batches L₁ = ½(ϕ−1)², L₂ = ½(ϕ+1)² at ϕ = 0: L = ½, ∇L = 0, ∇L_b = ∓1, so L_SGD = ½ + (α/8)·2
 * const lSGD = theory.sgdModifiedLoss([(p) => 0.5 * (p[0] - 1) ** 2, (p) => 0.5 * (p[0] + 1) ** 2], [(p) => [p[0] - 1], (p) => [p[0] + 1]], 0.4);
 * expect(lSGD([0])).toBeCloseTo(0.6, 15);
 */
export function sgdModifiedLoss(batchLosses: readonly ((phi: Vector) => number)[], batchGrads: readonly GradientFn[], alpha: number): (phi: Vector) => number {
  checkPositive(alpha, "alpha", "sgdModifiedLoss");
  const B = batchGrads.length;
  if (B === 0 || batchLosses.length !== B) throw new Error(`sgdModifiedLoss: need one loss per batch gradient (got ${batchLosses.length} losses, ${B} gradients)`);
  return (phi) => {
    const grads = batchGrads.map((g) => g(phi));
    const full = phi.map((_, i) => grads.reduce((s, g) => s + g[i], 0) / B);
    const loss = batchLosses.reduce((s, l) => s + l(phi), 0) / B;
    const spread = grads.reduce((s, g) => s + g.reduce((t, gi, i) => t + (gi - full[i]) ** 2, 0), 0);
    return loss + (alpha / 4) * dot(full, full) + (alpha / (4 * B)) * spread;
  };
}

/**
 * The observed order p of gap ≈ C·α^p: the least-squares slope of log(gap) against log(α).
 * @example
 * const { order } = theory.observedOrder([0.1, 0.05, 0.025], [3e-2, 7.5e-3, 1.875e-3]);   // 3α²
 * expect(order).toBeCloseTo(2, 12);
 */
export function observedOrder(alphas: readonly number[], gaps: readonly number[]): { order: number; constant: number } {
  if (alphas.length !== gaps.length || alphas.length < 2) {
    throw new Error(`observedOrder: need at least two step sizes with one gap each (got ${alphas.length} step sizes, ${gaps.length} gaps)`);
  }
  alphas.forEach((a, i) => {
    if (!(a > 0) || !(gaps[i] > 0)) throw new Error(`observedOrder: step sizes and gaps must be positive (index ${i}: α = ${a}, gap = ${gaps[i]})`);
  });
  const x = alphas.map(Math.log);
  const y = gaps.map(Math.log);
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  if (sxx === 0) throw new Error("observedOrder: the step sizes must not all be equal");
  const order = sxy / sxx;
  return { order, constant: Math.exp(my - order * mx) };
}
