// AdaMax, the second variant of Algorytm 14 in the notes; Kingma & Ba 2015, section 7.1.
//
// Adam with the L² average of squared gradients replaced by an L^∞ one — a decayed running maximum:
//   m ← β·m + (1−β)·g
//   u ← max(γ·u, |g| + ε)            (elementwise)
//   ϕ ← ϕ − (α / (1 − β^t)) · m / u
// u needs no bias correction (a maximum is not biased towards its zero start).
// Erratum: the notes write v_{t+1} = max(γv_t, ‖∂L/∂ϕ‖) with a norm; it is the elementwise absolute
// value |g| — each coordinate keeps its own maximum, as in Kingma & Ba's Algorithm 2.
// ε follows torch.optim.Adamax (added to |g| inside the max, so u > 0 even for a zero gradient);
// eps: 0 gives the paper's form exactly. Defaults lr 2e-3, betas [0.9, 0.999] as in the paper.

import type { Tensor } from "../tensor/tensor";
import { zerosLike } from "../tensor/creation";
import { Optimizer, checkBetas, checkNonNegative, type ParamState, type ParamsInput } from "./optimizer";
import { withL2 } from "./weight-decay";

export interface AdamaxHyper {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

/**
 * AdaMax (Kingma & Ba 2015, §7.1): Adam with a decayed running maximum of |g| in place of √v̂.
 * @example
 * const p = tensor([0], { requiresGrad: true });
 * const opt = new optim.Adamax([p], { lr: 0.1 });
 * p.grad = tensor([5]);
 * opt.step();
 * opt.step();                                // a constant gradient: each step moves by lr
 * expect(p.item()).toBeCloseTo(-0.2, 6);
 */
export class Adamax extends Optimizer<AdamaxHyper> {
  constructor(params: ParamsInput<AdamaxHyper>, options: Partial<AdamaxHyper> = {}) {
    super("Adamax", params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }, options);
  }

  protected checkHyper(h: AdamaxHyper): void {
    checkNonNegative(this.name, "lr", h.lr);
    checkBetas(this.name, h.betas);
    checkNonNegative(this.name, "eps", h.eps);
    checkNonNegative(this.name, "weightDecay", h.weightDecay);
  }

  protected update(p: Tensor, grad: Tensor, h: AdamaxHyper, state: ParamState): void {
    const g = withL2(grad, p, h.weightDecay);
    const [beta, gamma] = h.betas;
    if (state.step === undefined) {
      state.step = 0;
      state.expAvg = zerosLike(p);
      state.expInf = zerosLike(p);
    }
    const t = (state.step as number) + 1;
    state.step = t;
    const m = state.expAvg as Tensor;
    const u = state.expInf as Tensor;
    m.mul_(beta).add_(g, 1 - beta); // m ← β·m + (1−β)·g
    u.copy_(u.mul(gamma).maximum(g.abs().add(h.eps))); // u ← max(γ·u, |g| + ε)
    p.add_(m.div(u), -h.lr / (1 - beta ** t)); // ϕ ← ϕ − α/(1−β^t) · m/u
  }
}
