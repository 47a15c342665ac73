// Definicja 5 — Swish_β(z) = z·σ(βz); Ramachandran, Zoph & Le 2017, "Searching for Activation
// Functions". β is fixed or learned with the weights; β = 1 is SiLU (Elfwing, Uchibe & Doya 2018),
// and β = 1.702 approximates GELU.

import { Module } from "../module";
import { mul, sigmoid } from "../../autograd/ops";
import { full } from "../../tensor/creation";
import type { DType } from "../../tensor/dtype";
import type { Tensor } from "../../tensor/tensor";

/**
 * z·σ(βz); β a number or a (learned) tensor broadcastable to z.
 * @example
 * expect(nn.swish(tensor([1]), 2).item()).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);   // z·σ(βz)
 */
export function swish(x: Tensor, beta: number | Tensor = 1): Tensor {
  return mul(x, sigmoid(mul(x, beta)));
}

/**
 * SiLU(z) = z·σ(z) = Swish₁(z).
 * @example
 * expect(nn.silu(tensor([1])).item()).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
 * expect(nn.silu(tensor([0])).item()).toBe(0);
 */
export function silu(x: Tensor): Tensor {
  return swish(x, 1);
}

export interface SwishOptions {
  /** Initial (or fixed) β; default 1. */
  beta?: number;
  /** Learn β as a parameter (default false). */
  learnable?: boolean;
  dtype?: DType;
}

/**
 * The Swish layer; with learnable: true, β is a parameter.
 * @example
 * const act = new nn.Swish({ beta: 1, learnable: true });
 * expect(act.parameters().length).toBe(1);
 * const y = act.forward(tensor([2]));
 * expect(y.item()).toBeCloseTo(2 / (1 + Math.exp(-2)), 15);
 */
export class Swish extends Module {
  /** β: a number, or a 1-element parameter when learnable. */
  readonly beta: number | Tensor;

  constructor(options: SwishOptions = {}) {
    super();
    const beta = options.beta ?? 1;
    this.beta = options.learnable ? this.registerParameter("beta", full([1], beta, { dtype: options.dtype })) : beta;
  }

  override forward(x: Tensor): Tensor {
    return swish(x, this.beta);
  }

  protected override extraRepr(): string {
    return typeof this.beta === "number" ? `beta=${this.beta}` : "beta=learnable";
  }
}

/**
 * The SiLU layer: silu(x) = x·σ(x) as a module.
 * @example
 * expect(new nn.SiLU().forward(tensor([-1])).item()).toBeCloseTo(-1 / (1 + Math.E), 15);
 */
export class SiLU extends Module {
  override forward(x: Tensor): Tensor {
    return silu(x);
  }
}
