// Algorytm 13 — RMSProp; Hinton, Srivastava & Swersky 2012 (Coursera lecture 6e).
//
//   s ← ρ·s + (1−ρ)·g²        (elementwise; an exponential moving average instead of AdaGrad's sum)
//   ϕ ← ϕ − α · g / (√s + ε)
//
// Erratum (typo): the notes write s_{t+1} = ρs + (1−ρ)m²_{t+1}; the s on the right is s_t.
// ρ is PyTorch's `alpha` (renamed here: α is the learning rate in the notes). Defaults follow
// torch.optim.RMSprop (lr 1e-2, ρ 0.99, eps 1e-8, s₀ = 0); its momentum and centered variants are
// not part of the lecture and are left out.

import type { Tensor } from "../tensor/tensor";
import { zerosLike } from "../tensor/creation";
import { Optimizer, checkNonNegative, checkUnitInterval, type ParamState, type ParamsInput } from "./optimizer";
import { withL2 } from "./weight-decay";

export interface RMSpropHyper {
  lr: number;
  /** ρ: the decay of the average of squared gradients (PyTorch's alpha). */
  rho: number;
  eps: number;
  /** L2-coupled: g ← g + weightDecay·ϕ. */
  weightDecay: number;
}

/**
 * Algorytm 13: the step divides by the root of a moving average of squared gradients.
 * @example
 * const p = tensor([0], { requiresGrad: true });
 * const opt = new optim.RMSprop([p], { lr: 0.01 });   // ρ = 0.99
 * p.grad = tensor([4]);
 * opt.step();                                // s = 0.01·16, so ϕ ← −0.01·4/0.4: ten times lr at first
 * expect(p.item()).toBeCloseTo(-0.1, 7);
 */
export class RMSprop extends Optimizer<RMSpropHyper> {
  constructor(params: ParamsInput<RMSpropHyper>, options: Partial<RMSpropHyper> = {}) {
    super("RMSprop", params, { lr: 1e-2, rho: 0.99, eps: 1e-8, weightDecay: 0 }, options);
  }

  protected checkHyper(h: RMSpropHyper): void {
    checkNonNegative(this.name, "lr", h.lr);
    checkUnitInterval(this.name, "rho", h.rho);
    checkNonNegative(this.name, "eps", h.eps);
    checkNonNegative(this.name, "weightDecay", h.weightDecay);
  }

  protected update(p: Tensor, grad: Tensor, h: RMSpropHyper, state: ParamState): void {
    const g = withL2(grad, p, h.weightDecay);
    if (state.squareAvg === undefined) state.squareAvg = zerosLike(p);
    const s = state.squareAvg as Tensor;
    s.mul_(h.rho).add_(g.square(), 1 - h.rho); // s ← ρ·s + (1−ρ)·g²
    p.add_(g.div(s.sqrt().add(h.eps)), -h.lr); // ϕ ← ϕ − α·g/(√s + ε)
  }
}
