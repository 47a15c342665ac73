// Primitives: 1-D and 2-D convolution (cross-correlation, as in PyTorch) with stride, zero padding and
// dilation, batched and multi-channel, groups = 1. A convolution is lowered to one matrix product over
// the column matrix (im2col), so the arithmetic runs in the GEMM; the kernel (src/core: the reference
// in reference-conv.ts, the WASM core by default) does the whole pipeline:
//
//   forward   cols = im2col(X)                   (C_in·KH·KW, N·OH·OW)
//             Y    = W · cols + b                (C_out, N·OH·OW), stored as (N, C_out, OH, OW)
//   backward  dW   = dY · colsᵀ                  (C_out, C_in·KH·KW)   — transB flag, no copy of cols
//             dX   = col2im(Wᵀ · dY)             (N, C_in, H, W)       — transA flag, no copy of W
//             db   = Σ_{n, y, x} dY              (C_out)
//
// The backward pass is computed directly with the kernel, not from recorded ops, so a convolution
// has first derivatives only (the engine runs backward with recording off anyway). The backward
// rebuilds cols from X (cheaper than keeping C_in·KH·KW·N·OH·OW elements per layer alive until then).

import { ownedGradient, record } from "../engine";
import { getKernel } from "../../core";
import { allocate, promote, type DType } from "../../tensor/dtype";
import { formatShape, sizeOf } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { cast } from "./views";
import { batchedShape, checkInt, outputSize, pairOf, type IntOrPair, type Window2d } from "./window";

export interface Conv1dOptions {
  /** Step of the window (default 1). */
  stride?: number;
  /** Zeros added at both ends of the signal (default 0). */
  padding?: number;
  /** Spacing between kernel taps (default 1). */
  dilation?: number;
}

export interface Conv2dOptions {
  /** Step of the window, one number or [h, w] (default 1). */
  stride?: IntOrPair;
  /** Zeros added on every side, one number or [h, w] (default 0). */
  padding?: IntOrPair;
  /** Spacing between kernel taps, one number or [h, w] (default 1). */
  dilation?: IntOrPair;
}

/**
 * 1-D convolution: x (N, C_in, L) or unbatched (C_in, L), weight (C_out, C_in, K), bias (C_out) →
 * (N, C_out, L_out) with L_out = ⌊(L + 2·padding − dilation·(K − 1) − 1) / stride⌋ + 1.
 * @example
 * const x = tensor([[[1, 2, 3, 4]]]);       // (N=1, C_in=1, L=4)
 * const w = tensor([[[1, 0, -1]]]);         // (C_out=1, C_in=1, K=3)
 * const y = conv1d(x, w, null, { padding: 1 });
 * expect(y.tolist()).toEqual([[[-2, -2, -2, 3]]]);
 */
export function conv1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv1dOptions = {}): Tensor {
  const op = "conv1d";
  const stride = checkInt(op, "stride", options.stride ?? 1, 1);
  const padding = checkInt(op, "padding", options.padding ?? 0, 0);
  const dilation = checkInt(op, "dilation", options.dilation ?? 1, 1);
  const { batched, unbatched } = batchedShape(op, x.shape, 1);
  if (weight.ndim !== 3) throw new RangeError(`${op}: expected a weight of shape (C_out, C_in, K), got ${formatShape(weight.shape)}`);
  const [n, c, length] = batched;
  const [cOut, , k] = weight.shape;
  checkOperands(op, x, weight, bias, c);
  const lOut = outputSize(op, "length", length, k, stride, padding, dilation);
  // A signal is a 1 × L image convolved with a 1 × K kernel.
  const g: Window2d = {
    n, c, h: 1, w: length, kh: 1, kw: k,
    strideH: 1, strideW: stride, padH: 0, padW: padding, dilationH: 1, dilationW: dilation,
    oh: 1, ow: lOut,
  };
  return convolution(op, x, weight, bias, g, unbatched ? [cOut, lOut] : [n, cOut, lOut]);
}

