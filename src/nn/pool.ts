// MaxPool1d/2d and AvgPool1d/2d layers: no parameters, just the hyper-parameters of the functional
// pooling ops (./functional-conv.ts) kept together, so a network can list them as layers.
//
// Written against the minimal layer interface — forward(x) and parameters() — until the shared
// Module class exists; they will then extend Module.

import type { Tensor } from "../tensor/tensor";
import type { IntOrPair } from "../autograd/primitives/window";
import { avgPool1d, avgPool2d, maxPool1d, maxPool2d } from "./functional-conv";

/**
 * @example
 * const pool = new MaxPool1d(2);
 * expect(pool.forward(tensor([[[1, 3, 2, 0]]])).toArray()).toEqual([[[3, 2]]]);
 */
export class MaxPool1d {
  constructor(
    readonly kernelSize: number,
    readonly options: { stride?: number; padding?: number } = {},
  ) {}

  forward(x: Tensor): Tensor {
    return maxPool1d(x, this.kernelSize, this.options);
  }

  parameters(): Tensor[] {
    return [];
  }
}

export class MaxPool2d {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: { stride?: IntOrPair; padding?: IntOrPair } = {},
  ) {}

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.options);
  }

  parameters(): Tensor[] {
    return [];
  }
}

export class AvgPool1d {
  constructor(
    readonly kernelSize: number,
    readonly options: { stride?: number; padding?: number; countIncludePad?: boolean } = {},
  ) {}

  forward(x: Tensor): Tensor {
    return avgPool1d(x, this.kernelSize, this.options);
  }

  parameters(): Tensor[] {
    return [];
  }
}

export class AvgPool2d {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: { stride?: IntOrPair; padding?: IntOrPair; countIncludePad?: boolean } = {},
  ) {}

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, this.options);
  }

  parameters(): Tensor[] {
    return [];
  }
}
