// Algorytm 15 — Weight decay (Hanson & Pratt 1988; decoupled form: Loshchilov & Hutter 2019) and
// Algorytm 17 — L2 (Tikhonov) regularisation, as small functions, so a lecture can put the two side by
// side and show that for SGD they are the same thing and for Adam they are not.
//
//   decoupled decay (Algorytm 15):  ϕ ← (1−λ)·ϕ, then the optimizer's step from ∂L/∂ϕ
//   L2 penalty (Algorytm 17):       minimise L + λ'·Σⱼ ϕⱼ²  — the gradient gains 2λ'·ϕ
//
// For SGD: ϕ − α(g + 2λ'ϕ) = (1 − 2αλ')ϕ − αg, so decay λ = 2αλ' is exactly the penalty λ'.
// For Adam the penalty's gradient 2λ'ϕ is divided by √v̂ like the rest of the gradient, so weights with
// large gradients are decayed less — no choice of λ matches it (AdamW, Algorytm 16, decays directly).
// Note the notes' penalty has no ½: PyTorch's weight_decay = wd corresponds to λ' = wd/2.

import { noGrad } from "../autograd/engine";
import type { Tensor } from "../tensor/tensor";
import { checkNonNegative } from "./optimizer";

/**
 * Algorytm 15: ϕ ← (1−λ)·ϕ for every parameter, in place (call it just before an optimizer's step).
 * @example
 * const w = tensor([4, -8]);
 * optim.decoupledWeightDecay_([w], 0.25);
 * expect(w.tolist()).toEqual([3, -6]);
 */
export function decoupledWeightDecay_(params: Iterable<Tensor>, lambda: number): void {
  checkNonNegative("decoupledWeightDecay_", "lambda", lambda);
  if (lambda > 1) throw new Error(`decoupledWeightDecay_: lambda must be at most 1 (it multiplies the weights by 1−λ), got ${lambda}`);
  noGrad(() => {
    for (const p of params) p.mul_(1 - lambda);
  });
}

/**
 * Algorytm 17: the penalty λ·Σⱼ ϕⱼ² over all given parameters, as a scalar tensor to add to the loss
 * (it is differentiable: backward adds 2λ·ϕ to each gradient). Pass only the weights — the notes apply
 * it to weights, not biases.
 * @example
 * const w = tensor([1, 2], { requiresGrad: true });
 * const penalty = optim.l2Penalty([w], 0.5);       // 0.5·(1 + 4)
 * expect(penalty.item()).toBe(2.5);
 * penalty.backward();
 * expect(w.grad!.tolist()).toEqual([1, 2]);        // 2λ·w
 */
export function l2Penalty(params: Iterable<Tensor>, lambda: number): Tensor {
  checkNonNegative("l2Penalty", "lambda", lambda);
  let total: Tensor | null = null;
  for (const p of params) {
    const term = p.square().sum(); // Σ ϕⱼ² of one tensor, shape []
    total = total === null ? term : total.add(term);
  }
  if (total === null) throw new Error("l2Penalty: got no parameters");
  return total.mul(lambda);
}

/**
 * The L2-coupled gradient g + weightDecay·ϕ that torch.optim's weight_decay uses (a new tensor; grad is not changed).
 * @example
 * expect(optim.withL2(tensor([1, 1]), tensor([2, -4]), 0.5).tolist()).toEqual([2, -1]); // g + λ·ϕ
 */
export function withL2(grad: Tensor, param: Tensor, weightDecay: number): Tensor {
  return weightDecay === 0 ? grad : grad.clone().add_(param, weightDecay);
}
