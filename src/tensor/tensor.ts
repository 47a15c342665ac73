// Tensor: a strided view (shape, strides, offset) on a flat Float64Array or Float32Array, its
// storage, plus the autograd fields. Views (view, transpose, permute, expand, slice, and reshape when
// the strides allow) share storage; view never copies, so an in-place write through it is never lost;
// every op returns a new tensor and never writes into its inputs, except the explicit in-place
// methods with a trailing underscore (add_, mul_, zero_, copy_), meant for optimizer updates.
// The methods are thin: each one forwards to a primitive in src/autograd/primitives or to a
// composed op in src/autograd/composed.ts, where the maths lives.

import { inspect } from "node:util";
import type { FloatArray } from "../core/kernel";
import { runBackward, type Node } from "../autograd/engine";
import * as ops from "../autograd/ops";
import { allocate, dtypeOf, type DType } from "./dtype";
import { contiguousStrides, formatShape, normalizeDim, sizeOf, type Shape } from "./shape";
import { forEachRow } from "./iterate";
import { formatTensor } from "./format";

/** A tensor, or a plain number standing for a 0-d tensor of the other operand's dtype. */
export type TensorLike = Tensor | number;

/**
 * An n-dimensional array of float64 (default) or float32 with reverse-mode autograd: a strided view of a storage, PyTorch's methods in camelCase.
 * @example
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * const y = x.square().sum();                  // 1 + 4 + 9
 * expect(y.item()).toBe(14);
 * y.backward();
 * expect(x.grad!.tolist()).toEqual([2, 4, 6]); // d(Σx²)/dx = 2x
 */
export class Tensor {
  /**
   * The flat storage this tensor reads, shared with every view of it: for a view the whole buffer
   * of its base, for a small tensor a slice of a shared slab. Element (i, j, …) is at
   * storage[offset + i·strides[0] + j·strides[1] + …]. For the elements themselves use toArray()
   * (a dense copy) or tolist(); for a tensor without gradient history, detach().
   */
  readonly storage: FloatArray;
  /** Index in `storage` of the first element. */
  readonly offset: number;
  /** Storage steps between neighbours along each dimension (0 along an expanded dimension). */
  readonly strides: readonly number[];
  readonly shape: readonly number[];
  /** Whether gradients flow to this tensor. Set it on leaves (parameters); ops set it on their outputs. */
  requiresGrad = false;
  /** Accumulated gradient of a leaf (or of a tensor that called retainGrad()) after backward(). */
  grad: Tensor | null = null;
  /** The op that produced this tensor, when it was recorded for autograd; null for leaves. */
  node: Node | null = null;
  retainsGrad = false;

  constructor(storage: FloatArray, shape: Shape, strides?: readonly number[], offset = 0) {
    this.storage = storage;
    this.shape = shape.slice();
    this.strides = strides ? strides.slice() : contiguousStrides(shape);
    this.offset = offset;
  }

  get dtype(): DType {
    return dtypeOf(this.storage);
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return sizeOf(this.shape);
  }

