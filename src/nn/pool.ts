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

/**
 * The 2-D max-pooling layer: maxPool2d(x, kernelSize, options) as a module.
 * @example
 * const x = tensor([[[[1, 2], [3, 4]]]]);               // (N=1, C=1, 2, 2)
 * expect(new nn.MaxPool2d(2).forward(x).tolist()).toEqual([[[[4]]]]);
 */
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

/**
 * The 1-D average-pooling layer: avgPool1d(x, kernelSize, options) as a module.
 * @example
 * expect(new nn.AvgPool1d(2).forward(tensor([[[1, 3, 5, 7]]])).tolist()).toEqual([[[2, 6]]]);
 */
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

/**
 * The 2-D average-pooling layer: avgPool2d(x, kernelSize, options) as a module.
 * @example
 * expect(new nn.AvgPool2d(2).forward(tensor([[[[1, 2], [3, 6]]]])).tolist()).toEqual([[[[3]]]]);
 */
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
