// softplus(z) = log(1 + eᶻ), a smooth ReLU; it appears inside Mish (Definicja 6) and in the stable
// binary cross-entropy. Written as max(z, 0) + log(1 + e^{−|z|}), so the exponential never exceeds 1
// and z = ±1e3 gives a finite value and gradient. Both pieces come from where() on the sign of z,
// which keeps the gradient right at z = 0 (σ(0) = ½); relu(z) + log(1 + e^{−abs(z)}) would give 0
// there, since the relu and abs primitives take the subgradient 0 at the kink.

import { Module } from "../module";
import { add, exp, gt, log, sub, where } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * log(1 + eᶻ);  d/dz = σ(z)
 * @example
 * expect(nn.softplus(tensor([0])).item()).toBeCloseTo(Math.LN2, 15);
 * expect(nn.softplus(tensor([1000, -1000])).tolist()).toEqual([1000, 0]);   // no overflow
 */
export function softplus(x: Tensor): Tensor {
  const positive = gt(x, 0);
  const upper = where(positive, x, 0); // max(z, 0)
  const lower = where(positive, 0, x); // min(z, 0)
  return add(upper, log(add(exp(sub(lower, upper)), 1))); // max + log(1 + e^{−|z|})
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
