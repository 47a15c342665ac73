// The data movement of a convolution lowered to one matrix product (see src/core/reference-conv.ts for
// the plain-TypeScript twin these must match, and for the layouts in full):
//
//   im2col   cols (C·KH·KW, N·OH·OW) ← input (N, C, H, W)     row (c, i, j), column (b, y, x)
//   col2im   dx (N, C, H, W) += cols (C·KH·KW, N·OH·OW)        its adjoint; dx zeroed by the caller
//   channelsToBatch   y (N, C_out, P) = yt (C_out, N·P) + bias  P = OH·OW
//   batchToChannels   dyt (C_out, N·P) = dy (N, C_out, P), and db[o] = Σ_{b, p} dy[b, o, p]
//
// All arrays are dense row-major at byte offsets into linear memory; the caller (src/core/wasm.ts)
// owns them. The geometry arrives as a pointer to 14 i32 in the order of Window2d below, written
// by the caller, so the exports keep short signatures.
//
// Runs along an image row are contiguous when the stride is 1 (the common case): they are moved
// with v128 loads and stores and a scalar tail; stride 2 (downsampling layers, all of MNIST-1D's CNN)
// takes every other element with one shuffle per vector. memory.copy / memory.fill are calls into
// the engine, and most runs here are short (4–64 elements), so the inline loops are faster.

/** The sliding-window geometry, as 14 consecutive i32 (src/core/kernel.ts Window2d, same order). */
@final @unmanaged class Window2d {
  n: i32;
  c: i32;
  h: i32;
  w: i32;
  kh: i32;
  kw: i32;
  strideH: i32;
  strideW: i32;
  padH: i32;
  padW: i32;
  dilationH: i32;
  dilationW: i32;
  oh: i32;
  ow: i32;
}

/** Fills cols (C·KH·KW, N·OH·OW) from the dense input (N, C, H, W); every entry is written. */
export function im2col<T>(geometry: usize, input: usize, cols: usize): void {
  // The geometry is copied into locals: read through the pointer, every field would be reloaded after
  // each store to cols (they might alias), which cost ~2× on MNIST-1D's short rows.
  const g = changetype<Window2d>(geometry);
  const n = g.n, c = g.c, h = g.h, w = g.w, kh = g.kh, kw = g.kw;
  const strideH = g.strideH, strideW = g.strideW, padH = g.padH, padW = g.padW;
  const dilationH = g.dilationH, dilationW = g.dilationW, oh = g.oh, ow = g.ow;
  const E = <usize>sizeof<T>();
  const positions = oh * ow; // OH·OW, output positions per sample
  const columns = n * positions; // N·OH·OW
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = cols + <usize>((ch * kh + i) * kw + j) * columns * E;
        const shift = j * dilationW - padW; // input column read by output column 0
        const x0 = firstInside(shift, strideW, ow);
        const x1 = endInside(shift, strideW, w, ow, x0);
        for (let b = 0; b < n; b++) {
          const image = input + <usize>(b * c + ch) * h * w * E; // input[b, ch]
          for (let y = 0; y < oh; y++) {
            const iy = y * strideH - padH + i * dilationH;
            const dst = row + <usize>(b * positions + y * ow) * E; // cols[(ch, i, j), (b, y, 0)]
            if (iy < 0 || iy >= h) {
              zeroRun<T>(dst, ow);
              continue;
            }
            // output column x reads input[b, ch, iy, shift + x·strideW]
            const src = image + <usize>(iy * w + shift) * E;
            zeroRun<T>(dst, x0);
            if (strideW == 1) copyRun<T>(dst + <usize>x0 * E, src + <usize>x0 * E, x1 - x0);
            else if (strideW == 2) gatherEvenRun<T>(dst + <usize>x0 * E, src + <usize>(2 * x0) * E, x1 - x0);
            else for (let x = x0; x < x1; x++) store<T>(dst + <usize>x * E, load<T>(src + <usize>(x * strideW) * E));
            zeroRun<T>(dst + <usize>x1 * E, ow - x1);
          }
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: adds every entry of cols into the input pixel it was copied from; entries
 * over the padding are dropped. dx (N, C, H, W) must be zero on entry; a pixel covered by several
 * windows receives their sum, added in the order of the loops (the reference's order).
 */
export function col2im<T>(geometry: usize, cols: usize, dx: usize): void {
  const g = changetype<Window2d>(geometry); // copied into locals, as in im2col
  const n = g.n, c = g.c, h = g.h, w = g.w, kh = g.kh, kw = g.kw;
  const strideH = g.strideH, strideW = g.strideW, padH = g.padH, padW = g.padW;
  const dilationH = g.dilationH, dilationW = g.dilationW, oh = g.oh, ow = g.ow;
  const E = <usize>sizeof<T>();
  const positions = oh * ow;
  const columns = n * positions;
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = cols + <usize>((ch * kh + i) * kw + j) * columns * E;
        const shift = j * dilationW - padW;
        const x0 = firstInside(shift, strideW, ow);
        const x1 = endInside(shift, strideW, w, ow, x0);
        for (let b = 0; b < n; b++) {
          const image = dx + <usize>(b * c + ch) * h * w * E;
          for (let y = 0; y < oh; y++) {
            const iy = y * strideH - padH + i * dilationH;
            if (iy < 0 || iy >= h) continue;
            const src = row + <usize>(b * positions + y * ow) * E;
            const dst = image + <usize>(iy * w + shift) * E;
            if (strideW == 1) addRun<T>(dst + <usize>x0 * E, src + <usize>x0 * E, x1 - x0);
            else if (strideW == 2) scatterAddEvenRun<T>(dst + <usize>(2 * x0) * E, src + <usize>x0 * E, x1 - x0);
            else {
              for (let x = x0; x < x1; x++) {
                const at = dst + <usize>(x * strideW) * E;
                store<T>(at, load<T>(at) + load<T>(src + <usize>x * E));
              }
            }
          }
        }
      }
    }
  }
}

