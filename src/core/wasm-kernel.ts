// The Kernel face of the WASM core (./wasm.ts): each call checks its arguments like the reference,
// copies its operands into the core's arena, runs the SIMD code there, and copies the results out.
// The convolutions run their whole pipeline in the arena — im2col, the GEMM, the layout change and
// bias, or the three gradients from one copy of dy — so the column matrix (the largest array of a
// convolution, C·KH·KW × N·OH·OW) never crosses into JavaScript. Views of memory are taken after
// the arena is reserved, because growing it replaces the buffer.

import { checkAxpyArgs, checkConvArgs, checkElementwiseArgs, checkGemmArgs, checkLinearArgs, checkWindowArgs } from "./check-args";
import { windowSizes, type FloatArray, type Kernel } from "./kernel";
import type { SimdLevel } from "./simd";
import { arenaLayout, gemmLayout, wasmCore, wasmCoreFor, type WasmCore } from "./wasm";

/** Copies `count` elements of `source` into the heap at byte offset `at`. */
function put(heap: FloatArray, at: number, source: FloatArray, count: number): void {
  heap.set(source.length === count ? source : source.subarray(0, count), at / heap.BYTES_PER_ELEMENT);
}

/** Copies `count` elements at byte offset `at` of the heap into `target`. */
function take(heap: FloatArray, at: number, target: FloatArray, count: number): void {
  const from = at / heap.BYTES_PER_ELEMENT;
  target.set(heap.subarray(from, from + count));
}

