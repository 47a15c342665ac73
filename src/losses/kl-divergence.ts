// KL divergence of discrete distributions (the quantity Algorytm 1 minimises, via cross-entropy):
//   D_KL(p ‖ q) = Σ_c p_c (log p_c − log q_c), with 0·log 0 = 0.
// Terms with p_c = 0 are masked with where() *before* the logarithm (log 1 = 0 is substituted), so
// neither the value nor the gradient sees log 0 · 0 = NaN. Arguments are probabilities, in the
// mathematical order (p, q) — unlike PyTorch's F.kl_div(log q, p).

import { gt, log, mul, sub, sum, where } from "../autograd/ops";
import type { NestedArray, Tensor } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

export interface DistributionOptions extends ReductionOption {
  /** The dimension holding the categories (default −1); the others index distributions. */
  dim?: number;
}

/**
 * Σ_c p_c log(p_c/q_c) along `dim`, then reduced over the remaining dimensions (mean by default).
 * @example
 * const kl = losses.klDivergence(tensor([0.5, 0.5]), [0.25, 0.75]).item();
 * expect(kl).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 15);
 * expect(losses.klDivergence(tensor([0.5, 0.5]), [0.5, 0.5]).item()).toBe(0);
 */
export function klDivergence(p: Tensor, q: Tensor | NestedArray, options: DistributionOptions = {}): Tensor {
  const qt = asLossTensor(q, p.dtype);
  checkSameShape("klDivergence", ["p", "q"], p, qt);
  const support = gt(p, 0);
  const safeP = where(support, p, 1);
  const safeQ = where(support, qt, 1);
  const terms = mul(p, sub(log(safeP), log(safeQ))); // 0 where p = 0
  return reduce(sum(terms, options.dim ?? -1), options.reduction ?? "mean", "klDivergence");
}
