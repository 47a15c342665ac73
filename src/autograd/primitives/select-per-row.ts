// Primitive: one entry per row, x[i, index[i]] — what a classification loss reads from the log-
// probabilities (PyTorch's nll_loss, or x.gather(1, index.view(-1, 1)).view(-1)). It replaces
// sum(mul(onehot, x), 1), which builds an (N, C) one-hot matrix and multiplies every entry by it,
// with the same numbers: a sum of one value and zeros is that value.

import { ownedGradient, record } from "../engine";
import { allocate } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import { Tensor } from "../../tensor/tensor";

/**
 * out[i] = x[i, index[i]] for x (N, C) and N indices in [0, C);  ∂/∂x[i, index[i]] = g[i], 0 elsewhere.
 * The indices are checked by the caller (a loss names its targets in its own words).
 */
export function selectPerRow(x: Tensor, index: Int32Array): Tensor {
  if (x.ndim !== 2 || index.length !== x.shape[0]) {
    throw new RangeError(`selectPerRow: expected x (N, C) and N indices, got x ${formatShape(x.shape)} and ${index.length} indices`);
  }
  const [rows, classes] = x.shape;
  const [sr, sc] = x.strides;
  const out = allocate(x.dtype, rows); // (N)
  for (let i = 0; i < rows; i++) out[i] = x.storage[x.offset + i * sr + index[i] * sc];
  return record(new Tensor(out, [rows]), "selectPerRow", [x], (g) => {
    const dx = allocate(x.dtype, rows * classes); // (N, C), zero but at each row's index
    for (let i = 0; i < rows; i++) dx[i * classes + index[i]] = g.storage[g.offset + i * g.strides[0]];
    return [ownedGradient(new Tensor(dx, [rows, classes]))];
  });
}
