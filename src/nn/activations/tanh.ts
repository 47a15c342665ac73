// tanh as a Module (the function is the tanh primitive).

import { Module } from "../module";
import { tanh } from "../../autograd/primitives/math";
import type { Tensor } from "../../tensor/tensor";

export { tanh };

export class Tanh extends Module {
  override forward(x: Tensor): Tensor {
    return tanh(x);
  }
}
