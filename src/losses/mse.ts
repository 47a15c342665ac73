// Least squares, the negative log-likelihood of a Gaussian with fixed variance up to constants
// (Algorytm 1, "Regresja jednowymiarowa"): L = Σᵢ (yᵢ − f[xᵢ, φ])², here averaged by default.

import { mul, sub } from "../autograd/ops";
import type { NestedArray, Tensor } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

/** (ŷ − y)² elementwise, then reduced (mean by default). */
export function mse(prediction: Tensor, target: Tensor | NestedArray, options: ReductionOption = {}): Tensor {
  const y = asLossTensor(target, prediction.dtype);
  checkSameShape("mse", ["prediction", "target"], prediction, y);
  const diff = sub(prediction, y);
  return reduce(mul(diff, diff), options.reduction ?? "mean", "mse");
}
