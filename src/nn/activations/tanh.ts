// tanh as a Module (the function is the tanh primitive).

import { Module } from "../module";
import { tanh } from "../../autograd/primitives/math";
import type { Tensor } from "../../tensor/tensor";

export { tanh };

/**
 * The Tanh layer: tanh(x) as a module.
 * @example
 * expect(new nn.Tanh().forward(tensor([0, Math.log(2)])).tolist()[1]).toBeCloseTo(0.6, 15); // (2 − ½)/(2 + ½)
 */
export class Tanh extends Module {
  override forward(x: Tensor): Tensor {
    return tanh(x);
  }
}