/** y[b, o, p] = yt[o, b·P + p] + bias[o]: (C_out, N·P) → (N, C_out, P); bias = 0 means no bias. */
export function channelsToBatch<T>(yt: usize, y: usize, n: i32, cOut: i32, positions: i32, bias: usize): void {
  const E = <usize>sizeof<T>();
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < cOut; o++) {
      const src = yt + <usize>(o * n + b) * positions * E;
      const dst = y + <usize>(b * cOut + o) * positions * E;
      if (bias == 0) copyRun<T>(dst, src, positions);
      else addScalarRun<T>(dst, src, load<T>(bias + <usize>o * E), positions);
    }
  }
}

/**
 * dyt[o, b·P + p] = dy[b, o, p]: (N, C_out, P) → (C_out, N·P), the layout of the gradient products;
 * with db ≠ 0 also db[o] = Σ_{b, p} dy[b, o, p], accumulated in float64 (4 partial sums per channel).
 */
export function batchToChannels<T>(dy: usize, dyt: usize, n: i32, cOut: i32, positions: i32, db: usize): void {
  const E = <usize>sizeof<T>();
  for (let o = 0; o < cOut; o++) {
    let sum = f64x2.splat(0), sum2 = sum; // lanes: 4 partial sums of channel o
    let tail: f64 = 0;
    for (let b = 0; b < n; b++) {
      const src = dy + <usize>(b * cOut + o) * positions * E;
      copyRun<T>(dyt + <usize>(o * n + b) * positions * E, src, positions);
      if (db == 0) continue;
      let p = 0;
      if (sizeof<T>() == 4) {
        for (; p + 4 <= positions; p += 4) {
          const v = v128.load(src + <usize>p * 4);
          sum = f64x2.add(sum, f64x2.promote_low_f32x4(v));
          sum2 = f64x2.add(sum2, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
        }
      } else {
        for (; p + 4 <= positions; p += 4) {
          sum = f64x2.add(sum, v128.load(src + <usize>p * 8));
          sum2 = f64x2.add(sum2, v128.load(src + <usize>p * 8, 16));
        }
      }
      for (; p < positions; p++) tail += <f64>load<T>(src + <usize>p * E);
    }
    if (db == 0) continue;
    const total = f64x2.add(sum, sum2);
    store<T>(db + <usize>o * E, <T>(f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1) + tail));
  }
}

// ---------------------------------------------------------------------------------------------------
// Runs of `count` elements; v128 body, scalar tail. src and dst never overlap.

// @ts-ignore: decorator
@inline function copyRun<T>(dst: usize, src: usize, count: i32): void {
  const bytes = <usize>count * sizeof<T>();
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) v128.store(dst + o, v128.load(src + o));
  for (; o < bytes; o += sizeof<T>()) store<T>(dst + o, load<T>(src + o));
}

// @ts-ignore: decorator
@inline function zeroRun<T>(dst: usize, count: i32): void {
  const bytes = <usize>count * sizeof<T>();
  const zero = v128.splat<i32>(0);
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) v128.store(dst + o, zero);
  for (; o < bytes; o += sizeof<T>()) store<T>(dst + o, 0);
}

