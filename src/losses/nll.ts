// The NLL of a model with several independent outputs (Algorytm 1 for multivariate targets): when
// Pr(y | θ) = Π_d Pr_d(y_d | θ_d), the negative log-likelihood of a sample is the sum of the
// per-output NLLs — e.g. a Gaussian for a price plus a categorical for a category.

import { add, sum } from "../autograd/ops";
import { formatShape } from "../tensor/shape";
import type { NestedArray, Tensor } from "../tensor/tensor";
import type { ClassTargets } from "./cross-entropy";
import { fromDistribution, type Distribution, type DistributionOutput } from "./from-distribution";
import { reduce, type ReductionOption } from "./reduction";

export interface NllTerm {
  distribution: Distribution;
  /** This output's predicted parameters, batch first. */
  output: DistributionOutput;
  target: Tensor | NestedArray | ClassTargets;
}

/**
 * Σ_d −log Pr_d(y_d | θ_d) per sample (dim 0 indexes samples), then reduced (mean by default).
 * @example
 * // a price (Gaussian, σ² = 1) and a category (2 classes) per sample: the NLLs add up
 * const total = losses.nll([
 *   { distribution: "gaussian", output: tensor([0]), target: [1] },
 *   { distribution: "categorical", output: tensor([[0, 0]]), target: Int32Array.of(1) },
 * ]);
 * expect(total.item()).toBeCloseTo(0.5 * Math.log(2 * Math.PI) + 0.5 + Math.LN2, 15);
 */
export function nll(terms: readonly NllTerm[], options: ReductionOption = {}): Tensor {
  if (terms.length === 0) throw new RangeError("nll: at least one output term is needed");
  let total: Tensor | null = null;
  terms.forEach((term, k) => {
    const each = fromDistribution(term.distribution, term.output, term.target, { reduction: "none" });
    if (each.ndim === 0) throw new RangeError(`nll: term ${k} (${term.distribution}) has no batch dimension`);
    const perSample = each.ndim === 1 ? each : sum(each, each.shape.map((_, d) => d).slice(1)); // (N)
    if (total !== null && total.shape[0] !== perSample.shape[0]) {
      throw new RangeError(`nll: term ${k} (${term.distribution}) has ${perSample.shape[0]} samples but the earlier terms have ${total.shape[0]} (its losses have shape ${formatShape(each.shape)})`);
    }
    total = total === null ? perSample : add(total, perSample);
  });
  return reduce(total!, options.reduction ?? "mean", "nll");
}
