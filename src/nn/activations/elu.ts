// Definicja 2 — ELU_α(z) = α(eᶻ − 1) for z < 0, z otherwise; Clevert, Unterthiner & Hochreiter 2016.
// Smooth for α = 1, never saturates for z > 0 and never has a zero gradient. eᶻ − 1 is expm1, which
// keeps its digits near 0 (exp(−1e-8) − 1 is accurate to only ~1e-8 relative).

import { Module } from "../module";
import { expm1, gt, mul, where } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * α(eᶻ − 1) for z ≤ 0, z otherwise;  d/dz = αeᶻ for z ≤ 0, 1 otherwise.
 * The exponential sees min(z, 0): e^{1000} would be ∞ in the unused branch, and where's backward
 * multiplies its zero gradient by that ∞, giving NaN.
 * @example
 * const y = nn.elu(tensor([-1, 0, 2])).tolist() as number[];
 * expect(y[0]).toBeCloseTo(Math.exp(-1) - 1, 15);     // α(eᶻ − 1) for z ≤ 0
 * expect(y.slice(1)).toEqual([0, 2]);
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  const positive = gt(x, 0);
  const negativePart = where(positive, 0, x); // min(z, 0)
  return where(positive, x, mul(expm1(negativePart), alpha));
}

/**
 * The ELU layer: elu(x, alpha) as a module.
 * @example
 * const y = new nn.ELU(0.5).forward(tensor([-Infinity, 3]));
 * expect(y.tolist()).toEqual([-0.5, 3]);               // saturates at −α
 */
export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }

  override forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }

  protected override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}
