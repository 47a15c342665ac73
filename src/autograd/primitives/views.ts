// Primitives that move data rather than compute on it: view, permute, expand and slice are views
// (new shape/strides on the same storage, never a copy) whose backward undoes the view; copy and
// cast produce dense storage. As in PyTorch, view() refuses what it cannot do without copying (an
// in-place write through a silent copy would be lost), and reshape() is view() of a copy then.

import { record } from "../engine";
import { allocate, type DType } from "../../tensor/dtype";
import { contiguousStrides, formatShape, normalizeDim, sizeOf } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { sumTo } from "./sum-to";

/**
 * The same storage read in a new shape (one entry may be −1 and is inferred), never a copy, so an
 * in-place write through the result reaches x. Throws when x's strides cannot be read in the new
 * shape (a transpose, a stepped slice);  backward: the gradient reshaped back.
 * @example
 * const x = arange(6);
 * const v = view(x, [2, 3]);
 * expect(v.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
 * v.fill_(1);                                          // a view shares x's storage
 * expect(x.tolist()).toEqual([1, 1, 1, 1, 1, 1]);
 * expect(() => view(arange(6).reshape([2, 3]).T, [6])).toThrow();   // a transpose cannot be viewed flat
 */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape("view", x, shape);
  const strides = viewStrides(x, target);
  if (strides === null) {
    throw new RangeError(
      `view: a tensor of shape ${formatShape(x.shape)} with strides ${formatShape(x.strides)} cannot be viewed as shape ${formatShape(shape)} ` +
        "without copying (its elements are not laid out in that order in storage); use .reshape(...), which copies when it must, or .contiguous().view(...)",
    );
  }
  return viewWith("view", x, target, strides);
}

/**
 * A view when the strides allow one, otherwise a view of a dense copy (PyTorch's reshape).
 * @example
 * const t = arange(6).reshape([2, 3]).T;               // (3, 2), not contiguous
 * expect(reshape(t, [6]).tolist()).toEqual([0, 3, 1, 4, 2, 5]);
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape("reshape", x, shape);
  const strides = viewStrides(x, target);
  return strides === null ? viewWith("reshape", copy(x), target, contiguousStrides(target)) : viewWith("reshape", x, target, strides);
}

function viewWith(op: string, x: Tensor, shape: number[], strides: number[]): Tensor {
  const out = new Tensor(x.storage, shape, strides, x.offset);
  return record(out, op, [x], (g) => [reshape(g, x.shape)]);
}

/**
 * Strides that read x in row-major order as `target`, or null when no such strides exist and the
 * elements must be copied (NumPy's attempt_nocopy_reshape): groups of old dimensions that multiply to
 * groups of new dimensions must each be contiguous among themselves.
 */
function viewStrides(x: Tensor, target: readonly number[]): number[] | null {
  if (x.numel() === 0) return contiguousStrides(target);
  const oldShape: number[] = [];
  const oldStrides: number[] = [];
  x.shape.forEach((d, i) => {
    if (d !== 1) {
      oldShape.push(d);
      oldStrides.push(x.strides[i]);
    }
  });
  const out = new Array<number>(target.length).fill(1);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  while (ni < target.length && oi < oldShape.length) {
    let np = target[ni];
    let op = oldShape[oi];
    while (np !== op) {
      if (np < op) np *= target[nj++];
      else op *= oldShape[oj++];
    }
    for (let k = oi; k < oj - 1; k++) {
      if (oldStrides[k] !== oldShape[k + 1] * oldStrides[k + 1]) return null;
    }
    out[nj - 1] = oldStrides[oj - 1];
    for (let k = nj - 1; k > ni; k--) out[k - 1] = out[k] * target[k];
    ni = nj++;
    oi = oj++;
  }
  return out;
}

function inferShape(op: string, x: Tensor, shape: readonly number[]): number[] {
  const target = shape.slice();
  const unknown = target.indexOf(-1);
  if (unknown !== target.lastIndexOf(-1)) throw new RangeError(`${op}: only one dimension can be -1 (got ${formatShape(shape)})`);
  if (unknown >= 0) {
    const known = target.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    target[unknown] = known === 0 ? 0 : x.numel() / known;
  }
  if (target.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(target) !== x.numel()) {
    throw new RangeError(`${op}: cannot view a tensor of shape ${formatShape(x.shape)} (${x.numel()} elements) as shape ${formatShape(shape)}`);
  }
  return target;
}

