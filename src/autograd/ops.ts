// Every tensor op in one namespace, for the Tensor methods and the package index.

export { add, sub, mul, div, pow, maximum, neg } from "./primitives/arithmetic";
export { exp, expm1, log, log1p, sqrt, abs, sin, cos, tanh, sigmoid, relu } from "./primitives/math";
export { sum, max, argmax, argmin } from "./primitives/reduce";
export { eq, ne, lt, le, gt, ge } from "./primitives/compare";
export { view, reshape, permute, transpose, expand, slice, copy, cast } from "./primitives/views";
export { where } from "./primitives/where";
export { erf, erfc, normalCdf } from "./primitives/erf";
export { logSoftmax } from "./primitives/log-softmax";
export {
  minimum, square, clamp, mean, min, variance, std, logsumexp, softmax,
  matmul, flatten, squeeze, unsqueeze, select,
} from "./composed";
export { fullLike } from "../tensor/creation";
export { addInPlace, scaleInPlace, fillInPlace, copyInPlace } from "../tensor/inplace";
