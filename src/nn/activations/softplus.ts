// softplus(z) = log(1 + eᶻ), a smooth ReLU; it appears inside Mish (Definicja 6) and in the stable
// binary cross-entropy. Written as max(z, 0) + log(1 + e^{−|z|}), so the exponential never exceeds 1
// and z = ±1e3 gives a finite value and gradient. Both pieces come from where() on the sign of z,
// which keeps the gradient right at z = 0 (σ(0) = ½); relu(z) + log(1 + e^{−abs(z)}) would give 0
// there, since the relu and abs primitives take the subgradient 0 at the kink.

import { Module } from "../module";
import { add, exp, gt, log, sub, where } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/** log(1 + eᶻ);  d/dz = σ(z) */
export function softplus(x: Tensor): Tensor {
  const positive = gt(x, 0);
  const upper = where(positive, x, 0); // max(z, 0)
  const lower = where(positive, 0, x); // min(z, 0)
  return add(upper, log(add(exp(sub(lower, upper)), 1))); // max + log(1 + e^{−|z|})
}

export class Softplus extends Module {
  override forward(x: Tensor): Tensor {
    return softplus(x);
  }
}
