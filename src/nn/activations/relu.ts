// ReLU(z) = max(0, z), the default activation of the notes' networks. The function is the relu
// primitive (its gradient at 0 is 0, as in PyTorch); this file adds the Module.

import { Module } from "../module";
import { relu } from "../../autograd/primitives/math";
import type { Tensor } from "../../tensor/tensor";

export { relu };

/**
 * The ReLU layer: relu(x) = max(x, 0) as a module.
 * @example
 * expect(new nn.ReLU().forward(tensor([-1, 0, 2])).tolist()).toEqual([0, 0, 2]);
 */
export class ReLU extends Module {
  override forward(x: Tensor): Tensor {
    return relu(x);
  }
}