/**
 * Dimensions reordered: out.shape[i] = x.shape[dims[i]];  backward: the inverse permutation.
 * @example
 * const x = zeros([2, 3, 4]);
 * expect(permute(x, [2, 0, 1]).shape).toEqual([4, 2, 3]);
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  const perm = dims.map((a) => normalizeDim(a, x.ndim, "permute"));
  if (perm.length !== x.ndim || new Set(perm).size !== x.ndim) {
    throw new RangeError(`permute: ${formatShape(dims)} is not a permutation of the ${x.ndim} dimensions of a tensor of shape ${formatShape(x.shape)}`);
  }
  const out = new Tensor(x.storage, perm.map((a) => x.shape[a]), perm.map((a) => x.strides[a]), x.offset);
  const inverse = new Array<number>(perm.length);
  perm.forEach((a, i) => (inverse[a] = i));
  return record(out, "permute", [x], (g) => [permute(g, inverse)]);
}

/**
 * Two dimensions swapped (composed from permute), a view; a 0-d tensor is its own transpose (dims 0 or −1).
 * @example
 * expect(transpose(tensor([[1, 2, 3]]), 0, 1).tolist()).toEqual([[1], [2], [3]]);
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  if (x.ndim === 0) {
    normalizeDim(dim0, 0, "transpose");
    normalizeDim(dim1, 0, "transpose");
    return permute(x, []);
  }
  const dims = x.shape.map((_, d) => d);
  const a = normalizeDim(dim0, x.ndim, "transpose");
  const b = normalizeDim(dim1, x.ndim, "transpose");
  [dims[a], dims[b]] = [dims[b], dims[a]];
  return permute(x, dims);
}

/**
 * Size-1 dimensions stretched (stride 0) and new leading dimensions added; −1 keeps a size;  backward: sum back.
 * @example
 * expect(expand(tensor([[1], [2]]), [2, 3]).tolist()).toEqual([[1, 1, 1], [2, 2, 2]]);
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const lead = shape.length - x.ndim;
  const fail = () => new RangeError(`expand: a tensor of shape ${formatShape(x.shape)} cannot be expanded to shape ${formatShape(shape)}`);
  if (lead < 0) throw fail();
  const outShape = shape.slice();
  const strides = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < x.ndim; i++) {
    const d = lead + i;
    if (shape[d] === -1) outShape[d] = x.shape[i];
    if (outShape[d] === x.shape[i]) strides[d] = x.strides[i];
    else if (x.shape[i] !== 1) throw fail();
  }
  if (outShape.some((d) => !Number.isInteger(d) || d < 0)) throw fail();
  const out = new Tensor(x.storage, outShape, strides, x.offset);
  return record(out, "expand", [x], (g) => [sumTo(g, x.shape)]);
}

/**
 * Elements start, start+step, … before end along one dimension (Python slice rules: negative indices count
 * from the end, out-of-range bounds are clipped);  backward: g placed into zeros of x's shape.
 * @example
 * const x = arange(10);
 * expect(slice(x, 0, 2, 5).tolist()).toEqual([2, 3, 4]);
 * expect(slice(x, 0, -3).tolist()).toEqual([7, 8, 9]);
 * expect(slice(x, 0, 0, 10, 4).tolist()).toEqual([0, 4, 8]);
 */
export function slice(x: Tensor, dim: number, start: number, end?: number, step = 1): Tensor {
  if (x.ndim === 0) throw new RangeError(`slice: a 0-d tensor has no dimension to slice (dim ${dim})`);
  const a = normalizeDim(dim, x.ndim, "slice");
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`slice: step must be a positive integer (got ${step})`);
  const size = x.shape[a];
  const clip = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const from = clip(start);
  const to = end === undefined ? size : clip(end);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const shape = x.shape.slice();
  shape[a] = count;
  const strides = x.strides.slice();
  strides[a] *= step;
  const out = new Tensor(x.storage, shape, strides, x.offset + from * x.strides[a]);
  return record(out, "slice", [x], (g) => {
    const dx = new Tensor(allocate(g.dtype, x.numel()), x.shape);
    slice(dx, a, from, to, step).copy_(g);
    return [dx];
  });
}

/** A dense copy;  backward: identity. */
export function copy(x: Tensor): Tensor {
  const src = denseElements(x);
  const data = allocate(x.dtype, src.length);
  data.set(src);
  const out = new Tensor(data, x.shape);
  return record(out, "copy", [x], (g) => [g]);
}

/** Conversion to another dtype;  backward: the gradient converted back. */
export function cast(x: Tensor, dtype: DType): Tensor {
  const src = denseElements(x);
  const data = allocate(dtype, src.length);
  data.set(src);
  const out = new Tensor(data, x.shape);
  return record(out, "cast", [x], (g) => [cast(g, x.dtype)]);
}
