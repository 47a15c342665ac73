// Primitives: reductions over a set of dimensions (sum, max), plus argmax/argmin which have no gradient.
// A reduction walks the input once with the output's strides set to 0 along the reduced dimensions, so
// reducing the last dimension (a row sum) and the first dimension (a bias gradient) share one loop skeleton.

import { record } from "../engine";
import type { FloatArray } from "../../core/kernel";
import { allocate } from "../../tensor/dtype";
import { forEachRow } from "../../tensor/iterate";
import { contiguousStrides, nonEmptyDims, normalizeDims, normalizeDim, sizeOf } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { div, mul } from "./arithmetic";
import { eq } from "./compare";
import { expand, permute, reshape } from "./views";

type ReduceRow = (x: FloatArray, ix: number, sx: number, out: FloatArray, io: number, so: number, n: number) => void;

interface Reduced {
  out: Tensor;
  /** The output with the reduced dimensions kept as size 1, sharing storage with `out`. */
  kept: Tensor;
  dims: number[];
}

function reduce(op: string, x: Tensor, dim: number | readonly number[] | undefined, keepdim: boolean, init: number, row: ReduceRow): Reduced {
  const dims = normalizeDims(dim, x.ndim, op);
  const keptShape = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  const outShape = keepdim ? keptShape : x.shape.filter((_, i) => !dims.includes(i));
  const data = allocate(x.dtype, sizeOf(keptShape)).fill(init);
  const outStrides = contiguousStrides(keptShape).map((s, d) => (dims.includes(d) ? 0 : s));
  const src = x.storage;
  forEachRow(x.shape, x.strides, outStrides, outStrides, x.offset, 0, 0, (ix, io, _unused, n, sx, so) => row(src, ix, sx, data, io, so, n));
  return { out: new Tensor(data, outShape), kept: new Tensor(data, keptShape), dims };
}

const sumRow: ReduceRow = (x, ix, sx, out, io, so, n) => {
  if (so === 0) {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += x[ix + i * sx];
    out[io] += acc;
  } else {
    for (let i = 0; i < n; i++) out[io + i * so] += x[ix + i * sx];
  }
};
/**
 * Σ over `dim` (all dims when omitted);  ∂/∂x = 1, so g is broadcast back over the reduced dimensions.
 * @example
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * expect(sum(x).item()).toBe(21);
 * expect(sum(x, 0).tolist()).toEqual([5, 7, 9]);
 * expect(sum(x, 1, true).tolist()).toEqual([[6], [15]]);
 */
export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const { out, kept } = reduce("sum", x, dim, keepdim, 0, sumRow);
  return record(out, "sum", [x], (g) => [expand(reshape(g, kept.shape), x.shape)]);
}

const maxRow: ReduceRow = (x, ix, sx, out, io, so, n) => {
  if (so === 0) {
    let m = out[io];
    for (let i = 0; i < n; i++) {
      const v = x[ix + i * sx];
      if (v > m || v !== v) m = v;
    }
    out[io] = m;
  } else {
    for (let i = 0; i < n; i++) {
      const v = x[ix + i * sx];
      if (v > out[io + i * so] || v !== v) out[io + i * so] = v;
    }
  }
};
/**
 * max over `dim` (a reduced dim must not be empty);  ∂/∂x = [x is the maximum], shared equally among ties.
 * @example
 * const x = tensor([[1, 5], [7, 2]], { requiresGrad: true });
 * expect(max(x, 1).tolist()).toEqual([5, 7]);
 * max(x).backward();
 * expect(x.grad!.tolist()).toEqual([[0, 0], [1, 0]]); // the gradient goes to the maximum
 */
export function max(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const { out, kept, dims } = reduce("max", x, nonEmptyDims(dim, x.shape, "max", "maximum"), keepdim, -Infinity, maxRow);
  return record(out, "max", [x], (g) => {
    const winners = eq(x, expand(kept, x.shape));
    const share = div(winners, sum(winners, dims, true));
    return [mul(share, expand(reshape(g, kept.shape), x.shape))];
  });
}

/**
 * Index of the largest element along `dim` (of the flattened tensor when omitted); first one on ties. No gradient.
 * @example
 * const x = tensor([[1, 9, 3], [4, 0, 4]]);
 * expect(argmax(x).item()).toBe(1);
 * expect(argmax(x, 1).tolist()).toEqual([1, 0]);       // the first one on ties
 */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme("argmax", x, dim, keepdim, (v, best) => v > best || (v !== v && best === best));
}

/**
 * Index of the smallest element along `dim` (of the flattened tensor when omitted); first one on ties. No gradient.
 * @example
 * expect(argmin(tensor([[3, 1], [0, 2]]), 0).tolist()).toEqual([1, 0]);
 */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme("argmin", x, dim, keepdim, (v, best) => v < best || (v !== v && best === best));
}

function argExtreme(op: string, x: Tensor, dim: number | undefined, keepdim: boolean, better: (v: number, best: number) => boolean): Tensor {
  nonEmptyDims(dim, x.shape, op, op === "argmax" ? "maximum" : "minimum");
  if (x.ndim === 0) return new Tensor(allocate(x.dtype, 1), []); // the one element is the extreme (dim 0 or −1, as PyTorch)
  let rows: FloatArray;
  let n: number;
  let outShape: number[];
  if (dim === undefined) {
    rows = denseElements(x);
    n = rows.length;
    outShape = keepdim ? x.shape.map(() => 1) : [];
  } else {
    const a = normalizeDim(dim, x.ndim, op);
    const others = x.shape.map((_, d) => d).filter((d) => d !== a);
    rows = denseElements(permute(x, [...others, a]));
    n = x.shape[a];
    outShape = keepdim ? x.shape.map((d, i) => (i === a ? 1 : d)) : others.map((d) => x.shape[d]);
  }
  const out = allocate(x.dtype, rows.length / n);
  for (let r = 0; r < out.length; r++) {
    let best = rows[r * n];
    let index = 0;
    for (let i = 1; i < n; i++) {
      if (better(rows[r * n + i], best)) {
        best = rows[r * n + i];
        index = i;
      }
    }
    out[r] = index;
  }
  return new Tensor(out, outShape);
}
