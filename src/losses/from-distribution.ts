// Algorytm 1 — constructing a loss function: choose a distribution Pr(y | θ) suited to the targets,
// let the model predict its parameters θ = f[x, φ], and minimise the negative log-likelihood
// −Σᵢ log Pr(yᵢ | f[xᵢ, φ]). This helper maps a distribution's name and the model's outputs to that
// NLL (with every constant, so it is the true −log-likelihood):
//   "gaussian"    output μ (σ² = 1), or { mean, variance } / { mean, logVariance } → gaussianNLL
//   "bernoulli"   output logits z, p = σ(z)                                        → bceWithLogits
//   "categorical" output logits (N, C), p = softmax(z)                             → crossEntropy
//   "poisson"     output log-rate η, λ = e^η                                       → poissonNLL

import type { NestedArray, Tensor } from "../tensor/tensor";
import { bceWithLogits } from "./bce-with-logits";
import { crossEntropy, type ClassTargets } from "./cross-entropy";
import { gaussianNLL } from "./gaussian-nll";
import { poissonNLL } from "./poisson-nll";
import type { ReductionOption } from "./reduction";

export type Distribution = "gaussian" | "bernoulli" | "categorical" | "poisson";

/** The predicted parameters of a Gaussian: the mean and σ² (number or tensor) or log σ². */
export type GaussianParameters = { mean: Tensor; variance: number | Tensor } | { mean: Tensor; logVariance: number | Tensor };

export type DistributionOutput = Tensor | GaussianParameters;

/**
 * −log Pr(target | output) under `distribution`, reduced (mean by default).
 * @example
 * // a Gaussian with σ² = 1 around the output: −log N(1; 0, 1) = ½ log 2π + ½
 * expect(losses.fromDistribution("gaussian", tensor([0]), [1]).item()).toBeCloseTo(0.5 * Math.log(2 * Math.PI) + 0.5, 15);
 * expect(losses.fromDistribution("bernoulli", tensor([0]), [1]).item()).toBeCloseTo(Math.LN2, 15);
 * expect(losses.fromDistribution("poisson", tensor([0]), [0]).item()).toBe(1);      // −log(e⁻¹·1⁰/0!)
 */
export function fromDistribution(
  distribution: Distribution,
  output: DistributionOutput,
  target: Tensor | NestedArray | ClassTargets,
  options: ReductionOption = {},
): Tensor {
  const isTensor = "shape" in output;
  if (distribution !== "gaussian" && !isTensor) {
    throw new TypeError(`fromDistribution: the ${distribution} distribution takes one output tensor, not an object of parameters`);
  }
  switch (distribution) {
    case "gaussian": {
      const y = target as Tensor | NestedArray;
      if (isTensor) return gaussianNLL(output, y, 1, { ...options, full: true });
      if ("logVariance" in output) return gaussianNLL(output.mean, y, output.logVariance, { ...options, full: true, logVariance: true });
      return gaussianNLL(output.mean, y, output.variance, { ...options, full: true });
    }
    case "bernoulli":
      return bceWithLogits(output as Tensor, target as Tensor | NestedArray, options);
    case "categorical":
      return crossEntropy(output as Tensor, target, options);
    case "poisson":
      return poissonNLL(output as Tensor, target as Tensor | NestedArray, { ...options, full: true });
    default:
      throw new RangeError(`fromDistribution: unknown distribution ${JSON.stringify(distribution)} (expected "gaussian", "bernoulli", "categorical" or "poisson")`);
  }
}
