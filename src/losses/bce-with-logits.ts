// Binary cross-entropy on logits (Algorytm 1 with a Bernoulli distribution, p = σ(z)):
//   −[y log σ(z) + (1 − y) log(1 − σ(z))] = y·softplus(−z) + (1 − y)·softplus(z)
//                                         = (1 − y)·max(z, 0) − y·min(z, 0) + log1p(e^{−|z|}).
// Taking logits rather than probabilities is what makes it stable: log σ(z) of a saturated sigmoid
// would be log 0 at z = −1e4, while softplus never exponentiates a positive number. Of the two large
// terms only one is non-zero for a given sign of z, and it vanishes when the target agrees, so a
// confident right answer (z = 40, y = 1) keeps its digits (loss 4.2e-18, gradient −4.2e-18), where
// softplus(z) − z·y would give (40 + 4.2e-18) − 40 = 0 and a gradient summed as 1 − 4.2e-18 − 1 = 0.

import { add, mul, sub } from "../autograd/ops";
import { softplusTerms } from "../nn/activations/softplus";
import type { NestedArray, Tensor } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

/**
 * (1 − y)·max(z, 0) − y·min(z, 0) + log1p(e^{−|z|}) = softplus(z) − z·y elementwise for targets
 * y ∈ [0, 1], then reduced (mean by default).
 * @example
 * expect(losses.bceWithLogits(tensor([0]), [1]).item()).toBeCloseTo(Math.LN2, 15);   // −log σ(0)
 * expect(losses.bceWithLogits(tensor([100]), [0]).item()).toBe(100);                 // −log(1 − σ(100)), no overflow
 * expect(losses.bceWithLogits(tensor([40]), [1]).item()).toBe(Math.log1p(Math.exp(-40)));   // 4.2e-18, not 0
 */
export function bceWithLogits(logits: Tensor, targets: Tensor | NestedArray, options: ReductionOption = {}): Tensor {
  const y = asLossTensor(targets, logits.dtype);
  checkSameShape("bceWithLogits", ["logits", "targets"], logits, y);
  const { positivePart, negativePart, tail } = softplusTerms(logits);
  const large = sub(mul(positivePart, sub(1, y)), mul(negativePart, y)); // (1 − y)·max(z, 0) − y·min(z, 0)
  return reduce(add(large, tail), options.reduction ?? "mean", "bceWithLogits");
}
