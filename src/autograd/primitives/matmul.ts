// Primitive: (batched) matrix product of operands with equal batch shapes, C = A·B over the last two
// dimensions. The work goes to the active kernel (WASM SIMD by default). A transposed view — A.T, or the
// Bᵀ inside every backward pass — is passed to the kernel as a transpose flag, never copied, so the
// backward products dA = g·Bᵀ and dB = Aᵀ·g run at the speed of the forward one.

import { record } from "../engine";
import { getKernel } from "../../core";
import { allocate, promote } from "../../tensor/dtype";
import { formatShape, sameShape, sizeOf } from "../../tensor/shape";
import { Tensor } from "../../tensor/tensor";
import { cast, copy, transpose } from "./views";

/** (…, m, k) · (…, k, n) → (…, m, n);  ∂/∂A = g·Bᵀ, ∂/∂B = Aᵀ·g */
export function mm(a: Tensor, b: Tensor): Tensor {
  const batch = a.shape.slice(0, -2);
  if (a.ndim < 2 || b.ndim !== a.ndim || !sameShape(batch, b.shape.slice(0, -2)) || a.shape[a.ndim - 1] !== b.shape[b.ndim - 2]) {
    throw new RangeError(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned`);
  }
  const dtype = promote(a.dtype, b.dtype);
  const m = a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const n = b.shape[b.ndim - 1];
  const A = matrixOperand(a.dtype === dtype ? a : cast(a, dtype));
  const B = matrixOperand(b.dtype === dtype ? b : cast(b, dtype));
  const data = allocate(dtype, sizeOf(batch) * m * n);
  const kernel = getKernel();
  forEachBatch(batch, A.tensor, B.tensor, (offsetA, offsetB, index) => {
    kernel.gemm(
      A.transposed, B.transposed, m, n, k,
      A.tensor.storage.subarray(offsetA, offsetA + m * k),
      B.tensor.storage.subarray(offsetB, offsetB + k * n),
      data.subarray(index * m * n, (index + 1) * m * n),
    );
  });
  const out = new Tensor(data, [...batch, m, n]);
  // Each gradient is produced in its operand's layout: for B = Wᵀ (a Linear layer's weight view),
  // dB is computed as (gᵀ·A)ᵀ, so dW = gᵀ·A lands densely and no strided copy follows.
  return record(out, "matmul", [a, b], (g) => [
    a.requiresGrad ? (A.transposed ? transpose(mm(b, transpose(g, -1, -2)), -1, -2) : mm(g, transpose(b, -1, -2))) : null,
    b.requiresGrad ? (B.transposed ? transpose(mm(transpose(g, -1, -2), a), -1, -2) : mm(transpose(a, -1, -2), g)) : null,
  ]);
}

/**
 * How the kernel can read the last two dimensions of `t` (shape (…, r, c)) in place: row-major, or as the
 * transpose of a row-major (c, r) block. Anything else (a slice with steps, a broadcast) is copied.
 */
function matrixOperand(t: Tensor): { tensor: Tensor; transposed: boolean } {
  const r = t.shape[t.ndim - 2];
  const c = t.shape[t.ndim - 1];
  const sr = t.strides[t.ndim - 2];
  const sc = t.strides[t.ndim - 1];
  if ((c === 1 || sc === 1) && (r === 1 || sr === c)) return { tensor: t, transposed: false };
  if ((r === 1 || sr === 1) && (c === 1 || sc === r)) return { tensor: t, transposed: true };
  return { tensor: copy(t), transposed: false };
}

/** Calls fn with the storage offsets of each batch's matrix in a and b, and the batch's linear index. */
function forEachBatch(batch: readonly number[], a: Tensor, b: Tensor, fn: (offsetA: number, offsetB: number, index: number) => void): void {
  const count = sizeOf(batch);
  const index = new Array<number>(batch.length).fill(0);
  for (let i = 0; i < count; i++) {
    let oa = a.offset;
    let ob = b.offset;
    for (let d = 0; d < batch.length; d++) {
      oa += index[d] * a.strides[d];
      ob += index[d] * b.strides[d];
    }
    fn(oa, ob, i);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
}
