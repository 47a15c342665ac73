// softmax and log-softmax along a dimension as Modules (the functions are composed ops that subtract the
// maximum first, so logits of ±1e4 neither overflow nor underflow).

import { Module } from "../module";
import { softmax } from "../../autograd/composed";
import { logSoftmax } from "../../autograd/primitives/log-softmax";
import type { Tensor } from "../../tensor/tensor";

export { softmax, logSoftmax };

/**
 * The Softmax layer: softmax over `dim` (the last by default) as a module.
 * @example
 * const p = new nn.Softmax().forward(tensor([[Math.log(2), Math.log(6)]])).tolist() as number[][];
 * expect(p[0][0]).toBeCloseTo(0.25, 15);
 * expect(p[0][1]).toBeCloseTo(0.75, 15);
 */
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

/**
 * The LogSoftmax layer: log softmax over `dim` (the last by default) as a module.
 * @example
 * const l = new nn.LogSoftmax(0).forward(tensor([5, 5])).tolist() as number[];
 * expect(l[0]).toBeCloseTo(-Math.LN2, 15);
 */
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
