// NAdam (Nesterov-accelerated Adam), the first variant of Algorytm 14 in the notes; Dozat 2016.
//
// Adam whose momentum term looks ahead the way Nesterov's does (Algorytm 10): the step uses the
// next step's momentum β·m̂ plus the current gradient's share, instead of m̂ alone:
//   m ← β·m + (1−β)·g,   v ← γ·v + (1−γ)·g²,   v̂ = v/(1−γ^t)
//   ϕ ← ϕ − α · [ μ_{t+1}·m / (1 − Π_{i≤t+1} μᵢ) + (1−μ_t)·g / (1 − Π_{i≤t} μᵢ) ] / (√v̂ + ε)
// With a constant μ_t = β (momentumSchedule "constant", the default: Dozat's simplified form, also
// Keras's) the products are β^{t+1} and β^t, i.e. ϕ ← ϕ − α·(β·m/(1−β^{t+1}) + (1−β)·g/(1−β^t))/(√v̂+ε).
// momentumSchedule "pytorch" is torch.optim.NAdam's warming-up momentum
// μ_t = β·(1 − ½·0.96^{t·momentumDecay}) (Dozat's suggestion, momentumDecay 4e-3 by default).
// The notes give no formula; the constant form is the default because it stays Adam with one change.

import type { Tensor } from "../tensor/tensor";
import { zerosLike } from "../tensor/creation";
import { Optimizer, checkBetas, checkChoice, checkNonNegative, type ParamState, type ParamsInput } from "./optimizer";
import { withL2 } from "./weight-decay";

export interface NAdamHyper {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** "constant": μ_t = β (default). "pytorch": μ_t = β(1 − ½·0.96^{t·momentumDecay}). */
  momentumSchedule: "constant" | "pytorch";
  /** ψ of the "pytorch" schedule. */
  momentumDecay: number;
}

/**
 * NAdam (Dozat 2016): Adam with a Nesterov look-ahead of the momentum.
 * @example
 * const p = tensor([0], { requiresGrad: true });
 * const opt = new optim.NAdam([p], { lr: 0.1, betas: [0.9, 0.999] });
 * p.grad = tensor([2]);
 * opt.step();
 * // first step: α·(1 + β(1 − β)/(1 − β²))·sign g = α·(1 + 2β)/(1 + β) = 0.1·28/19
 * expect(p.item()).toBeCloseTo((-0.1 * 28) / 19, 6);
 */
export class NAdam extends Optimizer<NAdamHyper> {
  constructor(params: ParamsInput<NAdamHyper>, options: Partial<NAdamHyper> = {}) {
    super("NAdam", params, {
      lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumSchedule: "constant", momentumDecay: 4e-3,
    }, options);
  }

  protected checkHyper(h: NAdamHyper): void {
    checkNonNegative(this.name, "lr", h.lr);
    checkBetas(this.name, h.betas);
    checkNonNegative(this.name, "eps", h.eps);
    checkNonNegative(this.name, "weightDecay", h.weightDecay);
    checkChoice(this.name, "momentumSchedule", h.momentumSchedule, ["constant", "pytorch"]);
    checkNonNegative(this.name, "momentumDecay", h.momentumDecay);
  }

  protected update(p: Tensor, grad: Tensor, h: NAdamHyper, state: ParamState): void {
    const g = withL2(grad, p, h.weightDecay);
    const [beta, gamma] = h.betas;
    const mu = (t: number): number => (h.momentumSchedule === "constant" ? beta : beta * (1 - 0.5 * 0.96 ** (t * h.momentumDecay)));
    if (state.step === undefined) {
      state.step = 0;
      state.muProduct = 1;
      state.expAvg = zerosLike(p);
      state.expAvgSq = zerosLike(p);
    }
    const t = (state.step as number) + 1;
    state.step = t;
    const muT = mu(t);
    const muNext = mu(t + 1);
    const muProduct = (state.muProduct as number) * muT; // Π_{i≤t} μᵢ
    state.muProduct = muProduct;
    const m = state.expAvg as Tensor;
    const v = state.expAvgSq as Tensor;
    m.mul_(beta).add_(g, 1 - beta); // m ← β·m + (1−β)·g
    v.mul_(gamma).add_(g.square(), 1 - gamma); // v ← γ·v + (1−γ)·g²
    const denom = v.div(1 - gamma ** t).sqrt().add(h.eps); // √v̂ + ε
    p.add_(g.div(denom), (-h.lr * (1 - muT)) / (1 - muProduct)); // the current gradient's share
    p.add_(m.div(denom), (-h.lr * muNext) / (1 - muProduct * muNext)); // the look-ahead momentum
  }
}
