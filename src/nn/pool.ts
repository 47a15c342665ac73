// MaxPool1d/2d and AvgPool1d/2d layers: no parameters, just the hyper-parameters of the functional
// pooling ops (./functional-conv.ts) kept together, so a network can list them as layers.

import type { Tensor } from "../tensor/tensor";
import type { IntOrPair } from "../autograd/primitives/window";
import { Module } from "./module";
import { avgPool1d, avgPool2d, maxPool1d, maxPool2d } from "./functional-conv";

/**
 * @example
 * const pool = new nn.MaxPool1d(2);
 * expect(pool.forward(tensor([[[1, 3, 2, 0]]])).tolist()).toEqual([[[3, 2]]]);
 */
export class MaxPool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: { stride?: number; padding?: number } = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return maxPool1d(x, this.kernelSize, this.options);
  }
}

export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: { stride?: IntOrPair; padding?: IntOrPair } = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.options);
  }
}

export class AvgPool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: { stride?: number; padding?: number; countIncludePad?: boolean } = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return avgPool1d(x, this.kernelSize, this.options);
  }
}

export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: { stride?: IntOrPair; padding?: IntOrPair; countIncludePad?: boolean } = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, this.options);
  }
}
