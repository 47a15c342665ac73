// Poisson negative log-likelihood (Algorytm 1 with a Poisson distribution of counts). The model
// predicts η = log λ, so λ = e^η is positive without a constraint:
//   −log Pois(y | λ) = λ − y·log λ + log y! = e^η − y·η + log y!.
// log y! does not depend on the model and is left out unless `full: true` (as PyTorch's
// PoissonNLLLoss with log_input, which would add a Stirling approximation; here it is exact).

import { exp, mul, sub, add } from "../autograd/ops";
import { allocate } from "../tensor/dtype";
import { Tensor, type NestedArray } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

export interface PoissonNLLOptions extends ReductionOption {
  /** Include log y! (default false). */
  full?: boolean;
}

/** log y! = Σ_{k≤y} log k for a count y (exact summation; counts in a course example are small). */
function logFactorial(y: number): number {
  let s = 0;
  for (let k = 2; k <= y; k++) s += Math.log(k);
  return s;
}

/**
 * e^η − y·η [+ log y!] elementwise, η the log-rate, then reduced (mean by default).
 * @example
 * // η = log λ = 0 (λ = 1), y = 2: e⁰ − 2·0 = 1; with log 2! in the full form
 * expect(losses.poissonNLL(tensor([0]), [2]).item()).toBe(1);
 * expect(losses.poissonNLL(tensor([0]), [2], { full: true }).item()).toBeCloseTo(1 + Math.LN2, 15);
 */
export function poissonNLL(logRate: Tensor, target: Tensor | NestedArray, options: PoissonNLLOptions = {}): Tensor {
  const y = asLossTensor(target, logRate.dtype);
  checkSameShape("poissonNLL", ["log-rate", "target"], logRate, y);
  let perElement = sub(exp(logRate), mul(y, logRate));
  if (options.full) {
    const counts = y.toArray();
    const constant = allocate(logRate.dtype, counts.length);
    counts.forEach((c, i) => {
      if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`poissonNLL: target ${c} at flat index ${i} is not a non-negative integer count`);
      constant[i] = logFactorial(c);
    });
    perElement = add(perElement, new Tensor(constant, y.shape));
  }
  return reduce(perElement, options.reduction ?? "mean", "poissonNLL");
}
