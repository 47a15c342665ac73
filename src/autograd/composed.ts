// Ops built only from primitives, so they need no backward of their own: their gradients come from
// the chain rule through the primitives, and gradcheck verifies them like any other op.

import { noGrad } from "./engine";
import { add, div, maximum, mul, neg, sub } from "./primitives/arithmetic";
import { exp, log, sqrt } from "./primitives/math";
import { max, sum } from "./primitives/reduce";
import { mm } from "./primitives/matmul";
import { expand, reshape, slice } from "./primitives/views";
import { logSoftmax } from "./primitives/log-softmax";
import { mapUnary, type UnaryKernel } from "../tensor/elementwise";
import { zeros } from "../tensor/creation";
import { broadcastShapes, formatShape, nonEmptyDims, normalizeDims, normalizeDim, sameShape, sizeOf } from "../tensor/shape";
import type { Tensor, TensorLike } from "../tensor/tensor";

type Dim = number | readonly number[] | undefined;

/**
 * min(a, b) elementwise = −max(−a, −b)
 * @example
 * expect(minimum(tensor([1, 5, 2]), tensor([3, 4, 2])).tolist()).toEqual([1, 4, 2]);
 */
export function minimum(a: Tensor, b: TensorLike): Tensor {
  return neg(maximum(neg(a), typeof b === "number" ? -b : neg(b)));
}

/**
 * x²
 * @example
 * expect(square(tensor([-3, 0.5])).tolist()).toEqual([9, 0.25]);
 */
export function square(x: Tensor): Tensor {
  return mul(x, x);
}

/**
 * x limited to [min, max] (either bound may be omitted)
 * @example
 * expect(clamp(tensor([-2, 0.5, 3]), 0, 1).tolist()).toEqual([0, 0.5, 1]);
 * expect(clamp(tensor([-2, 3]), undefined, 1).tolist()).toEqual([-2, 1]);
 */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  let out = x;
  if (min !== undefined) out = maximum(out, min);
  if (max !== undefined) out = minimum(out, max);
  return out;
}

/**
 * Mean over `dim` (all dims when omitted) = sum / count
 * @example
 * const x = tensor([[1, 2], [3, 6]]);
 * expect(mean(x).item()).toBe(3);
 * expect(mean(x, 0).tolist()).toEqual([2, 4]);
 */
export function mean(x: Tensor, dim?: Dim, keepdim = false): Tensor {
  const dims = normalizeDims(dim, x.ndim, "mean");
  const count = dims.reduce((p, d) => p * x.shape[d], 1);
  return div(sum(x, dims, keepdim), count);
}

/**
 * Minimum over `dim` = −max(−x) (a reduced dim must not be empty)
 * @example
 * expect(min(tensor([[4, 2], [1, 3]]), 1).tolist()).toEqual([2, 1]);
 */
export function min(x: Tensor, dim?: Dim, keepdim = false): Tensor {
  return neg(max(neg(x), nonEmptyDims(dim, x.shape, "min", "minimum"), keepdim));
}

/**
 * Variance over `dim`: Σ(x − mean)² / (N − correction). The default correction 1 is the unbiased
 * estimator (PyTorch's default); correction 0 is the population variance (NumPy's default, BatchNorm).
 * @example
 * const x = tensor([1, 2, 3, 4]);                      // Σ(x − 2.5)² = 5
 * expect(variance(x).item()).toBeCloseTo(5 / 3, 15);   // unbiased, as torch.var
 * expect(variance(x, undefined, false, { correction: 0 }).item()).toBe(1.25); // as np.var
 */
export function variance(x: Tensor, dim?: Dim, keepdim = false, options: { correction?: number } = {}): Tensor {
  const correction = options.correction ?? 1;
  const dims = normalizeDims(dim, x.ndim, "var");
  const count = dims.reduce((p, d) => p * x.shape[d], 1);
  const deviation = sub(x, mean(x, dims, true));
  return div(sum(mul(deviation, deviation), dims, keepdim), Math.max(count - correction, 0));
}

/**
 * Standard deviation = √var
 * @example
 * expect(std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), undefined, false, { correction: 0 }).item()).toBe(2); // the textbook example: σ = 2
 */
export function std(x: Tensor, dim?: Dim, keepdim = false, options: { correction?: number } = {}): Tensor {
  return sqrt(variance(x, dim, keepdim, options));
}

const finiteOrZeroKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Number.isFinite(x[i]) ? x[i] : 0;
};

/**
 * x − m with m the maximum over `dims` (kept as size-1 dimensions), detached from the graph, and 0 where the
 * maximum is ±∞. Subtracting the maximum is exact for nearby values and leaves every entry ≤ 0, so
 * exp() can neither overflow nor lose all of its terms; the shift cancels in every formula below,
 * so its gradient is not needed. Over an empty dim there is no maximum and nothing to shift: the
 * shift is 0 and the sums below are empty (logsumexp = log 0 = −∞, as in PyTorch).
 */