/**
 * 2-D convolution: x (N, C_in, H, W) or unbatched (C_in, H, W), weight (C_out, C_in, KH, KW),
 * bias (C_out) → (N, C_out, OH, OW), each output size as in conv1d.
 * @example
 * const x = arange(16).reshape(1, 1, 4, 4);    // (N=1, C_in=1, 4, 4)
 * const w = ones([2, 1, 2, 2]);                 // (C_out=2, C_in=1, 2, 2)
 * const y = conv2d(x, w, tensor([0, 100]), { stride: 2 });
 * expect(y.tolist()).toEqual([[[[10, 18], [42, 50]], [[110, 118], [142, 150]]]]);
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv2dOptions = {}): Tensor {
  const op = "conv2d";
  const [strideH, strideW] = pairOf(op, "stride", options.stride ?? 1, 1);
  const [padH, padW] = pairOf(op, "padding", options.padding ?? 0, 0);
  const [dilationH, dilationW] = pairOf(op, "dilation", options.dilation ?? 1, 1);
  const { batched, unbatched } = batchedShape(op, x.shape, 2);
  if (weight.ndim !== 4) throw new RangeError(`${op}: expected a weight of shape (C_out, C_in, KH, KW), got ${formatShape(weight.shape)}`);
  const [n, c, h, w] = batched;
  const [cOut, , kh, kw] = weight.shape;
  checkOperands(op, x, weight, bias, c);
  const oh = outputSize(op, "height", h, kh, strideH, padH, dilationH);
  const ow = outputSize(op, "width", w, kw, strideW, padW, dilationW);
  const g: Window2d = { n, c, h, w, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW, oh, ow };
  return convolution(op, x, weight, bias, g, unbatched ? [cOut, oh, ow] : [n, cOut, oh, ow]);
}

/** Channels agree, the kernel is not empty, and the bias has one entry per output channel. */
function checkOperands(op: string, x: Tensor, weight: Tensor, bias: Tensor | null, channels: number): void {
  const cIn = weight.shape[1];
  if (channels !== cIn) {
    throw new RangeError(
      `${op}: input has ${channels} channels but the weight expects ${cIn} (input ${formatShape(x.shape)}, weight ${formatShape(weight.shape)})`,
    );
  }
  if (weight.shape.slice(2).some((d) => d === 0)) throw new RangeError(`${op}: the weight ${formatShape(weight.shape)} has an empty kernel`);
  const cOut = weight.shape[0];
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== cOut)) {
    throw new RangeError(`${op}: bias has shape ${formatShape(bias.shape)} but the weight ${formatShape(weight.shape)} has ${cOut} output channels (expected [${cOut}])`);
  }
}

/** The shared forward and backward of conv1d and conv2d; the output has `outShape`, laid out (N, C_out, OH·OW). */
function convolution(op: string, x: Tensor, weight: Tensor, bias: Tensor | null, g: Window2d, outShape: number[]): Tensor {
  let dtype = promote(x.dtype, weight.dtype);
  if (bias !== null) dtype = promote(dtype, bias.dtype);
  const xs = as(x, dtype);
  const ws = as(weight, dtype);
  const bs = bias === null ? null : as(bias, dtype);
  const cOut = ws.shape[0];
  const xData = denseElements(xs); // (N, C_in, H, W), kept for dW
  const w = denseElements(ws); // (C_out, C_in·KH·KW), kept for dX
  const y = allocate(dtype, g.n * cOut * g.oh * g.ow); // (N, C_out, OH·OW)
  getKernel().convForward(g, cOut, xData, w, bs === null ? null : denseElements(bs), y);
  const out = new Tensor(y, outShape);

  const inputs = bs === null ? [xs, ws] : [xs, ws, bs];
  return record(out, op, inputs, (grad) => {
    const dy = denseElements(as(grad, dtype)); // (N, C_out, OH·OW)
    const dx = xs.requiresGrad ? allocate(dtype, sizeOf(xs.shape)) : null; // (N, C_in, H, W)
    const dw = ws.requiresGrad ? allocate(dtype, cOut * g.c * g.kh * g.kw) : null; // (C_out, C_in·KH·KW)
    const db = bs !== null && bs.requiresGrad ? allocate(dtype, cOut) : null; // (C_out)
    getKernel().convBackward(g, cOut, xData, w, dy, dx, dw, db);
    const grads = [dx === null ? null : ownedGradient(new Tensor(dx, xs.shape)), dw === null ? null : ownedGradient(new Tensor(dw, ws.shape))];
    if (bs !== null) grads.push(db === null ? null : ownedGradient(new Tensor(db, bs.shape)));
    return grads;
  });
}

function as(t: Tensor, dtype: DType): Tensor {
  return t.dtype === dtype ? t : cast(t, dtype);
}
