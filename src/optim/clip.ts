// Algorytm 6 — Gradient clipping; Pascanu, Mikolov & Bengio 2013. Two forms, both in place on .grad
// (call them between backward() and step()):
//   clipGradValue_: every component clamped to [−clip, clip] — the notes' form with clip = 1. It
//     changes the gradient's direction when some components are clipped and others not.
//   clipGradNorm_: the whole gradient (all parameters as one vector) rescaled to norm ≤ maxNorm —
//     Pascanu et al.'s form, keeps the direction. As torch.nn.utils.clip_grad_norm_: the scale is
//     maxNorm/(total + 1e-6), applied only when it is below 1; returns the norm before clipping.

import { noGrad } from "../autograd/engine";
import type { Tensor } from "../tensor/tensor";
import { checkNonNegative } from "./optimizer";

/**
 * Clamps every gradient component to [−clip, clip] (Algorytm 6: clip = 1). Parameters without a gradient are skipped.
 * @example
 * const p = tensor([0, 0, 0], { requiresGrad: true });
 * p.grad = tensor([-3, 0.5, 2]);
 * optim.clipGradValue_([p], 1);
 * expect(p.grad.tolist()).toEqual([-1, 0.5, 1]);
 */
export function clipGradValue_(params: Iterable<Tensor>, clip = 1): void {
  checkNonNegative("clipGradValue_", "clip", clip);
  noGrad(() => {
    for (const p of params) {
      if (p.grad !== null) p.grad.copy_(p.grad.clamp(-clip, clip));
    }
  });
}

/**
 * Rescales all gradients together so that their joint normType-norm is at most maxNorm; returns that
 * norm as it was before clipping. normType is p ≥ 1 of the p-norm, or Infinity (largest |component|).
 * @example
 * const p = tensor([0, 0], { requiresGrad: true });
 * p.grad = tensor([3, 4]);
 * expect(optim.clipGradNorm_([p], 1)).toBe(5);     // the norm before clipping
 * const [a, b] = p.grad.tolist() as number[];      // rescaled to norm 1 (up to PyTorch's 1e-6)
 * expect(a).toBeCloseTo(0.6, 6);
 * expect(b).toBeCloseTo(0.8, 6);
 */
export function clipGradNorm_(params: Iterable<Tensor>, maxNorm: number, normType = 2): number {
  checkNonNegative("clipGradNorm_", "maxNorm", maxNorm);
  if (!(normType >= 1)) throw new Error(`clipGradNorm_: normType must be a number ≥ 1 or Infinity, got ${normType}`);
  const grads = Array.from(params, (p) => p.grad).filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return 0;
  return noGrad(() => {
    let total: number;
    if (normType === Infinity) {
      total = Math.max(...grads.map((g) => g.abs().max().item()));
    } else {
      let sum = 0; // Σ over all components of |g|^p
      for (const g of grads) sum += (normType === 2 ? g.square() : g.abs().pow(normType)).sum().item();
      total = sum ** (1 / normType);
    }
    const scale = maxNorm / (total + 1e-6);
    if (scale < 1) for (const g of grads) g.mul_(scale);
    return total;
  });
}
