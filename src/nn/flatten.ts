// Flatten: merges dimensions startDim…endDim (by default all but the batch dimension), between a convolutional
// feature map (N, C, H, W) and a Linear layer (N, C·H·W). A reshape, so no copy for dense input.

import { Module } from "./module";
import type { Tensor } from "../tensor/tensor";

/**
 * Merges dimensions startDim…endDim (1…−1 by default: everything but the batch).
 * @example
 * expect(new nn.Flatten().forward(zeros([2, 3, 4])).shape).toEqual([2, 12]);
 */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  /** (N, d₁, …, d_k) → (N, d₁·…·d_k) with the defaults */
  override forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }

  protected override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
