// Definicja 6 — Mish(z) = z·tanh(ln(1 + eᶻ)); Misra 2019, "Mish: A Self Regularized Non-Monotonic
// Activation Function". Smooth, non-monotonic, close to Swish and GELU. The softplus inside is the
// stable one, so Mish is finite with a finite gradient at z = ±1e3.

import { Module } from "../module";
import { softplus } from "./softplus";
import { mul, tanh } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * z·tanh(softplus(z))
 * @example
 * // mish(1) = tanh(ln(1 + e)) = ((1 + e)² − 1)/((1 + e)² + 1)
 * const s = (1 + Math.E) ** 2;
 * expect(nn.mish(tensor([1])).item()).toBeCloseTo((s - 1) / (s + 1), 15);
 * expect(nn.mish(tensor([0])).item()).toBe(0);
 */
export function mish(x: Tensor): Tensor {
  return mul(x, tanh(softplus(x)));
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
