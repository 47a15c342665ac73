// σ(z) = 1/(1 + e^{−z}) as a Module (the function is the sigmoid primitive, stable at ±1000).

import { Module } from "../module";
import { sigmoid } from "../../autograd/primitives/math";
import type { Tensor } from "../../tensor/tensor";

export { sigmoid };

/**
 * The Sigmoid layer: σ(x) as a module.
 * @example
 * expect(new nn.Sigmoid().forward(tensor([0])).item()).toBe(0.5);
 */
export class Sigmoid extends Module {
  override forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}
