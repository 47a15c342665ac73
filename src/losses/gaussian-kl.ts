// Closed-form KL divergence between univariate (or diagonal) Gaussians:
//   D_KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ½[log(σ₂²/σ₁²) + (σ₁² + (μ₁ − μ₂)²)/σ₂² − 1],
// elementwise; for diagonal Gaussians the per-dimension terms add up, hence the default
// reduction "sum". (The VAE's regulariser is the case μ₂ = 0, σ₂² = 1.)

import { add, div, log, mul, sub } from "../autograd/ops";
import { tensor } from "../tensor/creation";
import { Tensor, type TensorLike } from "../tensor/tensor";
import { reduce, type ReductionOption } from "./reduction";

/** Numbers become 0-d tensors of the first tensor argument's dtype (float64 if there is none). */
export function asTensors(values: TensorLike[]): Tensor[] {
  const like = values.find((v): v is Tensor => v instanceof Tensor);
  return values.map((v) => (v instanceof Tensor ? v : tensor(v, { dtype: like?.dtype ?? "float64" })));
}

/**
 * ½[log(σ₂²/σ₁²) + (σ₁² + (μ₁ − μ₂)²)/σ₂² − 1] elementwise (broadcast), then reduced (sum by default).
 * @example
 * expect(losses.gaussianKL(0, 1, 0, 1).item()).toBe(0);
 * expect(losses.gaussianKL(1, 1, 0, 1).item()).toBe(0.5);              // ½(μ₁ − μ₂)²/σ² for equal variances
 * expect(losses.gaussianKL(0, 1, 0, 4).item()).toBeCloseTo(0.5 * (Math.log(4) + 0.25 - 1), 15);
 */
export function gaussianKL(mean1: TensorLike, variance1: TensorLike, mean2: TensorLike, variance2: TensorLike, options: ReductionOption = {}): Tensor {
  const [m1, v1, m2, v2] = asTensors([mean1, variance1, mean2, variance2]);
  const d = sub(m1, m2);
  const ratio = div(add(v1, mul(d, d)), v2);
  const perElement = mul(sub(add(sub(log(v2), log(v1)), ratio), 1), 0.5);
  return reduce(perElement, options.reduction ?? "sum", "gaussianKL");
}
