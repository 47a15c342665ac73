// Row gather: copies the rows idx[0], idx[1], … of an (n, …) tensor into a new dense tensor. It is
// what a DataLoader needs per batch and needs no gradient (inputs and labels are leaves), so it lives
// here as a plain, non-differentiable helper instead of an autograd primitive.
import { allocate } from "../tensor/dtype";
import { denseElements, Tensor } from "../tensor/tensor";

/** Rows shorter than this are copied by a loop: subarray() costs more than copying ~100 elements one by one. */
const SHORT_ROW = 128;

/**
 * x[idx] along the first dimension: out (idx.length, …rest) with out[i] = x[idx[i]]; one typed-array copy per row.
 * @example
 * expect(data.gatherRows(arange(6).reshape([3, 2]), [2, 0]).tolist()).toEqual([[4, 5], [0, 1]]);
 */
export function gatherRows(x: Tensor, idx: ArrayLike<number>): Tensor {
  if (x.ndim < 1) throw new RangeError("gatherRows: x must have at least one dimension (got a 0-d tensor)");
  const n = x.shape[0];
  const rowSize = n === 0 ? 0 : x.numel() / n;
  const src = denseElements(x); // (n, rowSize) dense
  const out = allocate(x.dtype, idx.length * rowSize);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`gatherRows: index ${r} at position ${i} is out of range for ${n} rows`);
    if (rowSize >= SHORT_ROW) out.set(src.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
    else for (let j = 0; j < rowSize; j++) out[i * rowSize + j] = src[r * rowSize + j];
  }
  return new Tensor(out, [idx.length, ...x.shape.slice(1)]);
}

/**
 * labels[idx] for a label array.
 * @example
 * expect(Array.from(data.gatherLabels(Int32Array.of(7, 8, 9), [2, 2, 0]))).toEqual([9, 9, 7]);
 */
export function gatherLabels(labels: Int32Array, idx: ArrayLike<number>): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    if (!Number.isInteger(r) || r < 0 || r >= labels.length) throw new RangeError(`gatherLabels: index ${r} at position ${i} is out of range for ${labels.length} labels`);
    out[i] = labels[r];
  }
  return out;
}
