// im2col ("unfold") and its adjoint col2im ("fold"): the data movement that turns a convolution into
// one matrix product, so it runs in the GEMM kernel (WASM SIMD) instead of in six nested loops.
//
// cols is (C·KH·KW, N·OH·OW), row-major: row r = (c, i, j) is one weight position (channel c, kernel
// row i, kernel column j); column q = (b, y, x) is one output position (sample b, output row y,
// output column x). Entry (r, q) is the input pixel that weight position r multiplies when producing
// output q, or 0 where the window hangs over the zero padding:
//   cols[(c, i, j), (b, y, x)] = input[b, c, y·strideH − padH + i·dilationH, x·strideW − padW + j·dilationW]
// Then Y (C_out, N·OH·OW) = W (C_out, C·KH·KW) · cols. Putting the whole batch in one matrix makes
// one large GEMM instead of N small ones (MNIST-1D's layers are 25 × 125 per sample — too small to
// amortise a kernel call).
//
// Both functions walk the same loops in the same order; the innermost loop runs along an input row
// with step strideW, so reads (im2col) and writes (col2im) stay within one row of the image.
// Measured (test/bench/conv.ts): copying the geometry into locals and zeroing with plain loops
// instead of TypedArray.fill (a call per row of 4–32 elements) made im2col 2–3× faster.

import type { FloatArray } from "../../core/kernel";
import type { Window2d } from "./window";

/** Fills cols (C·KH·KW, N·OH·OW) from the dense input (N, C, H, W); every entry is written. */
export function im2col(input: FloatArray, g: Window2d, cols: FloatArray): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW, oh, ow } = g;
  const positions = oh * ow; // OH·OW, output positions per sample
  const columns = n * positions; // N·OH·OW
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = ((ch * kh + i) * kw + j) * columns;
        const shift = j * dilationW - padW; // input column read by output column 0
        const x0 = firstInside(shift, strideW, ow);
        const x1 = endInside(shift, strideW, w, ow, x0);
        for (let b = 0; b < n; b++) {
          const image = (b * c + ch) * h * w; // start of input[b, ch]
          for (let y = 0; y < oh; y++) {
            const iy = y * strideH - padH + i * dilationH;
            const dst = row + b * positions + y * ow; // cols[(ch, i, j), (b, y, 0)]
            if (iy < 0 || iy >= h) {
              for (let x = 0; x < ow; x++) cols[dst + x] = 0;
              continue;
            }
            const src = image + iy * w + shift; // output column x reads input[b, ch, iy, shift + x·strideW]
            for (let x = 0; x < x0; x++) cols[dst + x] = 0;
            for (let x = x0; x < x1; x++) cols[dst + x] = input[src + x * strideW];
            for (let x = x1; x < ow; x++) cols[dst + x] = 0;
          }
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: adds every entry of cols (C·KH·KW, N·OH·OW) into the input pixel it was
 * copied from, so dX = col2im(dcols). Entries over the padding are dropped. dx (N, C, H, W) must be
 * zero on entry; a pixel covered by several windows (stride < kernel) receives the sum.
 */
export function col2im(cols: FloatArray, g: Window2d, dx: FloatArray): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW, oh, ow } = g;
  const positions = oh * ow;
  const columns = n * positions;
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = ((ch * kh + i) * kw + j) * columns;
        const shift = j * dilationW - padW;
        const x0 = firstInside(shift, strideW, ow);
        const x1 = endInside(shift, strideW, w, ow, x0);
        for (let b = 0; b < n; b++) {
          const image = (b * c + ch) * h * w;
          for (let y = 0; y < oh; y++) {
            const iy = y * strideH - padH + i * dilationH;
            if (iy < 0 || iy >= h) continue;
            const src = row + b * positions + y * ow;
            const dst = image + iy * w + shift;
            for (let x = x0; x < x1; x++) dx[dst + x * strideW] += cols[src + x];
          }
        }
      }
    }
  }
}

// The output columns [x0, x1) whose input column shift + x·stride lies inside [0, width): computing
// them once per kernel column keeps the innermost loops free of bounds tests.

/** The first output column x with shift + x·stride ≥ 0. */
function firstInside(shift: number, stride: number, outWidth: number): number {
  return Math.min(outWidth, Math.max(0, Math.ceil(-shift / stride)));
}

/** One past the last output column x with shift + x·stride ≤ width − 1 (at least x0). */
function endInside(shift: number, stride: number, width: number, outWidth: number, x0: number): number {
  return Math.max(x0, Math.min(outWidth, Math.floor((width - 1 - shift) / stride) + 1));
}
