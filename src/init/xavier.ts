// Algorytm 3 — Xavier (Glorot) initialisation; Glorot & Bengio 2010, "Understanding the difficulty
// of training deep feedforward neural networks". σ² = 2/(D_f + D_f′): the inverse of the mean width,
// a compromise between keeping the forward (1/D_f) and backward (1/D_f′) variances constant. For
// no activation or tanh / sigmoid / softmax.

import { fans } from "./fan";
import { fillWithVariance, type GeneratorOption } from "./basic";
import type { Tensor } from "../tensor/tensor";

export interface XavierOptions extends GeneratorOption {
  /** Multiplies the standard deviation (PyTorch's gain; 1 by default). */
  gain?: number;
}

/**
 * The Xavier/Glorot variance gain²·2/(D_f + D_f′).
 * @example
 * expect(init.xavierVariance(zeros([3, 5]))).toBe(0.25);                              // 2/(5 + 3)
 */
export function xavierVariance(weight: Tensor, options: XavierOptions = {}, op = "xavierVariance"): number {
  const { fanIn, fanOut } = fans(weight, op);
  const gain = options.gain ?? 1;
  return (gain * gain * 2) / (fanIn + fanOut);
}

/**
 * Ω ~ N(0, 2/(D_f + D_f′)), in place.
 * @example
 * manualSeed(0);
 * const w = init.xavierNormal_(zeros([200, 200]));      // σ² = 2/400
 * expect(w.var().item()).toBeCloseTo(0.005, 3);
 */
export function xavierNormal_(weight: Tensor, options: XavierOptions = {}): Tensor {
  return fillWithVariance(weight, xavierVariance(weight, options, "xavierNormal_"), "normal", options);
}

/**
 * Ω ~ U(−r, r), r = √(3σ²) = √(6/(D_f + D_f′)), in place.
 * @example
 * const w = init.xavierUniform_(zeros([3, 5]));         // r = √(6/8)
 * expect(w.abs().max().item()).toBeLessThanOrEqual(Math.sqrt(0.75));
 */
export function xavierUniform_(weight: Tensor, options: XavierOptions = {}): Tensor {
  return fillWithVariance(weight, xavierVariance(weight, options, "xavierUniform_"), "uniform", options);
}
