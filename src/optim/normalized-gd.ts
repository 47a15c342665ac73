// Algorytm 11 — Znormalizowany GD (normalised gradient descent); the per-coordinate form is
// signSGD-like (Bernstein et al. 2018) and is Adam with β = γ = 0 (Kingma & Ba 2015).
//
//   m ← ∂L/∂ϕ
//   v ← m²                   (elementwise: each coordinate separately)
//   ϕ ← ϕ − α · m / (√v + ε)
//
// Every coordinate therefore moves by almost exactly α (α·|g|/(|g|+ε)), whatever the gradient's
// scale: a fast and a slow direction of the loss get the same step. Erratum: the notes say the
// squaring happens "po osiach (czyli jakbyśmy liczyli iloczyn skalarny)"; it is the elementwise
// (Hadamard) square — a dot product m·m would give one number and normalise the whole gradient
// vector to length 1, which is a different algorithm.
// ε sits outside the square root, as in Prince's Understanding Deep Learning (eq. 6.13) and Adam.

import type { Tensor } from "../tensor/tensor";
import { Optimizer, checkNonNegative, type ParamsInput } from "./optimizer";

export interface NormalizedGDHyper {
  lr: number;
  eps: number;
}

export type NormalizedGDOptions = Partial<NormalizedGDHyper> & { lr: number };

/**
 * Algorytm 11: every coordinate moves by (almost exactly) lr, whatever the size of its gradient.
 * @example
 * const p = tensor([1, 1], { requiresGrad: true });
 * const opt = new optim.NormalizedGD([p], { lr: 0.1 });
 * p.grad = tensor([100, -0.01]);
 * opt.step();                                // ϕ ← ϕ − α·g/(|g| + ε)
 * const [a, b] = p.tolist() as number[];
 * expect(a).toBeCloseTo(0.9, 6);
 * expect(b).toBeCloseTo(1.1, 6);
 */
export class NormalizedGD extends Optimizer<NormalizedGDHyper> {
  constructor(params: ParamsInput<NormalizedGDHyper>, options: NormalizedGDOptions) {
    if (options === undefined || options.lr === undefined) throw new Error("NormalizedGD: lr must be given (there is no default learning rate)");
    super("NormalizedGD", params, { eps: 1e-8, lr: options.lr }, options);
  }

  protected checkHyper(h: NormalizedGDHyper): void {
    checkNonNegative(this.name, "lr", h.lr);
    checkNonNegative(this.name, "eps", h.eps);
  }

  protected update(p: Tensor, g: Tensor, h: NormalizedGDHyper): void {
    const v = g.square(); // v = m², elementwise
    p.add_(g.div(v.sqrt().add(h.eps)), -h.lr); // ϕ ← ϕ − α·m/(√v + ε)
  }
}