/** The Kernel face of a core; `core` is called on every use, so the core is compiled lazily. */
function makeWasmKernel(name: string, core: () => WasmCore): Kernel {
  return {
    name,

    /** C (m, n) = op(A)·op(B): copies A and B into the arena, runs the SIMD kernel, copies C out. */
    gemm(transA, transB, m, n, k, a, b, c) {
      checkGemmArgs(m, n, k, a, b, c);
      if (m === 0 || n === 0) return;
      if (k === 0) {
        c.fill(0, 0, m * n);
        return;
      }
      const wasm = core();
      const E = a.BYTES_PER_ELEMENT;
      const at = gemmLayout(wasm, m, n, k, E);
      wasm.reserveArena(at.bytes);
      const heap = wasm.heap(E); // taken after the possible growth
      put(heap, at.a, a, m * k);
      put(heap, at.b, b, k * n);
      wasm.gemm(E, transA, transB, m, n, k, at.a, at.b, at.c);
      take(heap, at.c, c, m * n);
    },

    /** y ← y + alpha·x: copies x and y into the arena, runs the SIMD loop, copies y back. */
    axpy(alpha, x, y) {
      checkAxpyArgs(x, y);
      const n = y.length;
      if (n === 0) return;
      const wasm = core();
      const E = y.BYTES_PER_ELEMENT;
      const { at, bytes } = arenaLayout(wasm, E, [n, n]);
      wasm.reserveArena(bytes);
      const heap = wasm.heap(E);
      put(heap, at[0], x, n);
      put(heap, at[1], y, n);
      (E === 4 ? wasm.exports.axpy_f32 : wasm.exports.axpy_f64)(n, alpha, at[0], at[1]);
      take(heap, at[1], y, n);
    },

    /** The product and the bias in the arena: x, the weight and the bias go in, y comes out. */
    linearForward(m, n, k, x, weight, bias, y) {
      checkLinearArgs("linearForward", m, n, k, x, weight, bias, y, null, null, null, null);
      if (m === 0 || n === 0) return;
      const wasm = core();
      const E = x.BYTES_PER_ELEMENT;
      // [x (m, k), weight (n, k), bias (n), y (m, n)]
      const { at, bytes } = arenaLayout(wasm, E, [m * k, n * k, n, m * n]);
      const [atX, atW, atBias, atY] = at;
      wasm.reserveArena(bytes);
      const heap = wasm.heap(E);
      put(heap, atX, x, m * k);
      put(heap, atW, weight, n * k);
      wasm.gemm(E, false, true, m, n, k, atX, atW, atY);
      if (bias !== null) {
        put(heap, atBias, bias, n);
        (E === 4 ? wasm.exports.add_row_vector_f32 : wasm.exports.add_row_vector_f64)(m, n, atY, atBias);
      }
      take(heap, atY, y, m * n);
    },

    /** The three gradients from one copy of dy. */
    linearBackward(m, n, k, x, weight, dy, dx, dw, db) {
      checkLinearArgs("linearBackward", m, n, k, x, weight, null, null, dy, dx, dw, db);
      if (dx === null && dw === null && db === null) return;
      const wasm = core();
      const E = dy.BYTES_PER_ELEMENT;
      // [dy (m, n), x (m, k), weight (n, k), dx (m, k), dw (n, k), db (n)]
      const { at, bytes } = arenaLayout(wasm, E, [m * n, m * k, n * k, m * k, n * k, n]);
      const [atDy, atX, atW, atDx, atDw, atDb] = at;
      wasm.reserveArena(bytes);
      const heap = wasm.heap(E);
      put(heap, atDy, dy, m * n);
      if (db !== null) {
        (E === 4 ? wasm.exports.column_sums_f32 : wasm.exports.column_sums_f64)(m, n, atDy, atDb);
        take(heap, atDb, db, n);
      }
      if (dw !== null) {
        put(heap, atX, x, m * k);
        wasm.gemm(E, true, false, n, k, m, atDy, atX, atDw); // dW (n, k) = dYᵀ · X
        take(heap, atDw, dw, n * k);
      }
      if (dx !== null) {
        put(heap, atW, weight, n * k);
        wasm.gemm(E, false, false, m, k, n, atDy, atW, atDx); // dX (m, k) = dY · W
        take(heap, atDx, dx, m * k);
      }
    },

    /** In place in the arena: x goes in, out comes back. */
    relu(x, out) {
      checkElementwiseArgs("relu", x, out);
      const n = x.length;
      if (n === 0) return;
      const wasm = core();
      const E = x.BYTES_PER_ELEMENT;
      const at = wasm.arenaBase();
      wasm.reserveArena(n * E);
      const heap = wasm.heap(E);
      put(heap, at, x, n);
      (E === 4 ? wasm.exports.relu_f32 : wasm.exports.relu_f64)(n, at, at);
      take(heap, at, out, n);
    },

    /** dy and x go in, dx comes back (written over dy's copy). */
    reluBackward(dy, x, dx) {
      checkElementwiseArgs("reluBackward", x, dx, dy);
      const n = x.length;
      if (n === 0) return;
      const wasm = core();
      const E = x.BYTES_PER_ELEMENT;
      const { at, bytes } = arenaLayout(wasm, E, [n, n]);
      wasm.reserveArena(bytes);
      const heap = wasm.heap(E);
      put(heap, at[0], dy, n);
      put(heap, at[1], x, n);
      (E === 4 ? wasm.exports.relu_backward_f32 : wasm.exports.relu_backward_f64)(n, at[0], at[1], at[0]);
      take(heap, at[0], dx, n);
    },

    im2col(g, input, cols) {
      checkWindowArgs("im2col", g, input, cols);
      const wasm = core();
      const E = input.BYTES_PER_ELEMENT;
      const { image, rows, columns } = windowSizes(g);
      const { at, bytes } = arenaLayout(wasm, E, [64 / E, image, rows * columns]); // [geometry, input, cols]
      wasm.reserveArena(bytes);
      wasm.writeWindow(at[0], g);
      const heap = wasm.heap(E);
      put(heap, at[1], input, image);
      (E === 4 ? wasm.exports.im2col_f32 : wasm.exports.im2col_f64)(at[0], at[1], at[2]);
      take(heap, at[2], cols, rows * columns);
    },

    col2im(g, cols, dx) {
      checkWindowArgs("col2im", g, dx, cols);
      const wasm = core();
      const E = cols.BYTES_PER_ELEMENT;
      const { image, rows, columns } = windowSizes(g);
      const { at, bytes } = arenaLayout(wasm, E, [64 / E, rows * columns, image]); // [geometry, cols, dx]
      wasm.reserveArena(bytes);
      wasm.writeWindow(at[0], g);
      const heap = wasm.heap(E);
      put(heap, at[1], cols, rows * columns);
      heap.fill(0, at[2] / E, at[2] / E + image);
      (E === 4 ? wasm.exports.col2im_f32 : wasm.exports.col2im_f64)(at[0], at[1], at[2]);
      take(heap, at[2], dx, image);
    },

    /** im2col, GEMM and the layout change in the arena: only x, the weight and the bias go in, only y comes out. */
    convForward(g, cOut, x, weight, bias, y) {
      checkConvArgs("convForward", g, cOut, { x, weight, bias, y });
      const wasm = core();
      const E = x.BYTES_PER_ELEMENT;
      const { image, rows, positions, columns } = windowSizes(g); // rows C·KH·KW, columns N·OH·OW
      // [geometry, x (N, C, H, W), weight (C_out, rows), bias (C_out), cols (rows, columns), yt (C_out, columns), y (N, C_out, P)]
      const { at, bytes } = arenaLayout(wasm, E, [64 / E, image, cOut * rows, cOut, rows * columns, cOut * columns, cOut * columns]);
      const [atG, atX, atW, atBias, atCols, atYt, atY] = at;
      wasm.reserveArena(bytes);
      wasm.writeWindow(atG, g);
      const heap = wasm.heap(E);
      put(heap, atX, x, image);
      put(heap, atW, weight, cOut * rows);
      if (bias !== null) put(heap, atBias, bias, cOut);
      const ex = wasm.exports;
      (E === 4 ? ex.im2col_f32 : ex.im2col_f64)(atG, atX, atCols);
      wasm.gemm(E, false, false, cOut, columns, rows, atW, atCols, atYt);
      (E === 4 ? ex.channels_to_batch_f32 : ex.channels_to_batch_f64)(atYt, atY, g.n, cOut, positions, bias === null ? 0 : atBias);
      take(heap, atY, y, cOut * columns);
    },

    /** The three gradients from one copy of dy; the column matrix is rebuilt from x in the arena instead of kept. */
    convBackward(g, cOut, x, weight, dy, dx, dw, db) {
      checkConvArgs("convBackward", g, cOut, { x, weight, dy, dx, dw, db });
      if (dx === null && dw === null && db === null) return;
      const wasm = core();
      const E = dy.BYTES_PER_ELEMENT;
      const { image, rows, positions, columns } = windowSizes(g);
      // [geometry, dy (N, C_out, P), dyt (C_out, columns), db (C_out), x / dx (N, C, H, W), weight / dw (C_out, rows), cols (rows, columns)]
      const { at, bytes } = arenaLayout(wasm, E, [64 / E, cOut * columns, cOut * columns, cOut, image, cOut * rows, rows * columns]);
      const [atG, atDy, atDyt, atDb, atImage, atWeight, atCols] = at;
      wasm.reserveArena(bytes);
      wasm.writeWindow(atG, g);
      const heap = wasm.heap(E);
      const ex = wasm.exports;
      put(heap, atDy, dy, cOut * columns);
      (E === 4 ? ex.batch_to_channels_f32 : ex.batch_to_channels_f64)(atDy, atDyt, g.n, cOut, positions, db === null ? 0 : atDb);
      if (db !== null) take(heap, atDb, db, cOut);
      if (dw !== null) {
        put(heap, atImage, x, image);
        (E === 4 ? ex.im2col_f32 : ex.im2col_f64)(atG, atImage, atCols);
        wasm.gemm(E, false, true, cOut, rows, columns, atDyt, atCols, atWeight); // dW (C_out, rows) = dY · colsᵀ
        take(heap, atWeight, dw, cOut * rows);
      }
      if (dx !== null) {
        put(heap, atWeight, weight, cOut * rows);
        wasm.gemm(E, true, false, rows, columns, cOut, atWeight, atDyt, atCols); // dcols (rows, columns) = Wᵀ · dY
        heap.fill(0, atImage / E, atImage / E + image);
        (E === 4 ? ex.col2im_f32 : ex.col2im_f64)(atG, atCols, atImage);
        take(heap, atImage, dx, image);
      }
    },
  };
}

