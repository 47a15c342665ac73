// Algorytm 16 — AdamW (Adam with decoupled weight decay); Loshchilov & Hutter 2019.
//
// Adam with Algorytm 15's weight decay applied to the weights directly instead of an L2 term in the
// gradient (which Adam would divide by √v̂, decaying weights with large gradients less):
//   ϕ ← (1−λ)·ϕ          decayStyle "notes" (default; Algorytm 15, and the paper with schedule η_t = 1)
//   ϕ ← (1−α·λ)·ϕ        decayStyle "pytorch" (torch.optim.AdamW: λ is scaled by the learning rate)
//   then the Adam step of adam.ts from the gradient at the old ϕ (no L2 term).
// The two styles are the same update with λ_notes = α·λ_pytorch; the "pytorch" one keeps the decay in
// step with a learning-rate schedule, and with it PyTorch's default λ = 0.01 is a sensible value.
// weightDecay has no default on purpose: 0.01 is reasonable in one style and far too strong in the other.

import type { Tensor } from "../tensor/tensor";
import { Optimizer, checkChoice, type ParamState, type ParamsInput } from "./optimizer";
import { adamUpdate, checkAdamHyper, type AdamHyper } from "./adam";

export interface AdamWHyper extends AdamHyper {
  /** λ of the decoupled decay (never added to the gradient). */
  weightDecay: number;
  /** "notes": ϕ ← (1−λ)ϕ (default). "pytorch": ϕ ← (1−αλ)ϕ. */
  decayStyle: "notes" | "pytorch";
}

export type AdamWOptions = Partial<AdamWHyper> & { weightDecay: number };

/**
 * Algorytm 16: Adam with decoupled weight decay, ϕ ← (1 − λ)ϕ before each Adam step.
 * @example
 * const p = tensor([1], { requiresGrad: true });
 * const opt = new optim.AdamW([p], { lr: 0.5, weightDecay: 0.25 });
 * p.grad = tensor([0]);                      // no gradient step: only the decay acts
 * opt.step();
 * expect(p.item()).toBe(0.75);               // (1 − λ)·ϕ
 * const q = tensor([1], { requiresGrad: true });
 * q.grad = tensor([0]);
 * new optim.AdamW([q], { lr: 0.5, weightDecay: 0.25, decayStyle: "pytorch" }).step();
 * expect(q.item()).toBe(0.875);              // (1 − α·λ)·ϕ, as torch.optim.AdamW
 */
export class AdamW extends Optimizer<AdamWHyper> {
  constructor(params: ParamsInput<AdamWHyper>, options: AdamWOptions) {
    if (options === undefined || options.weightDecay === undefined) {
      throw new Error('AdamW: weightDecay must be given (λ of ϕ ← (1−λ)ϕ; with decayStyle "pytorch", of ϕ ← (1−αλ)ϕ)');
    }
    super("AdamW", params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, decayStyle: "notes", weightDecay: options.weightDecay }, options);
  }

  protected checkHyper(h: AdamWHyper): void {
    checkAdamHyper(this.name, h);
    checkChoice(this.name, "decayStyle", h.decayStyle, ["notes", "pytorch"]);
    const factor = h.decayStyle === "notes" ? h.weightDecay : h.lr * h.weightDecay;
    if (factor > 1) throw new Error(`AdamW: the decay factor ${h.decayStyle === "notes" ? "λ" : "α·λ"} must be at most 1, got ${factor}`);
  }

  protected update(p: Tensor, g: Tensor, h: AdamWHyper, state: ParamState): void {
    const lambda = h.decayStyle === "notes" ? h.weightDecay : h.lr * h.weightDecay;
    p.mul_(1 - lambda); // ϕ ← (1−λ)·ϕ   (g was computed at the old ϕ, as in Algorytm 15)
    adamUpdate(p, g, h, state);
  }
}
