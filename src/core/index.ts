// The compute core as the tensors see it: the Kernel seam, its two implementations, the switch
// that picks which one tensor ops call, and the WASM core's settings (threads) and self-description
// (kernelInfo). The WASM core is the default; the reference is the slow, obviously-correct ground
// truth (useful to debug a result or to teach the algorithm).

import type { Kernel } from "./kernel";
import { referenceKernel } from "./reference";
import { simdChoice, type SimdLevel } from "./simd";
import { getNumThreads } from "./wasm";
import { wasmKernel } from "./wasm-kernel";

export type { FloatArray, Kernel, Window2d } from "./kernel";
export type { SimdLevel } from "./simd";
export { referenceKernel } from "./reference";
export { getNumThreads, setNumThreads } from "./wasm";
export { wasmKernel } from "./wasm-kernel";

let current: Kernel = wasmKernel;

/**
 * The kernel tensor ops call; "wasm" unless setKernel chose otherwise.
 * @example
 * expect(getKernel().name).toBe("wasm");
 * setKernel("reference");
 * expect(getKernel()).toBe(referenceKernel);
 * setKernel("wasm");
 */
export function getKernel(): Kernel {
  return current;
}

/**
 * Chooses the kernel tensor ops call: "wasm", "reference", or any object implementing Kernel.
 * @example
 * setKernel("reference");
 * getKernel().name; // "reference"
 * setKernel("wasm");
 */
export function setKernel(kernel: Kernel | "wasm" | "reference"): void {
  if (kernel === "wasm") current = wasmKernel;
  else if (kernel === "reference") current = referenceKernel;
  else current = kernel;
}

/** What the WASM core runs on: its SIMD build, why that one, and the thread count. */
export interface KernelInfo {
  /** "relaxed" (fused multiply-add) or "simd128". */
  simd: SimdLevel;
  /** Why: "engine" (accepted as is), "runtime flag" (enabled in-process), "disabled" (flag negated), "DEEPNOTES_SIMD", "unsupported". */
  simdReason: string;
  /** Threads a large matrix product may use (setNumThreads). */
  threads: number;
}

/**
 * Describes the WASM core, for benchmark headers and notebooks.
 * @example
 * const info = kernelInfo();
 * expect(["relaxed", "simd128"]).toContain(info.simd);
 * expect(info.threads).toBe(getNumThreads());
 */
export function kernelInfo(): KernelInfo {
  const { simd, reason } = simdChoice();
  return { simd, simdReason: reason, threads: getNumThreads() };
}
