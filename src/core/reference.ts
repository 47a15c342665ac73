// The algorithmic reference for every kernel: plain loops that are obviously correct, kept beside
// the fast WASM path (llm.c's matmul_forward_naive) as ground truth for tests and as a fallback.
// Not tuned on purpose — readability is the point. Transposes are read through index arithmetic.
// The convolution kernels live in ./reference-conv.ts and are composed with this file's gemm.

import { checkAxpyArgs, checkElementwiseArgs, checkGemmArgs, checkLinearArgs } from "./check-args";
import type { FloatArray, Kernel } from "./kernel";
import { col2im, convBackward, convForward, im2col } from "./reference-conv";

/**
 * C (m, n) = op(A) (m, k) · op(B) (k, n), row-major, C overwritten.
 * A is stored (m, k), or (k, m) when transA; B is stored (k, n), or (n, k) when transB.
 * Loop order i-k-j, accumulating in C itself, so float32 inputs accumulate in float32.
 */
function gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
  checkGemmArgs(m, n, k, a, b, c);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) c[i * n + j] = 0;
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * m + i] : a[i * k + p]; // op(A)[i][p]
      for (let j = 0; j < n; j++) {
        const bpj = transB ? b[j * k + p] : b[p * n + j]; // op(B)[p][j]
        c[i * n + j] += aip * bpj;
      }
    }
  }
}

/** y (m, n) = x (m, k) · weightᵀ + bias, weight stored (n, k): the product, then the bias on every row. */
function linearForward(m: number, n: number, k: number, x: FloatArray, weight: FloatArray, bias: FloatArray | null, y: FloatArray): void {
  checkLinearArgs("linearForward", m, n, k, x, weight, bias, y, null, null, null, null);
  gemm(false, true, m, n, k, x, weight, y);
  if (bias === null) return;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) y[i * n + j] += bias[j];
}

/** dx = dy · weight, dw = dyᵀ · x, db = Σ_i dy[i, :] (row by row), each unless null. */
function linearBackward(
  m: number, n: number, k: number,
  x: FloatArray, weight: FloatArray, dy: FloatArray,
  dx: FloatArray | null, dw: FloatArray | null, db: FloatArray | null,
): void {
  checkLinearArgs("linearBackward", m, n, k, x, weight, null, null, dy, dx, dw, db);
  if (dx !== null) gemm(false, false, m, k, n, dy, weight, dx); // (m, n) · (n, k)
  if (dw !== null) gemm(true, false, n, k, m, dy, x, dw); // (n, m) · (m, k)
  if (db !== null) {
    for (let j = 0; j < n; j++) db[j] = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) db[j] += dy[i * n + j];
  }
}

/**
 * The plain-TypeScript kernel: the reference every WASM kernel is tested against.
 * @example
 * const c = new Float64Array(4);
 * // C (2, 2) = A (2, 2) · B (2, 2), row-major: [[1, 2], [3, 4]] · [[5, 6], [7, 8]]
 * referenceKernel.gemm(false, false, 2, 2, 2, Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), c);
 * expect(Array.from(c)).toEqual([19, 22, 43, 50]);
 */
export const referenceKernel: Kernel = {
  name: "reference",
  gemm,

  /** y ← y + alpha·x, one element at a time. */
  axpy(alpha: number, x: FloatArray, y: FloatArray): void {
    checkAxpyArgs(x, y);
    for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
  },

  linearForward,
  linearBackward,

  relu(x: FloatArray, out: FloatArray): void {
    checkElementwiseArgs("relu", x, out);
    for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : 0;
  },

  reluBackward(dy: FloatArray, x: FloatArray, dx: FloatArray): void {
    checkElementwiseArgs("reluBackward", x, dx, dy);
    for (let i = 0; i < x.length; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
  },

  im2col,
  col2im,
  convForward: (g, cOut, x, weight, bias, y) => convForward(gemm, g, cOut, x, weight, bias, y),
  convBackward: (g, cOut, x, weight, dy, dx, dw, db) => convBackward(gemm, g, cOut, x, weight, dy, dx, dw, db),
};
