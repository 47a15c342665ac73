// Least squares, the negative log-likelihood of a Gaussian with fixed variance up to constants
// (Algorytm 1, "Regresja jednowymiarowa"): L = Σᵢ (yᵢ − f[xᵢ, φ])², here averaged by default.

import { mul, sub } from "../autograd/ops";
import type { NestedArray, Tensor } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

/**
 * (ŷ − y)² elementwise, then reduced (mean by default).
 * @example
 * expect(losses.mse(tensor([1, 2, 3]), [1, 2, 5]).item()).toBe(4 / 3);   // (0 + 0 + 4)/3
 * expect(losses.mse(tensor([1, 2, 3]), [1, 2, 5], { reduction: "none" }).tolist()).toEqual([0, 0, 4]);
 */
export function mse(prediction: Tensor, target: Tensor | NestedArray, options: ReductionOption = {}): Tensor {
  const y = asLossTensor(target, prediction.dtype);
  checkSameShape("mse", ["prediction", "target"], prediction, y);
  const diff = sub(prediction, y);
  return reduce(mul(diff, diff), options.reduction ?? "mean", "mse");
}
