// Entry point of the WebAssembly compute core (built by scripts/build-core.mjs into build/core.wasm
// and inlined as base64 into src/core/generated/core-wasm.ts). Exports plain functions over byte
// offsets into linear memory; the JS side (src/core/wasm.ts) owns the arena above arena_base() and
// copies operands in and results out. Booleans cross the boundary as i32 (0 or 1).

import { gemm } from "./gemm";

export { arena_base } from "./gemm";

/** C (m, n) = op(A)·op(B) in float32; a, b, c are byte offsets of row-major arrays (see gemm.ts). */
export function gemm_f32(transA: i32, transB: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  gemm<f32>(transA != 0, transB != 0, m, n, k, a, b, c);
}

/** C (m, n) = op(A)·op(B) in float64; a, b, c are byte offsets of row-major arrays (see gemm.ts). */
export function gemm_f64(transA: i32, transB: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  gemm<f64>(transA != 0, transB != 0, m, n, k, a, b, c);
}

/** y ← y + α·x over n float32 elements at byte offsets x, y. */
export { axpyF32 as axpy_f32, axpyF64 as axpy_f64 } from "./elementwise";
