// Definicja 4 — GELU(z) = z·Φ(z), Φ the standard normal CDF; Hendrycks & Gimpel 2016, "Gaussian Error
// Linear Units". Exact form through the normalCdf primitive, Φ(z) = ½ erfc(−z/√2); the notes'
// approximation z·σ(1.702z) (a Swish with β = 1.702, from the same paper); and the tanh approximation
// ½z(1 + tanh(√(2/π)(z + 0.044715z³))) that PyTorch offers as approximate="tanh".
// Both the exact and the tanh form are written so the lower tail does not cancel: ½(1 + erf(z/√2))
// and ½(1 + tanh u) are 1 − 1 = 0 for z ≲ −8, while Φ(z) and the identical σ(2u) are computed
// directly (GELU(−10) = −7.6e-23, not 0).

import { Module } from "../module";
import { add, mul, normalCdf, sigmoid } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

export type GeluApproximation = "none" | "sigmoid" | "tanh";

/**
 * z·Φ(z) (approximate "none"), z·σ(1.702z) ("sigmoid"), or the tanh formula ("tanh").
 * @example
 * const y = nn.gelu(tensor([1])).item();
 * expect(y).toBeCloseTo(0.8413447460685429, 15);       // 1·Φ(1); Φ(1) = 0.84134 47460 68543 (normal tables)
 * const c = Math.sqrt(2 / Math.PI);                    // PyTorch's tanh form, written out
 * expect(nn.gelu(tensor([1]), "tanh").item()).toBeCloseTo(0.5 * (1 + Math.tanh(c * (1 + 0.044715))), 15);
 */
export function gelu(x: Tensor, approximate: GeluApproximation = "none"): Tensor {
  switch (approximate) {
    case "none":
      return mul(x, normalCdf(x)); // z·Φ(z)
    case "sigmoid":
      return mul(x, sigmoid(mul(x, 1.702)));
    case "tanh": {
      const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI)); // u
      return mul(x, sigmoid(mul(inner, 2))); // ½z(1 + tanh u) = z·σ(2u)
    }
    default:
      throw new RangeError(`gelu: approximate must be "none", "sigmoid" or "tanh" (got ${JSON.stringify(approximate)})`);
  }
}

/**
 * The GELU layer: gelu(x, approximate) as a module.
 * @example
 * const y = new nn.GELU().forward(tensor([0, -10])).tolist() as number[];
 * expect(y[0]).toBe(0);
 * expect(y[1]).toBeCloseTo(-7.6198530241605e-23, 35);   // −10·Φ(−10), where ½(1 + erf(−7.07)) would give 0
 */
export class GELU extends Module {
  constructor(readonly approximate: GeluApproximation = "none") {
    super();
  }

  override forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }

  protected override extraRepr(): string {
    return this.approximate === "none" ? "" : `approximate="${this.approximate}"`;
  }
}
