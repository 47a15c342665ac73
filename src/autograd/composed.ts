// Ops built only from primitives, so they need no backward of their own: their gradients come from
// the chain rule through the primitives, and gradcheck verifies them like any other op.

import { noGrad } from "./engine";
import { add, div, maximum, mul, neg, sub } from "./primitives/arithmetic";
import { exp, log, sqrt } from "./primitives/math";
import { max, sum } from "./primitives/reduce";
import { mm } from "./primitives/matmul";
import { expand, reshape, slice } from "./primitives/views";
import { mapUnary, type UnaryKernel } from "../tensor/elementwise";
import { broadcastShapes, formatShape, normalizeAxes, normalizeAxis, sameShape, sizeOf } from "../tensor/shape";
import type { Tensor, TensorLike } from "../tensor/tensor";

type Axis = number | readonly number[] | undefined;

/** min(a, b) elementwise = −max(−a, −b) */
export function minimum(a: Tensor, b: TensorLike): Tensor {
  return neg(maximum(neg(a), typeof b === "number" ? -b : neg(b)));
}

/** x² */
export function square(x: Tensor): Tensor {
  return mul(x, x);
}

/** x limited to [min, max] (either bound may be omitted) */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  let out = x;
  if (min !== undefined) out = maximum(out, min);
  if (max !== undefined) out = minimum(out, max);
  return out;
}

/** Mean over `axis` (all axes when omitted) = sum / count */
export function mean(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = normalizeAxes(axis, x.ndim, "mean");
  const count = axes.reduce((p, d) => p * x.shape[d], 1);
  return div(sum(x, axes, keepdims), count);
}

/** Minimum over `axis` = −max(−x) */
export function min(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  return neg(max(neg(x), axis, keepdims));
}

/**
 * Variance over `axis`: Σ(x − mean)² / (N − correction). The default correction 1 is the unbiased
 * estimator (PyTorch's default); correction 0 is the population variance (NumPy's default, BatchNorm).
 */
export function variance(x: Tensor, axis?: Axis, keepdims = false, options: { correction?: number } = {}): Tensor {
  const correction = options.correction ?? 1;
  const axes = normalizeAxes(axis, x.ndim, "var");
  const count = axes.reduce((p, d) => p * x.shape[d], 1);
  const deviation = sub(x, mean(x, axes, true));
  return div(sum(mul(deviation, deviation), axes, keepdims), Math.max(count - correction, 0));
}

/** Standard deviation = √var */
export function std(x: Tensor, axis?: Axis, keepdims = false, options: { correction?: number } = {}): Tensor {
  return sqrt(variance(x, axis, keepdims, options));
}

const finiteOrZeroKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Number.isFinite(x[i]) ? x[i] : 0;
};

/**
 * x − m with m the maximum over `axes` (kept as size-1 axes), detached from the graph, and 0 where the
 * maximum is ±∞. Subtracting the maximum is exact for nearby values and leaves every entry ≤ 0, so
 * exp() can neither overflow nor lose all of its terms; the shift cancels in every formula below,
 * so its gradient is not needed.
 */
function shiftByMax(x: Tensor, axes: number[]): { shifted: Tensor; shift: Tensor } {
  const shift = noGrad(() => mapUnary(max(x, axes, true), finiteOrZeroKernel)); // (…, 1, …)
  return { shifted: sub(x, shift), shift };
}

/**
 * log Σ exp(x) over `axis`, computed as m + log Σ exp(x − m), so logits of ±1e4 neither overflow nor
 * underflow. Its gradient is softmax(x).
 */
export function logsumexp(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = normalizeAxes(axis, x.ndim, "logsumexp");
  const { shifted, shift } = shiftByMax(x, axes);
  const kept = add(log(sum(exp(shifted), axes, true)), shift);
  return keepdims ? kept : reshape(kept, x.shape.filter((_, d) => !axes.includes(d)));
}

/** softmax(x)ᵢ = exp(xᵢ − logsumexp(x)) along `axis` */
export function softmax(x: Tensor, axis = -1): Tensor {
  return exp(logSoftmax(x, axis));
}

