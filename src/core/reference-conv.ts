// The reference convolution kernels: im2col ("unfold"), its adjoint col2im ("fold"), and the
// convolution's forward and backward products built from them and the reference GEMM. Plain loops,
// obviously correct; the WASM core (./assembly/im2col.ts, ./wasm.ts) must match them.
//
// A convolution becomes one matrix product over the column matrix
//   cols (C·KH·KW, N·OH·OW), row-major: row r = (c, i, j) is one weight position (channel c, kernel
//   row i, kernel column j); column q = (b, y, x) is one output position (sample b, output row y,
//   output column x). Entry (r, q) is the input pixel that weight position r multiplies when producing
//   output q, or 0 where the window hangs over the zero padding:
//   cols[(c, i, j), (b, y, x)] = input[b, c, y·strideH − padH + i·dilationH, x·strideW − padW + j·dilationW]
//
//   forward   Yt (C_out, N·P) = W (C_out, C·KH·KW) · cols,   y (N, C_out, P) = Yt + bias   (P = OH·OW)
//   backward  dYt (C_out, N·P) from dy (N, C_out, P)
//             dW = dYt · colsᵀ   (transB flag, no copy of cols)
//             dX = col2im(Wᵀ · dYt)   (transA flag, no copy of W)
//             db = row sums of dYt
// Putting the whole batch in one matrix makes one large GEMM instead of N small ones (MNIST-1D's
// layers are 25 × 125 per sample — too small to amortise a kernel call).
//
// im2col and col2im walk the same loops in the same order; the innermost loop runs along an input
// row with step strideW, so reads (im2col) and writes (col2im) stay within one row of the image.
// Copying the geometry into locals and zeroing with plain loops instead of TypedArray.fill (a call
// per row of 4–32 elements) made the TypeScript im2col 2–3× faster.

import { checkConvArgs, checkWindowArgs } from "./check-args";
import { windowSizes, type FloatArray, type Kernel, type Window2d } from "./kernel";

/** A zeroed array of the same element type as `like`. */
function zerosLike(like: FloatArray, length: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

/** Fills cols (C·KH·KW, N·OH·OW) from the dense input (N, C, H, W); every entry is written. */
export function im2col(g: Window2d, input: FloatArray, cols: FloatArray): void {
  checkWindowArgs("im2col", g, input, cols);
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
 * The adjoint of im2col: dx (N, C, H, W) is zeroed, then every entry of cols (C·KH·KW, N·OH·OW) is
 * added into the input pixel it was copied from, so dX = col2im(dcols). Entries over the padding are
 * dropped; a pixel covered by several windows (stride < kernel) receives the sum.
 */
export function col2im(g: Window2d, cols: FloatArray, dx: FloatArray): void {
  checkWindowArgs("col2im", g, dx, cols);
  const { n, c, h, w, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW, oh, ow } = g;
  const positions = oh * ow;
  const columns = n * positions;
  dx.fill(0, 0, n * c * h * w);
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

/** y[b, o, p] = yt[o, b·P + p] + bias[o]:  (C_out, N·P) → (N, C_out, P), adding the bias on the way. */
function channelsToBatch(yt: FloatArray, y: FloatArray, n: number, cOut: number, positions: number, bias: FloatArray | null): void {
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < cOut; o++) {
      const src = o * n * positions + b * positions;
      const dst = (b * cOut + o) * positions;
      const beta = bias === null ? 0 : bias[o];
      for (let p = 0; p < positions; p++) y[dst + p] = yt[src + p] + beta;
    }
  }
}

/** dyt[o, b·P + p] = dy[b, o, p]:  (N, C_out, P) → (C_out, N·P), the layout the gradient products need. */
function batchToChannels(dy: FloatArray, dyt: FloatArray, n: number, cOut: number, positions: number): void {
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < cOut; o++) {
      const src = (b * cOut + o) * positions;
      dyt.set(dy.subarray(src, src + positions), o * n * positions + b * positions);
    }
  }
}

/** out[r] = the sum of row r of a dense (rows, columns) matrix, accumulated in float64. */
function rowSums(m: FloatArray, rows: number, columns: number, out: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    for (let q = 0; q < columns; q++) acc += m[r * columns + q];
    out[r] = acc;
  }
}

/** The signature of Kernel.gemm, which the convolutions below are composed with. */
type Gemm = Kernel["gemm"];

/** Kernel.convForward composed from im2col, `gemm` and the layout change, with the bias added on the way. */
export function convForward(gemm: Gemm, g: Window2d, cOut: number, x: FloatArray, weight: FloatArray, bias: FloatArray | null, y: FloatArray): void {
  checkConvArgs("convForward", g, cOut, { x, weight, bias, y });
  const { rows, positions, columns } = windowSizes(g); // C·KH·KW (the inner dimension of the product), OH·OW, N·OH·OW
  const cols = zerosLike(x, rows * columns); // (C·KH·KW, N·OH·OW)
  im2col(g, x, cols);
  const yt = zerosLike(x, cOut * columns); // (C_out, N·OH·OW) = W · cols
  gemm(false, false, cOut, columns, rows, weight, cols, yt);
  channelsToBatch(yt, y, g.n, cOut, positions, bias); // (N, C_out, OH·OW)
}

/** Kernel.convBackward composed from im2col, col2im, `gemm` and the layout change. */
export function convBackward(
  gemm: Gemm,
  g: Window2d,
  cOut: number,
  x: FloatArray,
  weight: FloatArray,
  dy: FloatArray,
  dx: FloatArray | null,
  dw: FloatArray | null,
  db: FloatArray | null,
): void {
  checkConvArgs("convBackward", g, cOut, { x, weight, dy, dx, dw, db });
  const { rows, positions, columns } = windowSizes(g);
  const dyt = zerosLike(dy, cOut * columns); // (C_out, N·OH·OW)
  batchToChannels(dy, dyt, g.n, cOut, positions);
  if (dw !== null) {
    const cols = zerosLike(x, rows * columns); // (C·KH·KW, N·OH·OW)
    im2col(g, x, cols);
    gemm(false, true, cOut, rows, columns, dyt, cols, dw); // (C_out, C·KH·KW) = dY · colsᵀ
  }
  if (dx !== null) {
    const dcols = zerosLike(dy, rows * columns); // (C·KH·KW, N·OH·OW) = Wᵀ · dY
    gemm(true, false, rows, columns, cOut, weight, dyt, dcols);
    col2im(g, dcols, dx); // (N, C, H, W)
  }
  if (db !== null) rowSums(dyt, cOut, columns, db); // (C_out)
}
