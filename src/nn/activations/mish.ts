// Definicja 6 — Mish(z) = z·tanh(ln(1 + eᶻ)); Misra 2019, "Mish: A Self Regularized Non-Monotonic
// Activation Function". Smooth, non-monotonic, close to Swish and GELU. The softplus inside is the
// stable one, so Mish is finite with a finite gradient at z = ±1e3 and keeps its digits in the lower
// tail (Mish(−40) = −1.7e-16, not 0).
//
// Below z = −64 it is computed as (z·e⁻⁶⁴)·e^{z+64}, the same number z·eᶻ to far below an ulp
// (tanh(softplus(z)) = eᶻ(1 − eᶻ/2 + …)): forming eᶻ first would round it to a subnormal before the
// product once z < −708 (e⁻⁷⁴⁵ is 2.8e-324 but rounds to 4.9e-324, so z·eᶻ would be off by 75 %),
// while here neither factor is subnormal and only the final product rounds. z + 64 is exact for
// z ≤ −64, so the exponential sees no rounded argument.

import { Module } from "../module";
import { softplus } from "./softplus";
import { add, exp, lt, mul, tanh, where } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/** Where Mish switches to its lower-tail form z·eᶻ (there e⁻⁶⁴ ≈ 1.6e-28, far below half an ulp). */
const LOWER_TAIL = -64;

/**
 * z·tanh(softplus(z));  d/dz = tanh(sp) + z·sech²(sp)·σ(z), sp = softplus(z)
 * @example
 * // mish(1) = tanh(ln(1 + e)) = ((1 + e)² − 1)/((1 + e)² + 1)
 * const s = (1 + Math.E) ** 2;
 * expect(nn.mish(tensor([1])).item()).toBeCloseTo((s - 1) / (s + 1), 15);
 * expect(nn.mish(tensor([0])).item()).toBe(0);
 * expect(nn.mish(tensor([-40])).item()).toBe(-40 * Math.exp(-40));   // ≈ z·eᶻ in the lower tail, not 0
 */
export function mish(x: Tensor): Tensor {
  const tail = lt(x, LOWER_TAIL);
  // The tail branch only ever sees z < −64 (other entries are replaced by −64), so e^{z+64} cannot
  // overflow where that branch is not taken.
  const zTail = where(tail, x, LOWER_TAIL);
  const tailValue = mul(mul(zTail, Math.exp(LOWER_TAIL)), exp(add(zTail, -LOWER_TAIL))); // (z·e⁻⁶⁴)·e^{z+64}
  return where(tail, tailValue, mul(x, tanh(softplus(x))));
}

/**
 * The Mish layer: mish(x) as a module.
 * @example
 * const y = new nn.Mish().forward(tensor([-1])).item();
 * const s = (1 + Math.exp(-1)) ** 2;
 * expect(y).toBeCloseTo((-(s - 1)) / (s + 1), 15);
 */
export class Mish extends Module {
  override forward(x: Tensor): Tensor {
    return mish(x);
  }
}