/**
 * log softmax(x)ᵢ = (xᵢ − m) − log Σⱼ exp(xⱼ − m) along `axis`, with m the maximum: the small shifted
 * values keep float32 accurate at logits of ±1e4, where xᵢ − logsumexp(x) would round to ~1e-3.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const axes = [normalizeAxis(axis, x.ndim, "logSoftmax")];
  const { shifted } = shiftByMax(x, axes);
  return sub(shifted, log(sum(exp(shifted), axes, true)));
}

/**
 * Matrix product with NumPy/PyTorch semantics: 1-D operands are promoted to a row (left) or a column
 * (right) vector and the added axis removed again; leading (batch) axes broadcast.
 * @example
 * const a = tensor([[1, 2], [3, 4]]);
 * const b = tensor([[5], [6]]);
 * expect(matmul(a, b).toArray()).toEqual([[17], [39]]);
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(`matmul: both operands need at least one dimension (got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}); use mul to scale by a scalar`);
  }
  const k = a.shape[a.ndim - 1];
  const kb = b.ndim === 1 ? b.shape[0] : b.shape[b.ndim - 2];
  if (k !== kb) {
    throw new RangeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned: ` +
        `the last axis of the first (${k}) must equal the ${b.ndim === 1 ? "length" : "second-to-last axis"} of the second (${kb})`,
    );
  }
  const a2 = a.ndim === 1 ? reshape(a, [1, k]) : a; // (…, m, k)
  const b2 = b.ndim === 1 ? reshape(b, [k, 1]) : b; // (…, k, n)
  const m = a2.shape[a2.ndim - 2];
  const n = b2.shape[b2.ndim - 1];
  let out: Tensor;
  if (b2.ndim === 2 && a2.ndim > 2 && a2.isContiguous) {
    // (…, m, k)·(k, n): one product of the stacked rows, (…·m, k)·(k, n), instead of a batch loop.
    const batch = a2.shape.slice(0, -2);
    out = reshape(mm(reshape(a2, [sizeOf(batch) * m, k]), b2), [...batch, m, n]);
  } else {
    const batch = matmulBatch(a, b, a2.shape.slice(0, -2), b2.shape.slice(0, -2));
    const ae = sameShape(a2.shape.slice(0, -2), batch) ? a2 : expand(a2, [...batch, m, k]);
    const be = sameShape(b2.shape.slice(0, -2), batch) ? b2 : expand(b2, [...batch, k, n]);
    out = mm(ae, be); // (…, m, n)
  }
  if (a.ndim === 1) out = reshape(out, [...out.shape.slice(0, -2), n]);
  if (b.ndim === 1) out = reshape(out, out.shape.slice(0, -1));
  return out;
}

function matmulBatch(a: Tensor, b: Tensor, batchA: number[], batchB: number[]): number[] {
  try {
    return broadcastShapes("matmul", batchA, batchB);
  } catch {
    throw new RangeError(`matmul: the batch axes of shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast together (${formatShape(batchA)} vs ${formatShape(batchB)})`);
  }
}

/** Axes startDim…endDim merged into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeAxis(startDim, x.ndim, "flatten");
  const e = normalizeAxis(endDim, x.ndim, "flatten");
  if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Size-1 axes removed (only `axis`, when given and of size 1). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const a = normalizeAxis(axis, x.ndim, "squeeze");
  return x.shape[a] === 1 ? reshape(x, x.shape.filter((_, d) => d !== a)) : x;
}

/** A size-1 axis inserted at `axis` (−1 appends). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.ndim + 1, "unsqueeze");
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** The sub-tensor at `index` along `axis`, with the axis removed. */
export function select(x: Tensor, axis: number, index: number): Tensor {
  const a = normalizeAxis(axis, x.ndim, "select");
  const size = x.shape[a];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new RangeError(`select: index ${index} is out of range for axis ${a} of size ${size} (shape ${formatShape(x.shape)})`);
  }
  const i = index < 0 ? index + size : index;
  return reshape(slice(x, a, i, i + 1), x.shape.filter((_, d) => d !== a));
}
