// ReLU(z) = max(0, z), the default activation of the notes' networks. The function is the relu
// primitive (its gradient at 0 is 0, as in PyTorch); this file adds the Module.

import { Module } from "../module";
import { relu } from "../../autograd/primitives/math";
import type { Tensor } from "../../tensor/tensor";

export { relu };

export class ReLU extends Module {
  override forward(x: Tensor): Tensor {
    return relu(x);
  }
}