function shiftByMax(x: Tensor, dims: number[]): { shifted: Tensor; shift: Tensor } {
  if (dims.some((d) => x.shape[d] === 0)) {
    return { shifted: x, shift: zeros(x.shape.map((s, d) => (dims.includes(d) ? 1 : s)), { dtype: x.dtype }) };
  }
  const shift = noGrad(() => mapUnary(max(x, dims, true), finiteOrZeroKernel)); // (…, 1, …)
  return { shifted: sub(x, shift), shift };
}

/**
 * log Σ exp(x) over `dim`, computed as m + log Σ exp(x − m), so logits of ±1e4 neither overflow nor
 * underflow. Its gradient is softmax(x).
 * @example
 * expect(logsumexp(tensor([0, Math.log(3)])).item()).toBeCloseTo(Math.log(4), 15);
 * expect(logsumexp(tensor([1e4, 1e4])).item()).toBeCloseTo(1e4 + Math.log(2), 10); // no overflow
 */
export function logsumexp(x: Tensor, dim?: Dim, keepdim = false): Tensor {
  const dims = normalizeDims(dim, x.ndim, "logsumexp");
  const { shifted, shift } = shiftByMax(x, dims);
  const kept = add(log(sum(exp(shifted), dims, true)), shift);
  return keepdim ? kept : reshape(kept, x.shape.filter((_, d) => !dims.includes(d)));
}

/**
 * softmax(x)ᵢ = exp(xᵢ − logsumexp(x)) along `dim`
 * @example
 * const p = softmax(tensor([[0, Math.log(3)]])).tolist() as number[][];
 * expect(p[0][0]).toBeCloseTo(0.25, 15);
 * expect(p[0][1]).toBeCloseTo(0.75, 15);
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  return exp(logSoftmax(x, dim));
}

/**
 * Matrix product with NumPy/PyTorch semantics: 1-D operands are promoted to a row (left) or a column
 * (right) vector and the added dimension removed again; leading (batch) dimensions broadcast.
 * @example
 * const a = tensor([[1, 2], [3, 4]]);
 * const b = tensor([[5], [6]]);
 * expect(matmul(a, b).tolist()).toEqual([[17], [39]]);
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
        `the last dimension of the first (${k}) must equal the ${b.ndim === 1 ? "length" : "second-to-last dimension"} of the second (${kb})`,
    );
  }
  const a2 = a.ndim === 1 ? reshape(a, [1, k]) : a; // (…, m, k)
  const b2 = b.ndim === 1 ? reshape(b, [k, 1]) : b; // (…, k, n)
  const m = a2.shape[a2.ndim - 2];
  const n = b2.shape[b2.ndim - 1];
  let out: Tensor;
  if (b2.ndim === 2 && a2.ndim > 2 && a2.isContiguous()) {
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
    throw new RangeError(`matmul: the batch dimensions of shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast together (${formatShape(batchA)} vs ${formatShape(batchB)})`);
  }
}

/**
 * Dimensions startDim…endDim merged into one.
 * @example
 * expect(flatten(zeros([2, 3, 4]), 1).shape).toEqual([2, 12]);
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim(startDim, x.ndim, "flatten");
  const e = normalizeDim(endDim, x.ndim, "flatten");
  if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/**
 * Size-1 dimensions removed (only `dim`, when given and of size 1).
 * @example
 * expect(squeeze(zeros([1, 3, 1])).shape).toEqual([3]);
 * expect(squeeze(zeros([1, 3, 1]), 0).shape).toEqual([3, 1]);
 */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const a = normalizeDim(dim, x.ndim, "squeeze");
  return x.shape[a] === 1 ? reshape(x, x.shape.filter((_, d) => d !== a)) : x;
}

/**
 * A size-1 dimension inserted at `dim` (−1 appends).
 * @example
 * expect(unsqueeze(tensor([1, 2]), 0).tolist()).toEqual([[1, 2]]);
 * expect(unsqueeze(tensor([1, 2]), -1).tolist()).toEqual([[1], [2]]);
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const a = normalizeDim(dim, x.ndim + 1, "unsqueeze");
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/**
 * The sub-tensor at `index` along `dim`, with that dimension removed.
 * @example
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * expect(select(x, 0, 1).tolist()).toEqual([4, 5, 6]);
 * expect(select(x, 1, -1).tolist()).toEqual([3, 6]);
 */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new RangeError(`select: a 0-d tensor has no dimension to select from (dim ${dim}, index ${index})`);
  const a = normalizeDim(dim, x.ndim, "select");
  const size = x.shape[a];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new RangeError(`select: index ${index} is out of range for dim ${a} of size ${size} (shape ${formatShape(x.shape)})`);
  }
  const i = index < 0 ? index + size : index;
  return reshape(slice(x, a, i, i + 1), x.shape.filter((_, d) => d !== a));
}
