// The compute core as the tensors see it: the Kernel seam, its two implementations, and the switch
// that picks which one tensor ops call. The WASM core is the default; the reference is the
// slow, obviously-correct ground truth (useful to debug a result or to teach the algorithm).

import type { Kernel } from "./kernel";
import { referenceKernel } from "./reference";
import { wasmKernel } from "./wasm";

export type { FloatArray, Kernel } from "./kernel";
export { referenceKernel } from "./reference";
export { wasmCore, wasmKernel } from "./wasm";

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
