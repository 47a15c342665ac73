// deepnotes — the library a notebook imports. Tensors (float64 by default, float32 on request) with
// reverse-mode autograd; matrix products run in a WebAssembly SIMD core with a TypeScript reference
// kernel beside it (setKernel switches between them).

export { Tensor, type TensorLike, type NestedArray } from "./tensor/tensor";
export type { DType } from "./tensor/dtype";
export type { Shape } from "./tensor/shape";
export {
  tensor, zeros, ones, full, zerosLike, onesLike, fullLike, arange, linspace, eye, rand, randn,
  type TensorOptions, type RandomOptions, type ShapeLike,
} from "./tensor/creation";
export { manualSeed } from "./tensor/random";
export { RandomState } from "./data/random";
export {
  add, sub, mul, div, pow, maximum, minimum, neg, exp, expm1, log, log1p, sqrt, square, abs, sin, cos, tanh, sigmoid, relu, clamp,
  eq, ne, lt, le, gt, ge, where, erf, erfc, normalCdf,
  sum, mean, max, min, argmax, argmin, variance, std, logsumexp, softmax, logSoftmax,
  matmul, view, reshape, permute, transpose, expand, slice, select, flatten, squeeze, unsqueeze,
} from "./autograd/ops";
export { noGrad, isGradEnabled } from "./autograd/engine";
export { gradcheck, type GradcheckOptions, type GradcheckResult, type GradcheckMismatch } from "./autograd/gradcheck";
export { getKernel, setKernel, referenceKernel, wasmKernel, kernelInfo, setNumThreads, getNumThreads, type Kernel, type KernelInfo, type FloatArray } from "./core";

import type { Tensor } from "./tensor/tensor";

/**
 * Clears `.grad` of every tensor given (model parameters before a new step).
 * @example
 * const w = tensor([1, 2], { requiresGrad: true });
 * w.sum().backward();
 * expect(w.grad!.tolist()).toEqual([1, 1]);
 * zeroGrad([w]);
 * expect(w.grad).toBe(null);
 */
export function zeroGrad(tensors: Iterable<Tensor>): void {
  for (const t of tensors) t.grad = null;
}

export { display, inNotebook } from "./display/display";
export { progress, type Progress, type ProgressOptions } from "./display/progress";
export { PLOTLY_MIME, CLAIM_MIME, ERRATUM_MIME, type MimeBundle } from "./display/common";
export { figure, lineTrace, scatterTrace, type Figure, type Trace, type FigureOptions } from "./plot/figure";
export { heatmapTrace, heatmapGrid, type Image, type HeatmapOptions, type HeatmapGridOptions } from "./plot/heatmap";
export { show, setupNotebook, figureBundle } from "./plot/show";
export { claim, ClaimError, type ClaimSpec, type ClaimResult, type Relation } from "./check/claim";
export { erratum, type Erratum } from "./check/erratum";
export { test, check, type QuestionResult, type CaseResult } from "./check/check";
export type { TestContext, GradcheckCase, Expected } from "./check/cases";
export type { CloseOptions } from "./check/compare";
export { answerHash, type PlainAnswer } from "./check/answer";
export {
  conv1d, conv2d, convTranspose1d, convTranspose2d, maxPool1d, maxPool2d, avgPool1d, avgPool2d,
  type Conv1dOptions, type Conv2dOptions, type ConvTranspose1dOptions, type ConvTranspose2dOptions,
  type Pool1dOptions, type Pool2dOptions, type AvgPoolOptions, type IntOrPair,
} from "./nn/functional-conv";
export * as theory from "./theory";
export * as data from "./data";
export * as optim from "./optim";
export * as schedules from "./schedules";
export * as nn from "./nn";
export * as init from "./init";
export * as losses from "./losses";

export * as train from "./train";
