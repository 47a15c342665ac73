// Definicja 6 — Mish(z) = z·tanh(ln(1 + eᶻ)); Misra 2019, "Mish: A Self Regularized Non-Monotonic
// Activation Function". Smooth, non-monotonic, close to Swish and GELU. The softplus inside is the
// stable one, so Mish is finite with a finite gradient at z = ±1e3.

import { Module } from "../module";
import { softplus } from "./softplus";
import { mul, tanh } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/** z·tanh(softplus(z)) */
export function mish(x: Tensor): Tensor {
  return mul(x, tanh(softplus(x)));
}

export class Mish extends Module {
  override forward(x: Tensor): Tensor {
    return mish(x);
  }
}
