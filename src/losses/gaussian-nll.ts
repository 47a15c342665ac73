// Gaussian negative log-likelihood (Algorytm 1 with a normal distribution):
//   −log N(y | μ, σ²) = ½(log σ² + (y − μ)²/σ²) + ½ log 2π.
// Homoscedastic: σ² is a fixed number. Heteroscedastic: the model predicts σ² per output, either
// directly (it must then be positive — say through softplus) or as s = log σ² with `logVariance: true`,
// which needs no constraint and is the usual choice: ½(s + (y − μ)²·e^{−s}).
// The constant ½ log 2π is left out unless `full: true` (PyTorch's GaussianNLLLoss convention).

import { add, div, exp, log, mul, neg, sub } from "../autograd/ops";
import { formatShape } from "../tensor/shape";
import type { NestedArray, Tensor } from "../tensor/tensor";
import { asLossTensor, checkSameShape, reduce, type ReductionOption } from "./reduction";

export interface GaussianNLLOptions extends ReductionOption {
  /** The third argument is log σ² instead of σ² (default false). */
  logVariance?: boolean;
  /** Include ½ log 2π (default false). */
  full?: boolean;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ½(log σ² + (y − μ)²/σ²) [+ ½ log 2π] elementwise (σ² broadcast), then reduced (mean by default).
 * @example
 * // μ = 0, y = 2, σ² = 4: ½(log 4 + 4/4)
 * expect(losses.gaussianNLL(tensor([0]), [2], 4).item()).toBeCloseTo(Math.LN2 + 0.5, 15);
 * expect(losses.gaussianNLL(tensor([0]), [2], 4, { full: true }).item()).toBeCloseTo(Math.LN2 + 0.5 + 0.5 * Math.log(2 * Math.PI), 15);
 */
export function gaussianNLL(mean: Tensor, target: Tensor | NestedArray, variance: number | Tensor, options: GaussianNLLOptions = {}): Tensor {
  const y = asLossTensor(target, mean.dtype);
  checkSameShape("gaussianNLL", ["mean", "target"], mean, y);
  const diff = sub(y, mean);
  const squared = mul(diff, diff);
  let perElement: Tensor;
  if (options.logVariance) {
    // s = log σ²:  ½(s + (y − μ)²·e^{−s})
    const precision = typeof variance === "number" ? Math.exp(-variance) : exp(neg(variance));
    perElement = mul(add(mul(squared, precision), variance), 0.5);
  } else {
    checkPositive(variance);
    // ½(log σ² + (y − μ)²/σ²)
    const logVar = typeof variance === "number" ? Math.log(variance) : log(variance);
    perElement = mul(add(div(squared, variance), logVar), 0.5);
  }
  if (options.full) perElement = add(perElement, HALF_LOG_2PI);
  return reduce(perElement, options.reduction ?? "mean", "gaussianNLL");
}

function checkPositive(variance: number | Tensor): void {
  if (typeof variance === "number") {
    if (!(variance > 0)) throw new RangeError(`gaussianNLL: variance ${variance} is not positive (pass logVariance: true for a log-variance)`);
    return;
  }
  const data = variance.toArray();
  for (let i = 0; i < data.length; i++) {
    if (!(data[i] > 0)) {
      throw new RangeError(`gaussianNLL: variance ${data[i]} at flat index ${i} is not positive (variance shape ${formatShape(variance.shape)}; pass logVariance: true for a log-variance)`);
    }
  }
}