/**
 * The WebAssembly SIMD kernel (the default; relaxed SIMD where the engine runs it, else SIMD128): the
 * same signatures as referenceKernel.
 * @example
 * const c = new Float32Array(2);
 * // C (1, 2) = Aᵀ · B with A stored (2, 1) = [[1], [2]] and B (2, 2) = [[3, 4], [5, 6]]
 * wasmKernel.gemm(true, false, 1, 2, 2, Float32Array.of(1, 2), Float32Array.of(3, 4, 5, 6), c);
 * expect(Array.from(c)).toEqual([13, 16]);
 * const y = Float64Array.of(1, 1, 1);
 * wasmKernel.axpy(2, Float64Array.of(1, 2, 3), y); // y ← y + 2·x
 * expect(Array.from(y)).toEqual([3, 5, 7]);
 */
export const wasmKernel: Kernel = makeWasmKernel("wasm", wasmCore);

const kernelsBySimd = new Map<SimdLevel, Kernel>();

/** The WASM kernel of one build ("wasm relaxed", "wasm simd128"), to compare them in one process. */
export function wasmKernelFor(simd: SimdLevel): Kernel {
  let kernel = kernelsBySimd.get(simd);
  if (kernel === undefined) {
    kernel = makeWasmKernel(`wasm ${simd}`, () => wasmCoreFor(simd));
    kernelsBySimd.set(simd, kernel);
  }
  return kernel;
}