  /**
   * PyTorch's size(): the shape, or the length of dimension `dim` (negative dims count from the end).
   * @example
   * const x = zeros([2, 3]);
   * expect(x.size()).toEqual([2, 3]);
   * expect(x.size(-1)).toBe(3);
   */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    return dim === undefined ? this.shape.slice() : this.shape[normalizeDim(dim, this.ndim, "size")];
  }

  get isLeaf(): boolean {
    return this.node === null;
  }

  /** True when the elements are stored densely in row-major order (from `offset`). */
  isContiguous(): boolean {
    let expected = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      if (this.shape[d] !== 1 && this.strides[d] !== expected) return false;
      expected *= this.shape[d];
    }
    return true;
  }

  // ---- autograd -------------------------------------------------------------------------------

  /**
   * Backpropagates from this tensor. A scalar output needs no argument (its gradient is 1); any other
   * output needs the gradient of the final quantity with respect to it, of the same shape.
   */
  backward(gradient?: TensorLike): void {
    if (!this.requiresGrad) {
      throw new Error("backward(): this tensor does not require a gradient (no input had requiresGrad: true, or it was computed under noGrad)");
    }
    let g: Tensor;
    if (gradient === undefined) {
      if (this.numel() !== 1) {
        throw new Error(`backward(): the output has shape ${formatShape(this.shape)}; pass the gradient of the loss with respect to it (only a scalar output can use the implicit gradient 1)`);
      }
      g = ops.fullLike(this, 1);
    } else {
      g = typeof gradient === "number" ? ops.fullLike(this, gradient) : gradient;
      if (g.numel() !== this.numel() || g.ndim !== this.ndim || g.shape.some((d, i) => d !== this.shape[i])) {
        throw new Error(`backward(): the gradient has shape ${formatShape(g.shape)} but the output has shape ${formatShape(this.shape)}`);
      }
      if (g.dtype !== this.dtype) g = g.to(this.dtype);
    }
    runBackward(this, g);
  }

  /**
   * Adds `g` into `.grad`. On first use `.grad` becomes a private dense copy of g, so no two tensors
   * share a grad buffer — or g itself when `owned` says nothing else refers to it (see
   * ownedGradient in src/autograd/engine.ts) and it is already dense in this tensor's dtype.
   */
  accumulateGrad(g: Tensor, owned = false): void {
    if (this.grad !== null) this.grad.add_(g);
    else if (owned && g.dtype === this.dtype && g.offset === 0 && g.storage.length === g.numel() && g.isContiguous()) this.grad = g;
    else this.grad = g.dtype === this.dtype ? g.clone() : g.to(this.dtype).clone();
  }

  /** Keeps `.grad` for this non-leaf tensor after backward(), like PyTorch's retain_grad(). */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  /** Sets `.grad` to null. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** Switches gradient tracking of a leaf on or off, in place. */
  requiresGrad_(flag = true): this {
    if (this.node !== null && !flag) {
      throw new Error("requiresGrad_(false): this tensor was computed by an op; use detach() to get a tensor without gradient history");
    }
    this.requiresGrad = flag;
    return this;
  }

  /** A tensor sharing this one's storage, cut off from the autograd graph. */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset);
  }

  // ---- elementwise ----------------------------------------------------------------------------
  add(other: TensorLike): Tensor { return ops.add(this, other); }
  sub(other: TensorLike): Tensor { return ops.sub(this, other); }
  mul(other: TensorLike): Tensor { return ops.mul(this, other); }
  div(other: TensorLike): Tensor { return ops.div(this, other); }
  pow(exponent: TensorLike): Tensor { return ops.pow(this, exponent); }
  maximum(other: TensorLike): Tensor { return ops.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return ops.minimum(this, other); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  /** eˣ − 1, accurate for tiny x. */
  expm1(): Tensor { return ops.expm1(this); }
  log(): Tensor { return ops.log(this); }
  /** ln(1 + x), accurate for tiny x. */
  log1p(): Tensor { return ops.log1p(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  square(): Tensor { return ops.square(this); }
  abs(): Tensor { return ops.abs(this); }
  sin(): Tensor { return ops.sin(this); }
  cos(): Tensor { return ops.cos(this); }
  tanh(): Tensor { return ops.tanh(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  erf(): Tensor { return ops.erf(this); }
  /** 1 − erf x, accurate where it is tiny. */
  erfc(): Tensor { return ops.erfc(this); }
  relu(): Tensor { return ops.relu(this); }
  clamp(min?: number, max?: number): Tensor { return ops.clamp(this, min, max); }
  eq(other: TensorLike): Tensor { return ops.eq(this, other); }
  ne(other: TensorLike): Tensor { return ops.ne(this, other); }
  lt(other: TensorLike): Tensor { return ops.lt(this, other); }
  le(other: TensorLike): Tensor { return ops.le(this, other); }
  gt(other: TensorLike): Tensor { return ops.gt(this, other); }
  ge(other: TensorLike): Tensor { return ops.ge(this, other); }

  // ---- reductions -----------------------------------------------------------------------------
  sum(dim?: number | number[], keepdim = false): Tensor { return ops.sum(this, dim, keepdim); }
  mean(dim?: number | number[], keepdim = false): Tensor { return ops.mean(this, dim, keepdim); }
  max(dim?: number | number[], keepdim = false): Tensor { return ops.max(this, dim, keepdim); }
  min(dim?: number | number[], keepdim = false): Tensor { return ops.min(this, dim, keepdim); }
  argmax(dim?: number, keepdim = false): Tensor { return ops.argmax(this, dim, keepdim); }
  argmin(dim?: number, keepdim = false): Tensor { return ops.argmin(this, dim, keepdim); }
  var(dim?: number | number[], keepdim = false, options?: { correction?: number }): Tensor { return ops.variance(this, dim, keepdim, options); }
  std(dim?: number | number[], keepdim = false, options?: { correction?: number }): Tensor { return ops.std(this, dim, keepdim, options); }
  logsumexp(dim?: number | number[], keepdim = false): Tensor { return ops.logsumexp(this, dim, keepdim); }
  softmax(dim = -1): Tensor { return ops.softmax(this, dim); }
  logSoftmax(dim = -1): Tensor { return ops.logSoftmax(this, dim); }

  // ---- linear algebra -------------------------------------------------------------------------
  matmul(other: Tensor): Tensor { return ops.matmul(this, other); }

  // ---- shape and views ------------------------------------------------------------------------
  /** The same elements in a new shape (one entry may be −1): a view when the strides allow it, else a copy. */
  reshape(...shape: number[] | [number[]]): Tensor { return ops.reshape(this, flatShape(shape)); }
  /**
   * The same storage in a new shape, never a copy: in-place writes through it reach this tensor.
   * Throws when the strides do not allow it (e.g. after a transpose); then use reshape() or contiguous().view().
   * @example
   * const a = zeros([2, 3]);
   * a.view(6).fill_(1);
   * expect(a.tolist()).toEqual([[1, 1, 1], [1, 1, 1]]);
   * expect(() => a.T.view(6)).toThrow(/use \.reshape/);
   */
  view(...shape: number[] | [number[]]): Tensor { return ops.view(this, flatShape(shape)); }
  flatten(startDim = 0, endDim = -1): Tensor { return ops.flatten(this, startDim, endDim); }
  squeeze(dim?: number): Tensor { return ops.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return ops.unsqueeze(this, dim); }
  permute(...dims: number[] | [number[]]): Tensor { return ops.permute(this, flatShape(dims)); }
  transpose(dim0 = -2, dim1 = -1): Tensor { return ops.transpose(this, dim0, dim1); }
  /** The transpose of a 2-D tensor (all dimensions reversed in general), a view. */
  get T(): Tensor { return ops.permute(this, this.shape.map((_, d) => this.ndim - 1 - d)); }
  expand(...shape: number[] | [number[]]): Tensor { return ops.expand(this, flatShape(shape)); }
  /** Elements start, start+step, … < end along `dim` (negative indices count from the end), a view. */
  slice(dim: number, start: number, end?: number, step = 1): Tensor { return ops.slice(this, dim, start, end, step); }
  /** The sub-tensor at `index` along `dim`, with that dimension removed, a view. */
  select(dim: number, index: number): Tensor { return ops.select(this, dim, index); }
  /** This tensor when its elements are dense and row-major in storage, otherwise a dense copy. */
  contiguous(): Tensor { return this.isContiguous() ? this : ops.copy(this); }
  /** A differentiable copy with its own dense storage. */
  clone(): Tensor { return ops.copy(this); }
  /** Converts to another dtype (differentiable; a no-op when the dtype already matches). */
  to(dtype: DType): Tensor { return dtype === this.dtype ? this : ops.cast(this, dtype); }
  float(): Tensor { return this.to("float32"); }
  double(): Tensor { return this.to("float64"); }

  // ---- in place (never recorded by autograd) --------------------------------------------------
  /** this += alpha · other (other broadcast to this shape). */
  add_(other: TensorLike, alpha = 1): this { ops.addInPlace(this, other, alpha); return this; }
  /** this *= factor */
  mul_(factor: number): this { ops.scaleInPlace(this, factor); return this; }
  zero_(): this { ops.fillInPlace(this, 0); return this; }
  fill_(value: number): this { ops.fillInPlace(this, value); return this; }
  /** Copies `source` (broadcast to this shape) into this tensor's elements. */
  copy_(source: Tensor): this { ops.copyInPlace(this, source); return this; }

  // ---- reading out ----------------------------------------------------------------------------
  /**
   * The elements in row-major order as a new dense typed array of this dtype (Float64Array or
   * Float32Array), a copy: writing into it changes nothing here.
   * @example
   * const t = tensor([[1, 2], [3, 4]]).T;
   * expect(Array.from(t.toArray())).toEqual([1, 3, 2, 4]);
   */
  toArray(): FloatArray {
    const n = this.numel();
    return this.isContiguous() ? this.storage.slice(this.offset, this.offset + n) : denseElements(this);
  }

  /** Nested arrays of numbers (a number for a 0-d tensor), like PyTorch's tolist(). */
  tolist(): NestedArray {
    const flat = denseElements(this);
    const build = (dim: number, start: number): NestedArray => {
      if (dim === this.ndim) return flat[start];
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, start + i * stride));
    };
    return build(0, 0);
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.numel() !== 1) {
      throw new Error(`item(): only a tensor with one element has an item; this one has shape ${formatShape(this.shape)} (${this.numel()} elements)`);
    }
    return this.storage[this.offset];
  }

  toString(): string {
    return formatTensor(this);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

export type NestedArray = number | NestedArray[];

/**
 * The elements of `t` in row-major order as a dense typed array, without a copy when `t` is
 * contiguous (then it is the storage itself or a subarray of it), otherwise a fresh copy. For kernels
 * that only read: never write into the result and do not keep it past an in-place update of `t`.
 * Library users call t.toArray(), which always copies.
 */
export function denseElements(t: Tensor): FloatArray {
  const n = t.numel();
  if (t.isContiguous()) {
    return t.offset === 0 && t.storage.length === n ? t.storage : t.storage.subarray(t.offset, t.offset + n);
  }
  const out = allocate(t.dtype, n);
  const src = t.storage;
  const zeros = t.strides.map(() => 0);
  let k = 0;
  forEachRow(t.shape, t.strides, zeros, zeros, t.offset, 0, 0, (o, _1, _2, count, step) => {
    for (let i = 0; i < count; i++) out[k++] = src[o + i * step];
  });
  return out;
}

function flatShape(args: number[] | [number[]]): number[] {
  return Array.isArray(args[0]) ? args[0] : (args as number[]);
}
