// Entry point of the WebAssembly compute core. scripts/build-core.mjs compiles it twice — plain
// SIMD128 and relaxed SIMD (FMA) — into build/core-*.wasm and inlines both as base64 into
// src/core/generated/core-wasm.ts. Exports plain functions over byte offsets into the (shared,
// imported) linear memory; the JS side (src/core/wasm.ts) owns everything above heap_base(): the
// per-thread GEMM workspaces and the arena that operands are copied into. Booleans cross the
// boundary as i32 (0 or 1). The module has no data segments and no globals that change, so every
// worker thread can instantiate it on the same memory.

import { gemm, workspace_bytes } from "./gemm";
import { batchToChannels, channelsToBatch, col2im, im2col } from "./im2col";
import { addRowVector, columnSums, relu, reluBackward } from "./elementwise";
import { MR } from "./microkernel";

export { workspace_bytes };

/** First byte after the module's own (empty) static data: the JS side manages memory from here. */
export function heap_base(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}

/** Rows of the GEMM micro-tile: 6 in the relaxed-SIMD build, 4 in the SIMD128 build. */
export function micro_tile_rows(): i32 {
  return MR;
}

/**
 * C[i0 : i1, j0 : j1] of C (m, n) = op(A)·op(B) in float32, using the workspace at ws; a, b, c are
 * byte offsets of row-major arrays (see gemm.ts).
 */
export function gemm_f32(transA: i32, transB: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, i0: i32, i1: i32, j0: i32, j1: i32, ws: usize): void {
  gemm<f32>(transA != 0, transB != 0, m, n, k, a, b, c, i0, i1, j0, j1, ws);
}

/** The same in float64. */
export function gemm_f64(transA: i32, transB: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, i0: i32, i1: i32, j0: i32, j1: i32, ws: usize): void {
  gemm<f64>(transA != 0, transB != 0, m, n, k, a, b, c, i0, i1, j0, j1, ws);
}

/** cols (C·KH·KW, N·OH·OW) ← input (N, C, H, W), float32; geometry points at 14 i32 (see im2col.ts). */
export function im2col_f32(geometry: usize, input: usize, cols: usize): void {
  im2col<f32>(geometry, input, cols);
}

export function im2col_f64(geometry: usize, input: usize, cols: usize): void {
  im2col<f64>(geometry, input, cols);
}

/** dx (N, C, H, W) += col2im(cols), float32. */
export function col2im_f32(geometry: usize, cols: usize, dx: usize): void {
  col2im<f32>(geometry, cols, dx);
}

export function col2im_f64(geometry: usize, cols: usize, dx: usize): void {
  col2im<f64>(geometry, cols, dx);
}

/** y (N, C_out, P) = yt (C_out, N·P) + bias (C_out), float32; bias = 0: none. */
export function channels_to_batch_f32(yt: usize, y: usize, n: i32, cOut: i32, positions: i32, bias: usize): void {
  channelsToBatch<f32>(yt, y, n, cOut, positions, bias);
}

export function channels_to_batch_f64(yt: usize, y: usize, n: i32, cOut: i32, positions: i32, bias: usize): void {
  channelsToBatch<f64>(yt, y, n, cOut, positions, bias);
}

/** dyt (C_out, N·P) = dy (N, C_out, P), and db (C_out) = its row sums unless db = 0, float32. */
export function batch_to_channels_f32(dy: usize, dyt: usize, n: i32, cOut: i32, positions: i32, db: usize): void {
  batchToChannels<f32>(dy, dyt, n, cOut, positions, db);
}

export function batch_to_channels_f64(dy: usize, dyt: usize, n: i32, cOut: i32, positions: i32, db: usize): void {
  batchToChannels<f64>(dy, dyt, n, cOut, positions, db);
}

/** y ← y + α·x over n elements at byte offsets x, y (float32, float64). */
export { axpyF32 as axpy_f32, axpyF64 as axpy_f64 } from "./elementwise";

/** out = x > 0 ? x : 0 over n elements. */
export function relu_f32(n: i32, x: usize, out: usize): void {
  relu<f32>(n, x, out);
}

export function relu_f64(n: i32, x: usize, out: usize): void {
  relu<f64>(n, x, out);
}

/** dx = x > 0 ? dy : 0 over n elements. */
export function relu_backward_f32(n: i32, dy: usize, x: usize, dx: usize): void {
  reluBackward<f32>(n, dy, x, dx);
}

export function relu_backward_f64(n: i32, dy: usize, x: usize, dx: usize): void {
  reluBackward<f64>(n, dy, x, dx);
}

/** y (m, n) += v (n) on every row. */
export function add_row_vector_f32(m: i32, n: i32, y: usize, v: usize): void {
  addRowVector<f32>(m, n, y, v);
}

export function add_row_vector_f64(m: i32, n: i32, y: usize, v: usize): void {
  addRowVector<f64>(m, n, y, v);
}

/** s (n) = the column sums of y (m, n), rows in order. */
export function column_sums_f32(m: i32, n: i32, y: usize, s: usize): void {
  columnSums<f32>(m, n, y, s);
}

export function column_sums_f64(m: i32, n: i32, y: usize, s: usize): void {
  columnSums<f64>(m, n, y, s);
}
