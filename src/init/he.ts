// Algorytm 2 — He (Kaiming) initialisation; He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers".
// ReLU halves the second moment of each layer, so σ²_Ω = 2/D_f keeps the forward variance constant;
// the backward pass multiplies by Ωᵀ, which asks for 2/D_f′; when Ω is not square the notes take
// the average σ²_Ω = 4/(D_f + D_f′). For LeakyReLU with slope a the 2 becomes 2/(1 + a²).

import { fanFor, type FanMode } from "./fan";
import { fillWithVariance, type GeneratorOption } from "./basic";
import type { Tensor } from "../tensor/tensor";

export interface HeOptions extends GeneratorOption {
  /** Which fan: D_f ("fanIn", default), D_f′ ("fanOut") or the notes' average. */
  mode?: FanMode;
  /** Negative slope a of the LeakyReLU that follows (0 for ReLU). */
  negativeSlope?: number;
}

/**
 * The He variance 2/((1 + a²)·fan); mode "average" gives 4/((1 + a²)(D_f + D_f′)).
 * @example
 * expect(init.heVariance(zeros([10, 4]))).toBe(0.5);                                  // 2/D_f with D_f = 4
 * expect(init.heVariance(zeros([10, 4]), { negativeSlope: 1 })).toBe(0.25);           // 2/((1 + a²)·D_f)
 */
export function heVariance(weight: Tensor, options: HeOptions = {}, op = "heVariance"): number {
  const a = options.negativeSlope ?? 0;
  return 2 / ((1 + a * a) * fanFor(weight, options.mode ?? "fanIn", op));
}

/**
 * Ω ~ N(0, 2/D_f), in place.
 * @example
 * // (3, 2): D_f = 2, σ² = 2/2 = 1, so the values are NumPy's RandomState(0).randn(6) as they are
 * const w = init.heNormal_(zeros([3, 2]), { generator: new RandomState(0) });
 * expect(w.tolist()[0]).toEqual([1.764052345967664, 0.4001572083672233]);
 */
export function heNormal_(weight: Tensor, options: HeOptions = {}): Tensor {
  return fillWithVariance(weight, heVariance(weight, options, "heNormal_"), "normal", options);
}

/**
 * Ω ~ U(−r, r) with r = √(3σ²), σ² the He variance, in place.
 * @example
 * // D_f = 2, σ² = 1, r = √3: −√3 + 2√3·u with u = NumPy's RandomState(0).rand(2)
 * const w = init.heUniform_(zeros([1, 2]), { generator: new RandomState(0) }).tolist() as number[][];
 * expect(w[0][0]).toBeCloseTo(0.1690949377951787, 15);
 * expect(w[0][1]).toBeCloseTo(0.7454378316111683, 15);
 */
export function heUniform_(weight: Tensor, options: HeOptions = {}): Tensor {
  return fillWithVariance(weight, heVariance(weight, options, "heUniform_"), "uniform", options);
}
