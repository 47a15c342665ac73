// Fan-in and fan-out of a weight tensor. A Linear weight Ω is (out, in), as in the notes, so
// D_f = in (the previous layer's width) and D_f′ = out; a convolution kernel (out, in, k₁, …) counts
// every tap of the receptive field: fanIn = in·k₁·…, fanOut = out·k₁·… (PyTorch's convention).

import type { Tensor } from "../tensor/tensor";
import { formatShape } from "../tensor/shape";

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/**
 * Fan-in D_f and fan-out D_f′ of a weight: (out, in) for Linear, (out, in, k…) for convolutions (every tap counts, as in PyTorch).
 * @example
 * expect(init.fans(zeros([3, 5]))).toEqual({ fanIn: 5, fanOut: 3 });          // Linear(5, 3)
 * expect(init.fans(zeros([16, 3, 5]))).toEqual({ fanIn: 15, fanOut: 80 });    // Conv1d(3, 16, 5)
 */
export function fans(weight: Tensor, op = "init"): Fans {
  if (weight.ndim < 2) {
    throw new RangeError(`${op}: fan-in and fan-out need a weight with at least 2 dimensions (out, in, …); got shape ${formatShape(weight.shape)}`);
  }
  const receptive = weight.shape.slice(2).reduce((p, d) => p * d, 1);
  return { fanIn: weight.shape[1] * receptive, fanOut: weight.shape[0] * receptive };
}

export type FanMode = "fanIn" | "fanOut" | "average";

/**
 * The fan a variance rule divides by: D_f, D_f′, or their mean (Df + Df′)/2.
 * @example
 * expect(init.fanFor(zeros([3, 5]), "fanIn", "demo")).toBe(5);
 * expect(init.fanFor(zeros([3, 5]), "average", "demo")).toBe(4);              // (5 + 3)/2
 */
export function fanFor(weight: Tensor, mode: FanMode, op: string): number {
  const { fanIn, fanOut } = fans(weight, op);
  switch (mode) {
    case "fanIn":
      return fanIn;
    case "fanOut":
      return fanOut;
    case "average":
      return (fanIn + fanOut) / 2;
    default:
      throw new RangeError(`${op}: mode must be "fanIn", "fanOut" or "average" (got ${JSON.stringify(mode)})`);
  }
}
