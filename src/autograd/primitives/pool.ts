// Primitives: max and average pooling over 1-D signals and 2-D images, each channel on its own.
// Plain loops: pooling does a handful of comparisons or additions per output, no products, so there
// is nothing for the GEMM kernel to do.
//
//   max  y = max over the window of x      backward: the whole gradient goes to the window's argmax
//                                          (the first one in row-major order on ties, as PyTorch's CPU
//                                          kernel; a NaN counts as the maximum, so NaN propagates)
//   avg  y = (1/D) Σ over the window of x  backward: each position of the window receives g/D
//
// Padding: the max ignores padded positions (it pads with −∞); the average counts them as zeros, so
// D = KH·KW (PyTorch's count_include_pad = true) unless countIncludePad is false, when D is the number
// of positions inside the input. Windows may overlap (stride < kernel): an input position then
// receives the sum of the gradients of every window it wins or belongs to.

import { record } from "../engine";
import { allocate } from "../../tensor/dtype";
import { sizeOf } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { batchedShape, checkInt, outputSize, pairOf, type IntOrPair, type Window2d } from "./window";

export interface Pool1dOptions {
  /** Step of the window (default: the kernel size, so windows tile the input). */
  stride?: number;
  /** Padding at both ends, at most half the kernel size (default 0). */
  padding?: number;
}

export interface Pool2dOptions {
  /** Step of the window, one number or [h, w] (default: the kernel size). */
  stride?: IntOrPair;
  /** Padding on every side, one number or [h, w], at most half the kernel size (default 0). */
  padding?: IntOrPair;
}

export interface AvgPoolOptions {
  /** Count padded zeros in the divisor (default true, as in PyTorch). */
  countIncludePad?: boolean;
}

/**
 * Max pooling over the last dimension: x (N, C, L) or (C, L) → (N, C, L_out).
 * @example
 * const y = maxPool1d(tensor([[[1, 5, 2, 2, 7, 0]]]), 2);   // windows [1 5] [2 2] [7 0]
 * expect(y.tolist()).toEqual([[[5, 2, 7]]]);
 */
export function maxPool1d(x: Tensor, kernelSize: number, options: Pool1dOptions = {}): Tensor {
  const { g, outShape } = window1d("maxPool1d", x, kernelSize, options);
  return maxPool("maxPool1d", x, g, outShape);
}

/**
 * Max pooling over the last two dimensions: x (N, C, H, W) or (C, H, W) → (N, C, OH, OW).
 * @example
 * const y = maxPool2d(arange(16).reshape(1, 1, 4, 4), 2);
 * expect(y.tolist()).toEqual([[[[5, 7], [13, 15]]]]);
 */
export function maxPool2d(x: Tensor, kernelSize: IntOrPair, options: Pool2dOptions = {}): Tensor {
  const { g, outShape } = window2d("maxPool2d", x, kernelSize, options);
  return maxPool("maxPool2d", x, g, outShape);
}

/**
 * Average pooling over the last dimension: x (N, C, L) or (C, L) → (N, C, L_out).
 * @example
 * const y = avgPool1d(tensor([[[1, 5, 2, 2, 7, 0]]]), 2);
 * expect(y.tolist()).toEqual([[[3, 2, 3.5]]]);
 */
export function avgPool1d(x: Tensor, kernelSize: number, options: Pool1dOptions & AvgPoolOptions = {}): Tensor {
  const { g, outShape } = window1d("avgPool1d", x, kernelSize, options);
  return avgPool("avgPool1d", x, g, outShape, options.countIncludePad ?? true);
}

/**
 * Average pooling over the last two dimensions: x (N, C, H, W) or (C, H, W) → (N, C, OH, OW).
 * @example
 * const y = avgPool2d(arange(16).reshape(1, 1, 4, 4), 2);
 * expect(y.tolist()).toEqual([[[[2.5, 4.5], [10.5, 12.5]]]]);
 */
export function avgPool2d(x: Tensor, kernelSize: IntOrPair, options: Pool2dOptions & AvgPoolOptions = {}): Tensor {
  const { g, outShape } = window2d("avgPool2d", x, kernelSize, options);
  return avgPool("avgPool2d", x, g, outShape, options.countIncludePad ?? true);
}

function window1d(op: string, x: Tensor, kernelSize: number, options: Pool1dOptions): { g: Window2d; outShape: number[] } {
  const k = checkInt(op, "kernelSize", kernelSize, 1);
  const stride = checkInt(op, "stride", options.stride ?? k, 1);
  const padding = checkPadding(op, checkInt(op, "padding", options.padding ?? 0, 0), k);
  const { batched, unbatched } = batchedShape(op, x.shape, 1);
  const [n, c, length] = batched;
  const lOut = outputSize(op, "length", length, k, stride, padding, 1);
  const g: Window2d = { n, c, h: 1, w: length, kh: 1, kw: k, strideH: 1, strideW: stride, padH: 0, padW: padding, dilationH: 1, dilationW: 1, oh: 1, ow: lOut };
  return { g, outShape: unbatched ? [c, lOut] : [n, c, lOut] };
}

