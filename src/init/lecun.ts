// Algorytm 4 — LeCun initialisation; LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp".
// σ² = 1/D_f: keeps the forward variance constant for a linear (or SELU, Klambauer et al. 2017) layer.

import { fans } from "./fan";
import { fillWithVariance, type GeneratorOption } from "./basic";
import type { Tensor } from "../tensor/tensor";

/**
 * The LeCun variance 1/D_f (what SELU needs).
 * @example
 * expect(init.lecunVariance(zeros([3, 5]))).toBe(0.2);
 */
export function lecunVariance(weight: Tensor, op = "lecunVariance"): number {
  return 1 / fans(weight, op).fanIn;
}

/**
 * Ω ~ N(0, 1/D_f), in place.
 * @example
 * // (1, 4): D_f = 4, σ = ½: ½·NumPy's RandomState(0).randn(4)
 * const w = init.lecunNormal_(zeros([1, 4]), { generator: new RandomState(0) });
 * expect((w.tolist() as number[][])[0].slice(0, 2)).toEqual([0.882026172983832, 0.20007860418361165]);
 */
export function lecunNormal_(weight: Tensor, options: GeneratorOption = {}): Tensor {
  return fillWithVariance(weight, lecunVariance(weight, "lecunNormal_"), "normal", options);
}

/**
 * Ω ~ U(−r, r), r = √(3/D_f), in place.
 * @example
 * const w = init.lecunUniform_(zeros([2, 3]));          // r = √(3/3) = 1
 * expect(w.abs().max().item()).toBeLessThan(1);
 */
export function lecunUniform_(weight: Tensor, options: GeneratorOption = {}): Tensor {
  return fillWithVariance(weight, lecunVariance(weight, "lecunUniform_"), "uniform", options);
}
