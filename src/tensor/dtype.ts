// Element types. float64 is the default so derivations and gradchecks match numpy to the last digits;
// float32 is opt-in for speed. Mixed operands promote to float64, as in PyTorch.

import type { FloatArray } from "../core/kernel";

export type DType = "float64" | "float32";

export const DEFAULT_DTYPE: DType = "float64";

export function allocate(dtype: DType, size: number): FloatArray {
  return dtype === "float32" ? new Float32Array(size) : new Float64Array(size);
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? "float32" : "float64";
}

export function promote(a: DType, b: DType): DType {
  return a === "float64" || b === "float64" ? "float64" : "float32";
}

export function checkDType(dtype: string): DType {
  if (dtype !== "float64" && dtype !== "float32") {
    throw new TypeError(`unknown dtype "${dtype}": deepnotes tensors are "float64" (default) or "float32"`);
  }
  return dtype;
}
