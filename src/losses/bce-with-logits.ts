// Binary cross-entropy on logits (Algorytm 1 with a Bernoulli distribution, p = σ(z)):
//   −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − z·y = max(z, 0) − z·y + log(1 + e^{−|z|}).
// Taking logits rather than probabilities is what makes it stable: log σ(z) of a saturated sigmoid
// would be log 0 at z = −1e4, while softplus never exponentiates a positive number.

import { mul, sub } from "../autograd/ops";
import { softplus } from "../nn/activations/softplus";
import type { NestedArray, Tensor } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

/**
 * softplus(z) − z·y elementwise for targets y ∈ [0, 1], then reduced (mean by default).
 * @example
 * expect(losses.bceWithLogits(tensor([0]), [1]).item()).toBeCloseTo(Math.LN2, 15);   // −log σ(0)
 * expect(losses.bceWithLogits(tensor([100]), [0]).item()).toBe(100);                 // −log(1 − σ(100)), no overflow
 */
export function bceWithLogits(logits: Tensor, targets: Tensor | NestedArray, options: ReductionOption = {}): Tensor {
  const y = asLossTensor(targets, logits.dtype);
  checkSameShape("bceWithLogits", ["logits", "targets"], logits, y);
  return reduce(sub(softplus(logits), mul(logits, y)), options.reduction ?? "mean", "bceWithLogits");
}
