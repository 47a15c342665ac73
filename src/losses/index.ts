// Loss functions (Algorytm 1): negative log-likelihoods of the usual distributions, and KL
// divergences and entropies. Every loss takes `reduction: "mean" | "sum" | "none"`.

export { reduce, type Reduction, type ReductionOption } from "./reduction";
export { mse } from "./mse";
export { gaussianNLL, type GaussianNLLOptions } from "./gaussian-nll";
export { bceWithLogits } from "./bce-with-logits";
export { crossEntropy, type ClassTargets, type CrossEntropyOptions } from "./cross-entropy";
export { poissonNLL, type PoissonNLLOptions } from "./poisson-nll";
export { klDivergence, type DistributionOptions } from "./kl-divergence";
export { entropy } from "./entropy";
export { gaussianKL } from "./gaussian-kl";
export { gaussianEntropy } from "./gaussian-entropy";
export { fromDistribution, type Distribution, type DistributionOutput, type GaussianParameters } from "./from-distribution";
export { nll, type NllTerm } from "./nll";
