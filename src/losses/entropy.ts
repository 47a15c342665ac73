// Entropy of discrete distributions H(p) = −Σ_c p_c log p_c with 0·log 0 = 0 (masked before the
// logarithm, as in klDivergence). Cross-entropy = H(p) + D_KL(p ‖ q).

import { gt, log, mul, neg, sum, where } from "../autograd/ops";
import type { Tensor } from "../tensor/tensor";
import { reduce } from "./reduction";
import type { DistributionOptions } from "./kl-divergence";

/**
 * −Σ_c p_c log p_c along `dim`, then reduced over the remaining dimensions (mean by default).
 * @example
 * expect(losses.entropy(tensor([0.5, 0.5])).item()).toBeCloseTo(Math.LN2, 15);
 * expect(losses.entropy(tensor([0.25, 0.25, 0.25, 0.25])).item()).toBeCloseTo(Math.log(4), 15);
 */
export function entropy(p: Tensor, options: DistributionOptions = {}): Tensor {
  const safeP = where(gt(p, 0), p, 1);
  return reduce(neg(sum(mul(p, log(safeP)), options.dim ?? -1)), options.reduction ?? "mean", "entropy");
}
