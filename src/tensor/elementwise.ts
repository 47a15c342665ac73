// The loops behind elementwise ops. A unary kernel sees dense arrays; a binary kernel sees one row of
// two broadcast operands (start offsets and steps) and writes a dense output row. Each op defines its
// own kernel as a module-level function, so V8 keeps every inner loop monomorphic and fast.

import type { FloatArray } from "../core/kernel";
import { allocate, promote } from "./dtype";
import { broadcastShapes, broadcastStrides, contiguousStrides, formatShape, sameShape } from "./shape";
import { forEachRow } from "./iterate";
import { denseElements, Tensor, type TensorLike } from "./tensor";

/** out[i] = f(x[i]) for dense arrays of equal length. */
export type UnaryKernel = (x: FloatArray, out: FloatArray) => void;

/** out[io + i] = f(a[ia + i·sa], b[ib + i·sb]) for i < n. */
export type BinaryKernel = (
  a: FloatArray, ia: number, sa: number,
  b: FloatArray, ib: number, sb: number,
  out: FloatArray, io: number, n: number,
) => void;

export function mapUnary(x: Tensor, kernel: UnaryKernel): Tensor {
  const src = denseElements(x);
  const out = allocate(x.dtype, src.length);
  kernel(src, out);
  return new Tensor(out, x.shape);
}

/** Applies a binary kernel with broadcasting; the result has the promoted dtype and is dense. */
export function mapBinary(op: string, a: Tensor, b: Tensor, kernel: BinaryKernel): Tensor {
  const dtype = promote(a.dtype, b.dtype);
  if (sameShape(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
    const out = allocate(dtype, a.numel());
    kernel(a.storage, a.offset, 1, b.storage, b.offset, 1, out, 0, out.length);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = allocate(dtype, shape.reduce((p, d) => p * d, 1));
  const aData = a.storage;
  const bData = b.storage;
  forEachRow(
    shape,
    broadcastStrides(a.shape, a.strides, shape),
    broadcastStrides(b.shape, b.strides, shape),
    contiguousStrides(shape),
    a.offset, b.offset, 0,
    (ia, ib, io, n, sa, sb) => kernel(aData, ia, sa, bData, ib, sb, out, io, n),
  );
  return new Tensor(out, shape);
}

/** A number becomes a 0-d tensor of `like`'s dtype; tensors pass through. */
export function asTensor(value: TensorLike, like: Tensor): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== "number") {
    throw new TypeError(`expected a Tensor or a number, got ${describe(value)}`);
  }
  const data = allocate(like.dtype, 1);
  data[0] = value;
  return new Tensor(data, []);
}

/** Both operands of a binary op as tensors; at least one must already be a tensor. */
export function binaryOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (a instanceof Tensor) return [a, asTensor(b, a)];
  if (b instanceof Tensor) return [asTensor(a, b), b];
  throw new TypeError(`${op}: at least one operand must be a Tensor (got ${describe(a)} and ${describe(b)})`);
}

/** Writes `source` (broadcast to `target`'s shape) into `target` through `kernel(target, source)`. */
export function updateInPlace(op: string, target: Tensor, source: Tensor, kernel: BinaryKernel): void {
  const shape = broadcastShapes(op, target.shape, source.shape);
  if (!sameShape(shape, target.shape)) {
    throw new RangeError(`${op}: a tensor of shape ${formatShape(source.shape)} cannot be written into one of shape ${formatShape(target.shape)}`);
  }
  const t = target.storage;
  const s = source.storage;
  forEachRow(
    shape,
    target.strides,
    broadcastStrides(source.shape, source.strides, shape),
    target.strides.map(() => 0),
    target.offset, source.offset, 0,
    (it, is, _unused, n, st, ss) => {
      if (st === 1) kernel(t, it, 1, s, is, ss, t, it, n);
      else for (let i = 0; i < n; i++) kernel(t, it + i * st, 0, s, is + i * ss, 0, t, it + i * st, 1);
    },
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array (wrap it with tensor(...))";
  return value === null ? "null" : typeof value;
}
