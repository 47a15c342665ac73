// softplus(z) = log(1 + eᶻ), a smooth ReLU; it appears inside Mish (Definicja 6), log-sigmoid and the
// stable binary cross-entropy. Written as max(z, 0) + log1p(e^{−|z|}), so the exponential never
// exceeds 1 (z = ±1e3 gives a finite value and gradient) and the small term keeps its digits:
// log(1 + e^{−40}) would round 1 + 4e-18 to 1 and return 0, log1p returns 4.2e-18 (and 5e-324 at
// z = −745). Both pieces come from where() on the sign of z, which keeps the gradient right at
// z = 0 (σ(0) = ½); relu(z) + log1p(e^{−abs(z)}) would give 0 there, since the relu and abs
// primitives take the subgradient 0 at the kink.

import { Module } from "../module";
import { add, exp, gt, log1p, sub, where } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * The pieces of softplus(z) = max(z, 0) + log1p(e^{−|z|}): max(z, 0), min(z, 0) and the small term
 * log1p(e^{−|z|}) ∈ (0, log 2], for a caller that must combine the large terms with something else
 * before the small one is added (bceWithLogits).
 */
export function softplusTerms(x: Tensor): { positivePart: Tensor; negativePart: Tensor; tail: Tensor } {
  const positive = gt(x, 0);
  const positivePart = where(positive, x, 0); // max(z, 0)
  const negativePart = where(positive, 0, x); // min(z, 0)
  return { positivePart, negativePart, tail: log1p(exp(sub(negativePart, positivePart))) }; // log(1 + e^{−|z|})
}

/**
 * log(1 + eᶻ);  d/dz = σ(z)
 * @example
 * expect(nn.softplus(tensor([0])).item()).toBeCloseTo(Math.LN2, 15);
 * expect(nn.softplus(tensor([1000, -1000])).tolist()).toEqual([1000, 0]);   // no overflow
 * expect(nn.softplus(tensor([-40])).item()).toBe(Math.log1p(Math.exp(-40)));   // 4.2e-18, not 0
 */
export function softplus(x: Tensor): Tensor {
  const { positivePart, tail } = softplusTerms(x);
  return add(positivePart, tail);
}

/**
 * The Softplus layer: softplus(x) as a module.
 * @example
 * expect(new nn.Softplus().forward(tensor([Math.log(Math.E - 1)])).item()).toBeCloseTo(1, 15); // log(1 + (e − 1)) = 1
 */
export class Softplus extends Module {
  override forward(x: Tensor): Tensor {
    return softplus(x);
  }
}
