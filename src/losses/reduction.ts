// The reduction shared by every loss: the per-element (or per-sample) losses as they are ("none"),
// their sum, or their mean — PyTorch's `reduction` argument. On an empty batch "none" gives the empty
// losses and "sum" gives 0, as in PyTorch; "mean" is 0/0, which PyTorch returns as NaN — here it is an
// error, because a NaN loss would silently turn every parameter into NaN at the next step.

import { mean, sum } from "../autograd/ops";
import { tensor } from "../tensor/creation";
import type { DType } from "../tensor/dtype";
import { formatShape, sameShape } from "../tensor/shape";
import { Tensor, type NestedArray } from "../tensor/tensor";

export type Reduction = "mean" | "sum" | "none";

export interface ReductionOption {
  /** "mean" (default for most losses), "sum", or "none" for the unreduced losses. */
  reduction?: Reduction;
}

/**
 * Reduces per-element losses: "mean", "sum", or "none" (unchanged).
 * @example
 * const each = tensor([1, 2, 6]);
 * expect(losses.reduce(each, "mean", "demo").item()).toBe(3);
 * expect(losses.reduce(each, "sum", "demo").item()).toBe(9);
 */
export function reduce(losses: Tensor, reduction: Reduction, op: string): Tensor {
  switch (reduction) {
    case "mean":
      if (losses.numel() === 0) {
        throw new RangeError(
          `${op}: the batch is empty (losses of shape ${formatShape(losses.shape)}), and the mean of no losses is undefined (0/0); ` +
            'use reduction "sum" (0 for an empty batch) or "none", or skip the empty batch',
        );
      }
      return mean(losses);
    case "sum":
      return sum(losses);
    case "none":
      return losses;
    default:
      throw new RangeError(`${op}: reduction must be "mean", "sum" or "none" (got ${JSON.stringify(reduction)})`);
  }
}

/** `value` as a tensor of `dtype` (a tensor passes through unchanged). */
export function asLossTensor(value: Tensor | NestedArray | ArrayLike<number>, dtype: DType): Tensor {
  return value instanceof Tensor ? value : tensor(value, { dtype });
}

/** Throws unless the two shapes are equal — a loss never broadcasts a target silently. */
export function checkSameShape(op: string, what: [string, string], a: Tensor, b: Tensor): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${op}: ${what[0]} shape ${formatShape(a.shape)} and ${what[1]} shape ${formatShape(b.shape)} differ`);
  }
}
