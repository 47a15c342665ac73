// Strided iteration: the one loop skeleton every elementwise op and reduction shares. It walks a
// common shape row by row (the innermost run after merging dimensions) and hands each row to a small,
// op-specific kernel, so the per-element work stays in a tight monomorphic loop while this generic
// walker only runs once per row. A contiguous, same-shape operation is a single row.

import type { Shape } from "./shape";

/**
 * Drops size-1 dimensions and merges neighbours that are contiguous for every operand, so that
 * e.g. two dense (B, T, C) tensors become one row of B·T·C elements and a (M, N) + (N) bias becomes M rows.
 */
export function collapse(shape: Shape, stridesList: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const operands = stridesList.length;
  const outShape: number[] = [];
  const outStrides: number[][] = [];
  for (let k = 0; k < operands; k++) outStrides.push([]);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; k < operands && mergeable; k++) mergeable = outStrides[k][last] === stridesList[k][d] * size;
    if (mergeable) {
      outShape[last] *= size;
      for (let k = 0; k < operands; k++) outStrides[k][last] = stridesList[k][d];
    } else {
      outShape.push(size);
      for (let k = 0; k < operands; k++) outStrides[k].push(stridesList[k][d]);
    }
  }
  return { shape: outShape, strides: outStrides };
}

/** A row visitor: offsets of the row's first element in each operand, the row length and the operands' steps. */
export type RowVisitor = (o0: number, o1: number, o2: number, n: number, s0: number, s1: number, s2: number) => void;

/**
 * Calls `row` once per innermost row of `shape` for three operands with the given strides and offsets
 * (pass zero strides for an unused operand). Visits nothing when the shape has a zero dimension.
 */
export function forEachRow(
  shape: Shape,
  strides0: readonly number[],
  strides1: readonly number[],
  strides2: readonly number[],
  offset0: number,
  offset1: number,
  offset2: number,
  row: RowVisitor,
): void {
  for (const d of shape) if (d === 0) return;
  const c = collapse(shape, [strides0, strides1, strides2]);
  const nd = c.shape.length;
  if (nd === 0) {
    row(offset0, offset1, offset2, 1, 0, 0, 0);
    return;
  }
  const [t0, t1, t2] = c.strides;
  const n = c.shape[nd - 1];
  const s0 = t0[nd - 1];
  const s1 = t1[nd - 1];
  const s2 = t2[nd - 1];
  const outer = nd - 1;
  const counter = new Array<number>(outer).fill(0);
  let rows = 1;
  for (let d = 0; d < outer; d++) rows *= c.shape[d];
  let o0 = offset0;
  let o1 = offset1;
  let o2 = offset2;
  for (let r = 0; r < rows; r++) {
    row(o0, o1, o2, n, s0, s1, s2);
    for (let d = outer - 1; d >= 0; d--) {
      counter[d]++;
      o0 += t0[d];
      o1 += t1[d];
      o2 += t2[d];
      if (counter[d] < c.shape[d]) break;
      o0 -= t0[d] * c.shape[d];
      o1 -= t1[d] * c.shape[d];
      o2 -= t2[d] * c.shape[d];
      counter[d] = 0;
    }
  }
}
