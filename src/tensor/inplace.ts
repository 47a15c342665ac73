// In-place updates (add_, mul_, fill_, copy_): how optimizers change parameters without allocating.
// They are never recorded, so on a tensor that requires a gradient they are only allowed under noGrad
// — otherwise the graph would silently use overwritten values, which PyTorch also forbids.
// Two aliasing rules, as in PyTorch: a target whose elements share memory (an expanded view, stride 0)
// is refused, since x.expand(3).add_(1) would add 3 to the one stored value; and a source that reads
// the target's own storage (w.add_(w.T)) is copied first, so every element is updated from the old
// values rather than from ones this very update already overwrote.

import { isGradEnabled } from "../autograd/engine";
import { getKernel } from "../core";
import { asTensor, updateInPlace, type BinaryKernel } from "./elementwise";
import { denseElements, type Tensor, type TensorLike } from "./tensor";
import { forEachRow } from "./iterate";
import { formatShape, sameShape } from "./shape";

function checkWritable(op: string, target: Tensor): void {
  if (target.requiresGrad && isGradEnabled()) {
    throw new Error(`${op}: an in-place update of a tensor that requires a gradient must run inside noGrad(() => …)`);
  }
  // (an empty tensor writes nothing; its dense strides are 0 in front of the size-0 dim)
  const shared = target.numel() === 0 ? -1 : target.shape.findIndex((size, d) => size > 1 && target.strides[d] === 0);
  if (shared >= 0) {
    throw new RangeError(
      `${op}: the target of shape ${formatShape(target.shape)} (strides ${formatShape(target.strides)}) is an expanded view: its ${target.shape[shared]} ` +
        `elements along dim ${shared} are one memory location, so the update would be applied to it ${target.shape[shared]} times; update a .clone() instead`,
    );
  }
}

/** The source as it is, or a private copy when it reads the target's storage (see the header). */
function unaliased(source: Tensor, target: Tensor): Tensor {
  return source.storage === target.storage ? source.detach().clone() : source;
}

const copyKernel: BinaryKernel = (_t, _it, _st, s, is, ss, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = s[is + i * ss];
};

/** target += alpha · source */
export function addInPlace(target: Tensor, source: TensorLike, alpha: number): void {
  checkWritable("add_", target);
  const s = unaliased(asTensor(source, target), target);
  if (target.isContiguous() && s.isContiguous() && sameShape(target.shape, s.shape) && target.dtype === s.dtype) {
    // The optimizer's hot path, p ← p − lr·g on dense tensors of one dtype: the kernel's axpy.
    getKernel().axpy(alpha, denseElements(s), target.storage.subarray(target.offset, target.offset + target.numel()));
    return;
  }
  const t = target.storage;
  updateInPlace("add_", target, s, (_t, it, _st, src, is, ss, _out, _io, n) => {
    for (let i = 0; i < n; i++) t[it + i] += alpha * src[is + i * ss];
  });
}

/** target *= factor */
export function scaleInPlace(target: Tensor, factor: number): void {
  checkWritable("mul_", target);
  const t = target.storage;
  const zeros = target.strides.map(() => 0);
  forEachRow(target.shape, target.strides, zeros, zeros, target.offset, 0, 0, (o, _1, _2, n, s) => {
    for (let i = 0; i < n; i++) t[o + i * s] *= factor;
  });
}

/** every element of target = value */
export function fillInPlace(target: Tensor, value: number): void {
  checkWritable("fill_", target);
  updateInPlace("fill_", target, asTensor(value, target), copyKernel);
}

/** target's elements = source's (broadcast) */
export function copyInPlace(target: Tensor, source: Tensor): void {
  checkWritable("copy_", target);
  updateInPlace("copy_", target, unaliased(source, target), copyKernel);
}
