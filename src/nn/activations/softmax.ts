// softmax and log-softmax along a dimension as Modules (the functions are composed ops that subtract the
// maximum first, so logits of ±1e4 neither overflow nor underflow).

import { Module } from "../module";
import { logSoftmax, softmax } from "../../autograd/composed";
import type { Tensor } from "../../tensor/tensor";

export { softmax, logSoftmax };

export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }

  override forward(x: Tensor): Tensor {
    return softmax(x, this.dim);
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

export class LogSoftmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }

  override forward(x: Tensor): Tensor {
    return logSoftmax(x, this.dim);
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
