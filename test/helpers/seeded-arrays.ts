// Typed arrays of reproducible test inputs for the kernel tests: uniform in [−1, 1) from a 32-bit
// linear congruential generator (Numerical Recipes' constants), so the same seed gives the same
// numbers in every run, process and worker, without depending on the library's own generator.
import type { FloatArray } from "../../src/core";

/** The array type of each dtype the kernels take. */
export const ArrayOf = { float32: Float32Array, float64: Float64Array } as const;
export type Dtype = keyof typeof ArrayOf;

/** `length` numbers in [−1, 1) from `seed`, stored in `dtype`. */
export function seededArray(dtype: Dtype, length: number, seed: number): FloatArray {
  const out = new ArrayOf[dtype](length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}
