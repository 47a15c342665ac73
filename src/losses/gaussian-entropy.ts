// Closed-form differential entropy of a Gaussian: H(N(μ, σ²)) = ½ log(2πe σ²), elementwise; for a
// diagonal Gaussian the per-dimension entropies add up, hence the default reduction "sum".

import { add, log, mul } from "../autograd/ops";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { asTensors } from "./gaussian-kl";
import { reduce, type ReductionOption } from "./reduction";

/**
 * ½(log 2πe + log σ²) elementwise, then reduced (sum by default).
 * @example
 * expect(losses.gaussianEntropy(1).item()).toBeCloseTo(0.5 * Math.log(2 * Math.PI * Math.E), 15);
 */
export function gaussianEntropy(variance: TensorLike, options: ReductionOption = {}): Tensor {
  const [v] = asTensors([variance]);
  return reduce(mul(add(log(v), Math.log(2 * Math.PI * Math.E)), 0.5), options.reduction ?? "sum", "gaussianEntropy");
}
