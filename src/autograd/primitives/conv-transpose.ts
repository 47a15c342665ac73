// Primitives: 1-D and 2-D transposed convolution (PyTorch's conv_transpose1d/2d, groups = 1), the
// up-sampling layer of UDL §10.4.2. It is the adjoint of conv1d/conv2d with the same kernel, stride,
// padding and dilation: where a convolution gathers a window of its input into one output, the
// transposed convolution spreads each input value over a window of its output, so stride s multiplies
// the size by about s. Its weight matrix is the transpose Ωᵀ of the convolution's banded matrix Ω.
//
// So it needs no kernel of its own: its forward pass is the convolution's input-gradient product and
// its backward pass the convolution's forward and weight-gradient products, the same Kernel calls
// (convForward / convBackward) with input and output exchanged. With `conv` the convolution that maps
// this op's output (N, C_out, OH, OW) back to its input (N, C_in, H, W):
//
//   forward   y  = col2im(Wᵀ · x)         conv's dx for the output gradient x        (N, C_out, OH, OW)
//   backward  dx = W · im2col(dy)          conv's forward of dy                       (N, C_in, H, W)
//             dW = x · im2col(dy)ᵀ         conv's dw with input dy and gradient x     (C_in, C_out, KH, KW)
//             db = Σ over batch and positions of dy                                  (C_out)
//
// The weight has PyTorch's layout (C_in, C_out, KH, KW), which is exactly the layout of the weight of
// `conv` (it maps C_out channels to C_in). Output size per axis (PyTorch's formula):
//   OH = (H − 1)·stride − 2·padding + dilation·(KH − 1) + outputPadding + 1,   0 ≤ outputPadding < stride,
// where outputPadding picks among the stride sizes that `conv` maps back to H.

import { record } from "../engine";
import { getKernel } from "../../core";
import type { FloatArray } from "../../core/kernel";
import { allocate, promote, type DType } from "../../tensor/dtype";
import { formatShape, sizeOf } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { cast } from "./views";
import { batchedShape, checkInt, pairOf, type IntOrPair, type Window2d } from "./window";

export interface ConvTranspose1dOptions {
  /** Up-sampling step: the window moves this far in the output per input sample (default 1). */
  stride?: number;
  /** Removed from both ends of the output, as the convolution it inverts would pad (default 0). */
  padding?: number;
  /** Extra samples at the end of the output, 0 ≤ outputPadding < stride (default 0). */
  outputPadding?: number;
  /** Spacing between kernel taps (default 1). */
  dilation?: number;
}

export interface ConvTranspose2dOptions {
  stride?: IntOrPair;
  padding?: IntOrPair;
  /** Extra rows and columns at the bottom and right, each below the stride (default 0). */
  outputPadding?: IntOrPair;
  dilation?: IntOrPair;
}

/**
 * 1-D transposed convolution: x (N, C_in, L) or (C_in, L), weight (C_in, C_out, K), bias (C_out) →
 * (N, C_out, L_out), L_out = (L − 1)·stride − 2·padding + dilation·(K − 1) + outputPadding + 1.
 * @example
 * const x = tensor([[[1, 2, 3]]]);                             // (N=1, C_in=1, L=3)
 * const y = convTranspose1d(x, tensor([[[1, 1]]]), null, { stride: 2 });
 * expect(y.tolist()).toEqual([[[1, 1, 2, 2, 3, 3]]]);          // each sample spread over 2 outputs
 */
export function convTranspose1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTranspose1dOptions = {}): Tensor {
  const op = "convTranspose1d";
  const stride = checkInt(op, "stride", options.stride ?? 1, 1);
  const padding = checkInt(op, "padding", options.padding ?? 0, 0);
  const outputPadding = checkInt(op, "outputPadding", options.outputPadding ?? 0, 0);
  const dilation = checkInt(op, "dilation", options.dilation ?? 1, 1);
  const { batched, unbatched } = batchedShape(op, x.shape, 1);
  if (weight.ndim !== 3) throw new RangeError(`${op}: expected a weight of shape (C_in, C_out, K), got ${formatShape(weight.shape)}`);
  const [n, c, length] = batched;
  const [, cOut, k] = weight.shape;
  checkOperands(op, x, weight, bias, c);
  const lOut = transposedSize(op, "length", length, k, stride, padding, outputPadding, dilation);
  // The convolution lOut → length, as a 1 × lOut image with a 1 × K window.
  const g: Window2d = {
    n, c: cOut, h: 1, w: lOut, kh: 1, kw: k,
    strideH: 1, strideW: stride, padH: 0, padW: padding, dilationH: 1, dilationW: dilation,
    oh: 1, ow: length,
  };
  return transposed(op, x, weight, bias, g, unbatched ? [cOut, lOut] : [n, cOut, lOut]);
}

