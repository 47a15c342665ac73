// Algorytm 4 — LeCun initialisation; LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp".
// σ² = 1/D_f: keeps the forward variance constant for a linear (or SELU, Klambauer et al. 2017) layer.

import { fans } from "./fan";
import { fillWithVariance, type GeneratorOption } from "./basic";
import type { Tensor } from "../tensor/tensor";

export function lecunVariance(weight: Tensor, op = "lecunVariance"): number {
  return 1 / fans(weight, op).fanIn;
}

/** Ω ~ N(0, 1/D_f), in place. */
export function lecunNormal_(weight: Tensor, options: GeneratorOption = {}): Tensor {
  return fillWithVariance(weight, lecunVariance(weight, "lecunNormal_"), "normal", options);
}

/** Ω ~ U(−r, r), r = √(3/D_f), in place. */
export function lecunUniform_(weight: Tensor, options: GeneratorOption = {}): Tensor {
  return fillWithVariance(weight, lecunVariance(weight, "lecunUniform_"), "uniform", options);
}
