// Sequential: modules applied one after another, the notes' deep network h_k = a[Ω_k h_{k−1} + β_k]
// written as a list. Children are named "0", "1", … so parameters are `0.weight`, `0.bias`, …, and
// the container is indexable like a PyTorch nn.Sequential: `model[0]`, `model.at(-1)`.

import { Module } from "./module";
import type { Tensor } from "../tensor/tensor";

/**
 * Modules applied one after another; its children are named 0, 1, … and indexable.
 * @example
 * const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2));
 * expect(model.forward(zeros([5, 3])).shape).toEqual([5, 2]);
 * expect(model.namedParameters().map(([name]) => name)).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
 * expect(model[1]).toBeInstanceOf(nn.ReLU);
 */
export class Sequential extends Module {
  readonly [index: number]: Module;
  readonly length: number;

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TypeError(`Sequential: argument ${i} is not a Module`);
      this.registerModule(String(i), m);
      Object.defineProperty(this, i, { value: m, enumerable: true });
    });
    this.length = modules.length;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): Module {
    const i = index < 0 ? index + this.length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new RangeError(`Sequential.at: index ${index} is out of range for ${this.length} modules`);
    }
    return this[i];
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }

  override forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this.children()) h = m.forward(h);
    return h;
  }
}