/**
 * 2-D transposed convolution: x (N, C_in, H, W) or (C_in, H, W), weight (C_in, C_out, KH, KW),
 * bias (C_out) → (N, C_out, OH, OW), each output size as in convTranspose1d.
 * @example
 * const x = tensor([[[[1, 2], [3, 4]]]]);                      // (N=1, C_in=1, 2, 2)
 * const y = convTranspose2d(x, ones([1, 1, 2, 2]), null, { stride: 2 });   // nearest-neighbour up-sampling
 * expect(y.tolist()).toEqual([[[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]]);
 */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTranspose2dOptions = {}): Tensor {
  const op = "convTranspose2d";
  const [strideH, strideW] = pairOf(op, "stride", options.stride ?? 1, 1);
  const [padH, padW] = pairOf(op, "padding", options.padding ?? 0, 0);
  const [outPadH, outPadW] = pairOf(op, "outputPadding", options.outputPadding ?? 0, 0);
  const [dilationH, dilationW] = pairOf(op, "dilation", options.dilation ?? 1, 1);
  const { batched, unbatched } = batchedShape(op, x.shape, 2);
  if (weight.ndim !== 4) throw new RangeError(`${op}: expected a weight of shape (C_in, C_out, KH, KW), got ${formatShape(weight.shape)}`);
  const [n, c, h, w] = batched;
  const [, cOut, kh, kw] = weight.shape;
  checkOperands(op, x, weight, bias, c);
  const oh = transposedSize(op, "height", h, kh, strideH, padH, outPadH, dilationH);
  const ow = transposedSize(op, "width", w, kw, strideW, padW, outPadW, dilationW);
  const g: Window2d = { n, c: cOut, h: oh, w: ow, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW, oh: h, ow: w };
  return transposed(op, x, weight, bias, g, unbatched ? [cOut, oh, ow] : [n, cOut, oh, ow]);
}

/** (size − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1, checked to be positive. */
function transposedSize(op: string, dimension: string, size: number, kernel: number, stride: number, padding: number, outputPadding: number, dilation: number): number {
  if (outputPadding >= stride) throw new RangeError(`${op}: outputPadding ${outputPadding} must be smaller than the stride ${stride}`);
  const out = (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
  if (out <= 0) {
    throw new RangeError(`${op}: the output ${dimension} would be ${out} for input ${dimension} ${size}, kernel ${kernel}, stride ${stride}, padding ${padding}, dilation ${dilation}`);
  }
  return out;
}

/** Channels agree, the kernel is not empty, and the bias has one entry per output channel. */
function checkOperands(op: string, x: Tensor, weight: Tensor, bias: Tensor | null, channels: number): void {
  if (channels !== weight.shape[0]) {
    throw new RangeError(`${op}: input has ${channels} channels but the weight ${formatShape(weight.shape)} expects ${weight.shape[0]} (input ${formatShape(x.shape)})`);
  }
  if (weight.shape.slice(1).some((d) => d === 0)) throw new RangeError(`${op}: the weight ${formatShape(weight.shape)} is empty`);
  const cOut = weight.shape[1];
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== cOut)) {
    throw new RangeError(`${op}: bias has shape ${formatShape(bias.shape)} but the weight ${formatShape(weight.shape)} has ${cOut} output channels (expected [${cOut}])`);
  }
}

/**
 * The shared forward and backward; g is the geometry of the convolution from this op's output (its
 * input image, C_out channels) to this op's input (its output, C_in channels).
 */
function transposed(op: string, x: Tensor, weight: Tensor, bias: Tensor | null, g: Window2d, outShape: number[]): Tensor {
  let dtype = promote(x.dtype, weight.dtype);
  if (bias !== null) dtype = promote(dtype, bias.dtype);
  const xs = as(x, dtype);
  const ws = as(weight, dtype);
  const bs = bias === null ? null : as(bias, dtype);
  const cIn = ws.shape[0]; // the convolution's C_out
  const xData = denseElements(xs); // (N, C_in, H·W): the convolution's output gradient
  const w = denseElements(ws); // (C_in, C_out·KH·KW)
  const y = allocate(dtype, sizeOf(outShape)); // (N, C_out, OH, OW)
  // convBackward reads its x argument only for dw; with dw null the output buffer stands in for it.
  getKernel().convBackward(g, cIn, y, w, xData, y, null, null);
  if (bs !== null) addBias(y, denseElements(bs), g.n, g.c, g.h * g.w);
  const out = new Tensor(y, outShape);

  const inputs = bs === null ? [xs, ws] : [xs, ws, bs];
  return record(out, op, inputs, (grad) => {
    const dy = denseElements(as(grad, dtype)); // (N, C_out, OH·OW): the convolution's input
    const kernel = getKernel();
    let dx: Tensor | null = null;
    if (xs.requiresGrad) {
      const dxData = allocate(dtype, sizeOf(xs.shape)); // (N, C_in, H, W) = conv(dy)
      kernel.convForward(g, cIn, dy, w, null, dxData);
      dx = new Tensor(dxData, xs.shape);
    }
    let dw: Tensor | null = null;
    if (ws.requiresGrad) {
      const dwData = allocate(dtype, sizeOf(ws.shape)); // (C_in, C_out·KH·KW) = x · im2col(dy)ᵀ
      kernel.convBackward(g, cIn, dy, w, xData, null, dwData, null);
      dw = new Tensor(dwData, ws.shape);
    }
    const grads = [dx, dw];
    if (bs !== null) grads.push(bs.requiresGrad ? new Tensor(channelSums(dy, g.n, g.c, g.h * g.w, dtype), bs.shape) : null);
    return grads;
  });
}

function as(t: Tensor, dtype: DType): Tensor {
  return t.dtype === dtype ? t : cast(t, dtype);
}

/** y[b, o, p] += bias[o] for y (N, C, P). */
function addBias(y: FloatArray, bias: FloatArray, n: number, channels: number, positions: number): void {
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < channels; o++) {
      const start = (b * channels + o) * positions;
      for (let p = 0; p < positions; p++) y[start + p] += bias[o];
    }
  }
}

/** db[o] = Σ over b and p of dy[b, o, p], dy (N, C, P). */
function channelSums(dy: FloatArray, n: number, channels: number, positions: number, dtype: DType): FloatArray {
  const db = allocate(dtype, channels);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < channels; o++) {
      const start = (b * channels + o) * positions;
      let acc = 0;
      for (let p = 0; p < positions; p++) acc += dy[start + p];
      db[o] += acc;
    }
  }
  return db;
}
