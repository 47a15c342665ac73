// Which of the two core builds this process runs: relaxed SIMD (fused multiply-add, ~1.4× faster
// GEMM) when the engine accepts it, plain SIMD128 otherwise.
//
// Detection validates a 37-byte module that holds one f32x4.relaxed_madd; validation compiles
// nothing and takes microseconds. Node ≥ 21 (V8 ≥ 11.4) accepts relaxed SIMD by default. Node 20
// (V8 11.3) has it behind --experimental-wasm-relaxed-simd; when the probe fails, this file sets that
// flag from inside the process with v8.setFlagsFromString and validates again.
//
// What we found about setting the flag at run time on Node 20.20 (x86-64):
//   - V8 reads its WebAssembly feature flags when a module is validated or compiled, not at start-up:
//     after setFlagsFromString, validation, compilation, instantiation, Liftoff and the TurboFan
//     tier-up all accept relaxed opcodes — even when an earlier validation in the same process failed.
//   - The flag is process-wide: worker threads, which receive the compiled module, run it too.
//   - Results are checked, not trusted: test/core/simd.test.ts runs the relaxed GEMM against an
//     exact reference within the FMA error bound, in-process and in child processes started with
//     and without the flag.
// Risks, and why they are acceptable here: Node documents setFlagsFromString as "may result in
// unpredictable behavior" after start-up; the flag only adds opcodes to the validator, and we flip it
// before the first relaxed module exists, once per process. An explicit
// `--no-experimental-wasm-relaxed-simd` on the command line is respected (we never override it), and
// DEEPNOTES_SIMD=simd128 forces the SIMD128 build without touching V8 at all. The processes this
// repository starts (kernel, CLI, tests, benchmarks) pass the flag on the command line anyway.

import { setFlagsFromString } from "node:v8";

export type SimdLevel = "relaxed" | "simd128";

/** (module (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd)) */
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type section: (v128 v128 v128) → v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x0d, 0x01, 0x0b, 0x00, // code section: one body of 11 bytes, no locals
  0x20, 0x00, 0x20, 0x01, 0x20, 0x02, // local.get 0, 1, 2
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0xfd 261)
  0x0b, // end
]);

const FLAG = "--experimental-wasm-relaxed-simd";

interface Validator {
  validate(bytes: Uint8Array): boolean;
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: Validator }).WebAssembly;

/** How the SIMD level was chosen, for kernelInfo(). */
export interface SimdChoice {
  simd: SimdLevel;
  /** "engine" (accepted as is), "runtime flag" (enabled by us), "disabled" (flag negated), "DEEPNOTES_SIMD", "unsupported". */
  reason: "engine" | "runtime flag" | "disabled" | "DEEPNOTES_SIMD" | "unsupported";
}

/** What the decision depends on, injectable so that every branch can be tested in one process. */
export interface SimdEnvironment {
  /** DEEPNOTES_SIMD: "relaxed", "simd128", or undefined for automatic. */
  requested: string | undefined;
  /** Whether the engine validates the relaxed probe now. */
  probe(): boolean;
  /** Whether the command line negated the flag (--no-experimental-wasm-relaxed-simd). */
  negated: boolean;
  /** Sets the V8 flag in this process. */
  enableFlag(): void;
}

/** Decides the SIMD level; may set the V8 flag (see the header). */
export function chooseSimd(env: SimdEnvironment): SimdChoice {
  if (env.requested === "simd128") return { simd: "simd128", reason: "DEEPNOTES_SIMD" };
  if (env.requested !== undefined && env.requested !== "relaxed" && env.requested !== "") {
    throw new RangeError(`DEEPNOTES_SIMD must be "relaxed" or "simd128", got "${env.requested}"`);
  }
  let choice: SimdChoice | undefined;
  if (env.probe()) choice = { simd: "relaxed", reason: "engine" };
  else if (!env.negated) {
    env.enableFlag();
    if (env.probe()) choice = { simd: "relaxed", reason: "runtime flag" };
  }
  if (choice !== undefined) return choice;
  if (env.requested === "relaxed") {
    throw new Error(`DEEPNOTES_SIMD=relaxed, but this engine (Node ${process.versions.node}) does not accept relaxed SIMD${env.negated ? ` (${FLAG} is negated on the command line)` : ""}`);
  }
  return { simd: "simd128", reason: env.negated ? "disabled" : "unsupported" };
}

/** The environment of this process. */
function processSimdEnvironment(): SimdEnvironment {
  return {
    requested: process.env.DEEPNOTES_SIMD,
    probe: () => WebAssemblyApi.validate(RELAXED_PROBE),
    negated: process.execArgv.some((arg) => arg === "--no-experimental-wasm-relaxed-simd" || arg === "--no_experimental_wasm_relaxed_simd"),
    enableFlag: () => setFlagsFromString(FLAG),
  };
}

let decided: SimdChoice | undefined;

/** The SIMD level of this process, decided once. */
export function simdChoice(): SimdChoice {
  decided ??= chooseSimd(processSimdEnvironment());
  return decided;
}
