// Re-initialises every layer of a model that owns a weight matrix or kernel (Linear now,
// convolutions too): a module counts when it has its own parameter named "weight" with at least two
// dimensions, so BatchNorm's γ and PReLU's slopes (1-D) are left alone.

import type { Module } from "../nn/module";
import type { Tensor } from "../tensor/tensor";

export type InitFn = (tensor: Tensor, module: Module) => unknown;

export interface InitModuleOptions {
  /** Applied to each layer's weight, e.g. `(w) => heNormal_(w)`. */
  weight?: InitFn;
  /** Applied to each layer's bias when it has one, e.g. `zeros_`. */
  bias?: InitFn;
}

/**
 * Applies `weight` and `bias` to every weight layer in `module` (itself included), in module order.
 * @example
 * const model = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2));
 * init.initModule(model, { weight: (w) => init.constant_(w, 0.5), bias: init.zeros_ });
 * expect(model.forward(ones([1, 4])).tolist()).toEqual([[3, 3]]);   // 4·0.5 = 2 per unit, then 3·2·0.5
 */
export function initModule<M extends Module>(module: M, options: InitModuleOptions): M {
  for (const m of module.modules()) {
    const own = new Map(m.namedParameters().filter(([name]) => !name.includes(".")));
    const weight = own.get("weight");
    if (weight === undefined || weight.ndim < 2) continue;
    options.weight?.(weight, m);
    const bias = own.get("bias");
    if (bias !== undefined) options.bias?.(bias, m);
  }
  return module;
}