/** dst[x] = src[2x]: the even elements of 2·count source elements. */
// @ts-ignore: decorator
@inline function gatherEvenRun<T>(dst: usize, src: usize, count: i32): void {
  const E = <i32>sizeof<T>();
  let x = 0;
  // Each step reads 2 vectors (8 floats / 4 doubles) and stores 1; the last source element it reads
  // is src[2x + 2·16/E − 1], which must lie inside the run's span src[0 … 2·count − 2].
  const step = 16 / E;
  for (; 2 * (x + step) - 1 <= 2 * count - 2; x += step) {
    const lo = v128.load(src + <usize>(2 * x) * E);
    const hi = v128.load(src + <usize>(2 * x) * E, 16);
    if (E == 4) v128.store(dst + <usize>x * E, v128.shuffle<f32>(lo, hi, 0, 2, 4, 6));
    else v128.store(dst + <usize>x * E, v128.shuffle<f64>(lo, hi, 0, 2));
  }
  for (; x < count; x++) store<T>(dst + <usize>x * E, load<T>(src + <usize>(2 * x) * E));
}

/**
 * dst[2x] += src[x] for x < count. The odd elements between receive +0, which changes no value:
 * dx starts at +0 and a sum of +0 and anything never becomes −0, NaN + 0 is NaN, ±Inf + 0 is ±Inf.
 */
// @ts-ignore: decorator
@inline function scatterAddEvenRun<T>(dst: usize, src: usize, count: i32): void {
  const E = <i32>sizeof<T>();
  let x = 0;
  const step = 16 / E;
  const zero = v128.splat<i32>(0);
  // Same bound as gatherEvenRun: the last touched element dst[2x + 2·16/E − 1] stays inside the run.
  for (; 2 * (x + step) - 1 <= 2 * count - 2; x += step) {
    const v = v128.load(src + <usize>x * E);
    const at = dst + <usize>(2 * x) * E;
    if (E == 4) {
      v128.store(at, f32x4.add(v128.load(at), v128.shuffle<f32>(v, zero, 0, 4, 1, 5)));
      v128.store(at, f32x4.add(v128.load(at, 16), v128.shuffle<f32>(v, zero, 2, 6, 3, 7)), 16);
    } else {
      v128.store(at, f64x2.add(v128.load(at), v128.shuffle<f64>(v, zero, 0, 2)));
      v128.store(at, f64x2.add(v128.load(at, 16), v128.shuffle<f64>(v, zero, 1, 3)), 16);
    }
  }
  for (; x < count; x++) {
    const at = dst + <usize>(2 * x) * E;
    store<T>(at, load<T>(at) + load<T>(src + <usize>x * E));
  }
}

/** dst[x] += src[x] */
// @ts-ignore: decorator
@inline function addRun<T>(dst: usize, src: usize, count: i32): void {
  const bytes = <usize>count * sizeof<T>();
  let o: usize = 0;
  if (sizeof<T>() == 4) {
    for (; o + 16 <= bytes; o += 16) v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  } else {
    for (; o + 16 <= bytes; o += 16) v128.store(dst + o, f64x2.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; o < bytes; o += sizeof<T>()) store<T>(dst + o, load<T>(dst + o) + load<T>(src + o));
}

/** dst[x] = src[x] + value */
// @ts-ignore: decorator
@inline function addScalarRun<T>(dst: usize, src: usize, value: T, count: i32): void {
  const bytes = <usize>count * sizeof<T>();
  let o: usize = 0;
  if (sizeof<T>() == 4) {
    const v = f32x4.splat(<f32>value);
    for (; o + 16 <= bytes; o += 16) v128.store(dst + o, f32x4.add(v128.load(src + o), v));
  } else {
    const v = f64x2.splat(<f64>value);
    for (; o + 16 <= bytes; o += 16) v128.store(dst + o, f64x2.add(v128.load(src + o), v));
  }
  for (; o < bytes; o += sizeof<T>()) store<T>(dst + o, load<T>(src + o) + value);
}

// The output columns [x0, x1) whose input column shift + x·stride lies inside [0, width): computed
// once per kernel column, so the innermost loops need no bounds tests.

/** The first output column x with shift + x·stride ≥ 0. */
function firstInside(shift: i32, stride: i32, outWidth: i32): i32 {
  if (shift >= 0) return 0;
  return min(outWidth, (stride - 1 - shift) / stride); // ⌈−shift / stride⌉
}

/** One past the last output column x with shift + x·stride ≤ width − 1 (at least x0). */
function endInside(shift: i32, stride: i32, width: i32, outWidth: i32, x0: i32): i32 {
  const last = width - 1 - shift;
  if (last < 0) return x0;
  return max(x0, min(outWidth, last / stride + 1));
}
