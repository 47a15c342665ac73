// Element types. float64 is the default so derivations and gradchecks match numpy to the last digits;
// float32 is opt-in for speed. Mixed operands promote to float64, as in PyTorch.

import type { FloatArray } from "../core/kernel";

export type DType = "float64" | "float32";

export const DEFAULT_DTYPE: DType = "float64";

// Creating an ArrayBuffer costs V8 ~1.5 µs whatever its size, more than a small op's arithmetic;
// a small MLP's training step makes ~60 of them. So arrays up to SMALL_BYTES are views carved from a
// shared, zero-initialised slab (a view costs ~0.03 µs). Slab memory is never reused: a slab is
// freed by the garbage collector once every array carved from it is unreachable. Slabs stay below
// glibc's mmap threshold (128 KiB), so freed slabs are recycled by malloc instead of being
// page-faulted in afresh (measured: 256 KiB slabs made a small add ~35 % slower).
const SLAB_BYTES = 1 << 16;
const SMALL_BYTES = 1 << 13;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/** A zero-filled array of `size` elements. */
export function allocate(dtype: DType, size: number): FloatArray {
  const bytes = size * (dtype === "float32" ? 4 : 8);
  if (bytes > SMALL_BYTES) return dtype === "float32" ? new Float32Array(size) : new Float64Array(size);
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = dtype === "float32" ? new Float32Array(slab, slabUsed, size) : new Float64Array(slab, slabUsed, size);
  slabUsed += (bytes + 15) & ~15; // keep every view 16-byte aligned
  return out;
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
