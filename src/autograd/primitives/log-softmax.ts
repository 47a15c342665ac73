// Primitive: log-softmax along one dimension, the first half of every classification loss. It is the
// composition sub(shifted, log(sum(exp(shifted)))) with shifted = x − max(x) (see below) fused into
// one pass per row each way, because that composition's ten small ops were a fifth of a small MLP's
// training step. Along the last dimension (every classifier's case) forward and backward keep the
// composition's numbers bit for bit: every value the composition stores is stored here in the same
// element type, in the same order (along an inner dimension the composition's float32 row sums
// rounded every term, these add in float64) —
//
//   forward   m = max_j x_j (0 where ±∞ or NaN)      shifted_j = x_j − m
//             e_j = exp(shifted_j)                   s = Σ_j e_j (added in float64, stored once)
//             out_j = shifted_j − log s
//   backward  t = −(Σ_j g_j) / s                     dx_j = g_j + t·e_j
//
// (the backward is the composition's chain rule: sub gives g, log gives −Σg / s, exp multiplies by
// e). Subtracting the maximum keeps every shifted value ≤ 0, so exp cannot overflow, and the small
// shifted values keep float32 accurate at logits of ±1e4, where x − logsumexp(x) would round to ~1e-3.

import { ownedGradient, record } from "../engine";
import { allocate } from "../../tensor/dtype";
import { normalizeDim } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { transpose } from "./views";

/**
 * log softmax(x)_i = x_i − log Σ_j exp(x_j) along `dim`;  ∂/∂x_j = g_j − softmax_j·Σ_i g_i
 * @example
 * const l = logSoftmax(tensor([0, Math.log(3)])).tolist() as number[];
 * expect(l[0]).toBeCloseTo(Math.log(0.25), 15);
 * expect(l[1]).toBeCloseTo(Math.log(0.75), 15);
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const d = normalizeDim(dim, x.ndim, "logSoftmax");
  if (d !== x.ndim - 1) return transpose(logSoftmax(transpose(x, d, -1), -1), d, -1); // the rows run along the last dim
  const width = x.shape[d];
  const src = denseElements(x); // (rows, width)
  const rows = width === 0 ? 0 : src.length / width;
  const out = allocate(x.dtype, src.length); // shifted, then log softmax
  const e = allocate(x.dtype, src.length); // exp(shifted), kept for the backward
  const s = allocate(x.dtype, rows); // Σ exp(shifted) per row
  const logS = allocate(x.dtype, rows);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    let m = -Infinity;
    for (let j = 0; j < width; j++) {
      const v = src[o + j];
      if (v > m || v !== v) m = v;
    }
    if (!Number.isFinite(m)) m = 0;
    let sum = 0;
    for (let j = 0; j < width; j++) {
      out[o + j] = src[o + j] - m;
      e[o + j] = Math.exp(out[o + j]);
      sum += e[o + j];
    }
    s[r] = sum;
    logS[r] = Math.log(s[r]);
    for (let j = 0; j < width; j++) out[o + j] = out[o + j] - logS[r];
  }
  return record(new Tensor(out, x.shape), "logSoftmax", [x], (grad) => {
    const g = denseElements(grad);
    const dx = allocate(x.dtype, src.length);
    const t = allocate(x.dtype, rows); // −Σg / s per row
    for (let r = 0; r < rows; r++) {
      const o = r * width;
      let sumG = 0;
      for (let j = 0; j < width; j++) sumG += g[o + j];
      t[r] = sumG; // rounded as the composition's row sum
      t[r] = -t[r] / s[r];
      for (let j = 0; j < width; j++) {
        dx[o + j] = t[r] * e[o + j];
        dx[o + j] = g[o + j] + dx[o + j];
      }
    }
    return [ownedGradient(new Tensor(dx, x.shape))];
  });
}