function window2d(op: string, x: Tensor, kernelSize: IntOrPair, options: Pool2dOptions): { g: Window2d; outShape: number[] } {
  const [kh, kw] = pairOf(op, "kernelSize", kernelSize, 1);
  const [strideH, strideW] = pairOf(op, "stride", options.stride ?? [kh, kw], 1);
  const [padH, padW] = pairOf(op, "padding", options.padding ?? 0, 0);
  checkPadding(op, padH, kh);
  checkPadding(op, padW, kw);
  const { batched, unbatched } = batchedShape(op, x.shape, 2);
  const [n, c, h, w] = batched;
  const oh = outputSize(op, "height", h, kh, strideH, padH, 1);
  const ow = outputSize(op, "width", w, kw, strideW, padW, 1);
  const g: Window2d = { n, c, h, w, kh, kw, strideH, strideW, padH, padW, dilationH: 1, dilationW: 1, oh, ow };
  return { g, outShape: unbatched ? [c, oh, ow] : [n, c, oh, ow] };
}

/** PyTorch's rule: a window must always overlap the input, so padding ≤ ⌊kernel / 2⌋. */
function checkPadding(op: string, padding: number, kernel: number): number {
  if (2 * padding > kernel) throw new RangeError(`${op}: padding ${padding} is more than half the kernel size ${kernel}`);
  return padding;
}

/**
 * Calls visit(o, start, i0, i1, j0, j1) for every output o of every (sample, channel) plane, with the
 * window clipped to the input: rows i0 ≤ i < i1 and columns j0 ≤ j < j1 of the plane starting at `start`.
 */
function forEachWindow(g: Window2d, visit: (o: number, start: number, i0: number, i1: number, j0: number, j1: number) => void): void {
  const planes = g.n * g.c;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const start = p * g.h * g.w;
    for (let y = 0; y < g.oh; y++) {
      const top = y * g.strideH - g.padH;
      const i0 = Math.max(top, 0);
      const i1 = Math.min(top + g.kh, g.h);
      for (let x = 0; x < g.ow; x++) {
        const left = x * g.strideW - g.padW;
        visit(o++, start, i0, i1, Math.max(left, 0), Math.min(left + g.kw, g.w));
      }
    }
  }
}

function maxPool(op: string, x: Tensor, g: Window2d, outShape: number[]): Tensor {
  const src = denseElements(x); // (N, C, H, W)
  const y = allocate(x.dtype, sizeOf(outShape)); // (N, C, OH, OW)
  const argmax = new Int32Array(y.length); // index into src of each output's maximum
  forEachWindow(g, (o, start, i0, i1, j0, j1) => {
    let best = src[start + i0 * g.w + j0];
    let at = start + i0 * g.w + j0;
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        const v = src[start + i * g.w + j];
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          at = start + i * g.w + j;
        }
      }
    }
    y[o] = best;
    argmax[o] = at;
  });
  const out = new Tensor(y, outShape);
  return record(out, op, [x], (grad) => {
    const dy = denseElements(grad); // (N, C, OH, OW)
    const dx = allocate(x.dtype, src.length); // (N, C, H, W)
    for (let o = 0; o < dy.length; o++) dx[argmax[o]] += dy[o];
    return [new Tensor(dx, x.shape)];
  });
}

function avgPool(op: string, x: Tensor, g: Window2d, outShape: number[], countIncludePad: boolean): Tensor {
  const src = denseElements(x); // (N, C, H, W)
  const y = allocate(x.dtype, sizeOf(outShape)); // (N, C, OH, OW)
  const divisor = (i0: number, i1: number, j0: number, j1: number) => (countIncludePad ? g.kh * g.kw : (i1 - i0) * (j1 - j0));
  forEachWindow(g, (o, start, i0, i1, j0, j1) => {
    let acc = 0;
    for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) acc += src[start + i * g.w + j];
    y[o] = acc / divisor(i0, i1, j0, j1);
  });
  const out = new Tensor(y, outShape);
  return record(out, op, [x], (grad) => {
    const dy = denseElements(grad); // (N, C, OH, OW)
    const dx = allocate(x.dtype, src.length); // (N, C, H, W)
    forEachWindow(g, (o, start, i0, i1, j0, j1) => {
      const share = dy[o] / divisor(i0, i1, j0, j1);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) dx[start + i * g.w + j] += share;
    });
    return [new Tensor(dx, x.shape)];
  });
}
