// The lectures' derivations as functions: linear-region counts and a search for the network with the
// most regions (lecture 1), Monte-Carlo estimates with intervals and t intervals over a few seeds,
// variance propagation at initialisation (lecture 3), the noise/bias/variance experiment (lecture 2),
// implicit regularisation of GD and epoch-wise SGD (lecture 4), and mathjs symbolic checks.

export {
  countLinearRegions, sawtoothNetwork, evaluateNetwork, networkArrays, parameterCount, shallowParameterCount,
  deepParameterCount, zaslavskyBound,
  type ReluNetwork, type MatrixLike, type VectorLike, type LinearPiece, type RegionCount, type RegionOptions,
} from "./regions";
export { estimate, meanWithCI, covers, normalQuantile, Z95, type Estimate, type EstimateOptions } from "./monte-carlo";
export {
  simulateVariancePropagation, predictedVariances, activationGain, growthFactor,
  type VariancePropagationOptions, type VariancePropagation, type LayerVariances, type VarianceActivation,
} from "./variance-propagation";
export { leastSquares, fitPolynomial, polyval } from "./least-squares";
export { biasVarianceDecomposition, polynomialFit, type BiasVarianceOptions, type BiasVarianceResult } from "./bias-variance";
export {
  gdModifiedLoss, gdModifiedGradient, finiteDifferenceHessianVector, sgdImplicitTerm, gradientFlow, gradientDescent,
  type GradientFn, type FlowOptions, type ModifiedGradientOptions,
} from "./implicit-regularisation";
export {
  epochwiseSgd, sgdModifiedGradient, sgdModifiedLoss, observedOrder,
  type BatchOrder, type EpochwiseSgdOptions, type SgdModifiedGradientOptions,
} from "./sgd-implicit-regularisation";
export { tInterval, pairedTInterval, type TInterval, type TIntervalOptions } from "./intervals";
export { memberCorrelation, averagedVariance, ensembleMeanVariance, type MemberCorrelation } from "./ensemble-variance";
export {
  symbolicDerivative, checkAgainstAutograd, expressionToTensor, evaluateExpression,
  type SymbolicDerivative, type AutogradCheck,
} from "./symbolic";
export { maximiseLinearRegions, type RegionSearchOptions, type RegionSearchResult } from "./region-search";
export { composeShallow, layerWidths, numericalRank, outputsAt, parameterJacobian, regionUpperBound, shallowNetwork } from "./deep-networks";
export { doubleDescentSweep, doubleDescentModel, interpolationThreshold, mlpParameterCount, type DoubleDescentData, type DoubleDescentOptions, type DoubleDescentRow } from "./double-descent";
