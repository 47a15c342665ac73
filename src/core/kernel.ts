// The backend seam: every compute kernel the tensors call has this one signature, implemented twice —
// a plain-TypeScript reference (./reference.ts, the algorithmic ground truth) and the WebAssembly SIMD
// core (./wasm.ts). Kernels know nothing about tensors: they see flat row-major typed arrays.

export type FloatArray = Float32Array | Float64Array;

export interface Kernel {
  /** "reference" or "wasm"; shown in benchmark tables and test names. */
  readonly name: string;

  /**
   * C = op(A) · op(B), overwriting C.
   *
   * All three arrays have the same element type and are dense row-major:
   *   A is (m, k), or (k, m) when transA — then op(A) = Aᵀ is read without materialising it;
   *   B is (k, n), or (n, k) when transB;
   *   C is (m, n).
   * Any of m, n, k may be 0 (k = 0 gives C = 0). Arrays may be subarrays of larger buffers.
   */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void;

  /** y ← y + alpha·x, elementwise over two dense arrays of the same length and element type (the SGD update). */
  axpy(alpha: number, x: FloatArray, y: FloatArray): void;
}
