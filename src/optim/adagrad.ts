// Algorytm 12 — AdaGrad; Duchi, Hazan & Singer 2011.
//
//   s ← s + g²                 (elementwise, summed over all steps so far)
//   ϕ ← ϕ − α · g / (√s + ε)
//
// Erratum: the notes write √s in the update without an index; it is s_{t+1}, the sum that already
// includes the current gradient (as in Duchi et al. and torch.optim.Adagrad) — with s_t the very
// first step would divide by √0 + ε.
// Because s only grows, the effective step α/√s shrinks for good: learning can stall early, which is
// what RMSProp (next file) fixes. Defaults follow torch.optim.Adagrad (lr 1e-2, eps 1e-10);
// lr_decay is left out — use a schedule (src/schedules) instead.

import type { Tensor } from "../tensor/tensor";
import { fullLike } from "../tensor/creation";
import { Optimizer, checkNonNegative, type ParamState, type ParamsInput } from "./optimizer";
import { withL2 } from "./weight-decay";

export interface AdagradHyper {
  lr: number;
  eps: number;
  /** The starting value of every s (PyTorch's initial_accumulator_value). */
  initialAccumulatorValue: number;
  /** L2-coupled: g ← g + weightDecay·ϕ. */
  weightDecay: number;
}

/**
 * Algorytm 12: the step divides by the root of the sum of all squared gradients so far.
 * @example
 * const p = tensor([0], { requiresGrad: true });
 * const opt = new optim.Adagrad([p], { lr: 1 });
 * p.grad = tensor([3]);
 * opt.step();                                // s = 9:  ϕ ← 0 − 3/√9
 * expect(p.item()).toBeCloseTo(-1, 9);
 * opt.step();                                // s = 18: ϕ ← −1 − 3/√18
 * expect(p.item()).toBeCloseTo(-1 - 1 / Math.SQRT2, 9);
 */
export class Adagrad extends Optimizer<AdagradHyper> {
  constructor(params: ParamsInput<AdagradHyper>, options: Partial<AdagradHyper> = {}) {
    super("Adagrad", params, { lr: 1e-2, eps: 1e-10, initialAccumulatorValue: 0, weightDecay: 0 }, options);
  }

  protected checkHyper(h: AdagradHyper): void {
    checkNonNegative(this.name, "lr", h.lr);
    checkNonNegative(this.name, "eps", h.eps);
    checkNonNegative(this.name, "initialAccumulatorValue", h.initialAccumulatorValue);
    checkNonNegative(this.name, "weightDecay", h.weightDecay);
  }

  protected update(p: Tensor, grad: Tensor, h: AdagradHyper, state: ParamState): void {
    const g = withL2(grad, p, h.weightDecay);
    if (state.sum === undefined) state.sum = fullLike(p, h.initialAccumulatorValue);
    const s = state.sum as Tensor;
    s.add_(g.square()); // s ← s + g²
    p.add_(g.div(s.sqrt().add(h.eps)), -h.lr); // ϕ ← ϕ − α·g/(√s + ε)
  }
}
