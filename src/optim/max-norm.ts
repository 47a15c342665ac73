// Algorytm 21 — Max Norm; Srivastava et al. 2014 (Dropout, section 5.1).
//
// For every neuron, the vector w of its incoming weights is rescaled to length r when it is longer:
//   if ‖w‖₂ > r:  w ← w/‖w‖₂ · r
// A Linear layer's weight Ω is (out, in): neuron i's incoming weights are row i, so the rows are
// rescaled; for a higher-rank weight (a convolution's (out, in, kh, kw)) everything after the first
// dimension is one neuron's vector. Apply it after each optimizer step.

import { noGrad } from "../autograd/engine";
import type { Tensor } from "../tensor/tensor";
import { checkNonNegative } from "./optimizer";

/**
 * Rescales, in place, each row weight[i, …] whose L2 norm exceeds maxNorm to norm maxNorm; returns weight.
 * @example
 * const w = tensor([[6, 8], [0.3, 0.4]]);          // rows of norm 10 and 0.5
 * optim.maxNorm_(w, 5);
 * expect(w.tolist()).toEqual([[3, 4], [0.3, 0.4]]);  // the first row rescaled to norm 5
 */
export function maxNorm_(weight: Tensor, maxNorm: number): Tensor {
  checkNonNegative("maxNorm_", "maxNorm", maxNorm);
  if (weight.ndim < 2) {
    throw new Error(`maxNorm_: weight must have a neuron dimension and an input dimension (rank ≥ 2, (out, in)), got shape [${weight.shape.join(", ")}]`);
  }
  noGrad(() => {
    for (let i = 0; i < weight.shape[0]; i++) {
      const w = weight.select(0, i); // neuron i's incoming weights, a view
      const norm = Math.sqrt(w.square().sum().item()); // ‖w‖₂
      if (norm > maxNorm) w.mul_(maxNorm / norm); // w ← w/‖w‖₂ · r
    }
  });
  return weight;
}
