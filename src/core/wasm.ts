// The WebAssembly SIMD compute core (sources in ./assembly/, built by scripts/build-core.mjs) and
// `wasmKernel`, its Kernel face. The binary is inlined as base64 and compiled synchronously on first
// use — no top-level await and no file lookup, because the library is require()d from CommonJS and
// runs from src/ (vitest) as well as from dist/.
//
// Memory: the core's linear memory holds static packing scratch below arenaBase, and above it an
// arena owned by this file. Each kernel call copies its operands into the arena, runs, and copies
// the result out; arena contents mean nothing between calls. Pitfall: memory.grow() detaches every
// typed-array view of the old buffer, so views are re-taken after any growth (see f32()/f64()).

import { coreWasmBase64 } from "./generated/core-wasm";
import { checkAxpyArgs, checkGemmArgs } from "./check-args";
import type { FloatArray, Kernel } from "./kernel";

// Our tsconfig has no lib.dom and @types/node 20 does not declare WebAssembly, so the few members
// used here are typed locally and the global is reached through globalThis.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The raw exports of build/core.wasm. Pointers are byte offsets into `memory`; booleans are 0 or 1. */
export interface CoreExports {
  readonly memory: WasmMemory;
  /** First arena byte (64-byte aligned): everything below belongs to the core. */
  arena_base: () => number;
  /** C (m, n) = op(A)·op(B) in float32, row-major; A (m, k) or (k, m) if transA, B (k, n) or (n, k) if transB. */
  gemm_f32: (transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number) => void;
  /** The same in float64. */
  gemm_f64: (transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number) => void;
  /** y ← y + alpha·x over n float32 elements at byte offsets x and y. */
  axpy_f32: (n: number, alpha: number, x: number, y: number) => void;
  /** The same in float64. */
  axpy_f64: (n: number, alpha: number, x: number, y: number) => void;
}

export interface WasmCore {
  readonly exports: CoreExports;
  readonly memory: WasmMemory;
  /** Byte offset of the arena: [arenaBase, arenaBase + reserved bytes) is free for the caller of one kernel call. */
  readonly arenaBase: number;
  /** Grows memory so that the arena holds at least `bytes` bytes. Invalidates views taken before. */
  reserveArena(bytes: number): void;
  /** A Float32Array over the whole memory, current after any growth. */
  f32(): Float32Array;
  /** A Float64Array over the whole memory, current after any growth. */
  f64(): Float64Array;
}

const PAGE_BYTES = 65536;

let core: WasmCore | undefined;

/** The instantiated core, compiled on first call. */
export function wasmCore(): WasmCore {
  core ??= instantiate();
  return core;
}

function instantiate(): WasmCore {
  const module = new WasmApi.Module(decodeBase64(coreWasmBase64));
  const exports = new WasmApi.Instance(module, {}).exports as CoreExports;
  const memory = exports.memory;
  const arenaBase = exports.arena_base();
  let f32 = new Float32Array(memory.buffer);
  let f64 = new Float64Array(memory.buffer);
  return {
    exports,
    memory,
    arenaBase,
    reserveArena(bytes: number): void {
      const missing = arenaBase + bytes - memory.buffer.byteLength;
      if (missing <= 0) return;
      try {
        memory.grow(Math.ceil(missing / PAGE_BYTES));
      } catch (cause) {
        const mib = ((arenaBase + bytes) / 2 ** 20).toFixed(0);
        throw new RangeError(`wasm core: cannot grow memory to ${mib} MiB (32-bit WASM allows at most 4096)`, { cause });
      }
    },
    f32(): Float32Array {
      if (f32.buffer !== memory.buffer) f32 = new Float32Array(memory.buffer);
      return f32;
    },
    f64(): Float64Array {
      if (f64.buffer !== memory.buffer) f64 = new Float64Array(memory.buffer);
      return f64;
    },
  };
}

function decodeBase64(text: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(text, "base64");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Rounds a byte count up to a multiple of 64, so each operand starts on a cache line. */
function alignUp64(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/**
 * Byte offsets of A (m, k), B (k, n) and C (m, n) in the arena, and the arena bytes they need.
 * Used by wasmKernel and by the benchmark that times the kernel without the copies.
 */
export function gemmLayout(m: number, n: number, k: number, bytesPerElement: number): { a: number; b: number; c: number; bytes: number } {
  const base = wasmCore().arenaBase;
  const aBytes = alignUp64(m * k * bytesPerElement);
  const bBytes = alignUp64(k * n * bytesPerElement);
  const cBytes = alignUp64(m * n * bytesPerElement);
  return { a: base, b: base + aBytes, c: base + aBytes + bBytes, bytes: aBytes + bBytes + cBytes };
}

/**
 * The WebAssembly SIMD kernel (the default): the same signatures as referenceKernel.
 * @example
 * const c = new Float32Array(2);
 * // C (1, 2) = Aᵀ · B with A stored (2, 1) = [[1], [2]] and B (2, 2) = [[3, 4], [5, 6]]
 * wasmKernel.gemm(true, false, 1, 2, 2, Float32Array.of(1, 2), Float32Array.of(3, 4, 5, 6), c);
 * expect(Array.from(c)).toEqual([13, 16]);
 * const y = Float64Array.of(1, 1, 1);
 * wasmKernel.axpy(2, Float64Array.of(1, 2, 3), y); // y ← y + 2·x
 * expect(Array.from(y)).toEqual([3, 5, 7]);
 */
export const wasmKernel: Kernel = {
  name: "wasm",

  /** C (m, n) = op(A)·op(B): copies A and B into the arena, runs the SIMD kernel, copies C out. */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
    checkGemmArgs(m, n, k, a, b, c);
    if (m === 0 || n === 0) return;
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    const core = wasmCore();
    const E = a.BYTES_PER_ELEMENT;
    const at = gemmLayout(m, n, k, E);
    core.reserveArena(at.bytes);
    const heap = E === 4 ? core.f32() : core.f64(); // taken after the possible growth
    heap.set(a.length === m * k ? a : a.subarray(0, m * k), at.a / E);
    heap.set(b.length === k * n ? b : b.subarray(0, k * n), at.b / E);
    const kernel = E === 4 ? core.exports.gemm_f32 : core.exports.gemm_f64;
    kernel(transA ? 1 : 0, transB ? 1 : 0, m, n, k, at.a, at.b, at.c);
    c.set(heap.subarray(at.c / E, at.c / E + m * n));
  },

  /** y ← y + alpha·x: copies x and y into the arena, runs the SIMD loop, copies y back. */
  axpy(alpha: number, x: FloatArray, y: FloatArray): void {
    checkAxpyArgs(x, y);
    const n = y.length;
    if (n === 0) return;
    const core = wasmCore();
    const E = y.BYTES_PER_ELEMENT;
    const bytes = alignUp64(n * E);
    core.reserveArena(2 * bytes);
    const heap = E === 4 ? core.f32() : core.f64();
    const px = core.arenaBase;
    const py = core.arenaBase + bytes;
    heap.set(x, px / E);
    heap.set(y, py / E);
    (E === 4 ? core.exports.axpy_f32 : core.exports.axpy_f64)(n, alpha, px, py);
    y.set(heap.subarray(py / E, py / E + n));
  },
};
