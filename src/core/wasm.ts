// The WebAssembly SIMD compute core (sources in ./assembly/, built twice by scripts/build-core.mjs):
// instantiation, memory, and the threaded GEMM on operands in its arena. The binaries are inlined as base64 and compiled synchronously on
// first use — no top-level await and no file lookup, because the library is require()d from CommonJS
// and runs from src/ (vitest) as well as from dist/. Which build runs (relaxed SIMD with FMA, or
// SIMD128) is decided once per process by ./simd.ts.
//
// Memory: one shared WebAssembly.Memory per core, imported by the module on the calling thread and
// by every worker thread (./threads.ts). Above heap_base() this file owns it all:
//   [workspace of thread 0][workspace of thread 1]…  packing scratch of the GEMM, one per thread
//   [arena]                                          a kernel call's operands and results
// Each kernel call copies its operands into the arena, runs, and copies the results out; arena
// contents mean nothing between calls. Convolutions keep their column matrix in the arena, where
// the GEMM reads it without a copy. Pitfall: memory.grow() gives the memory a new, longer buffer
// (and detaches the old one when it is not shared), so views are re-taken after any growth
// (see f32()/f64()). Only the calling thread grows memory, and only between jobs.
//
// Threads: a product large enough (PARALLEL_MIN_FLOPS) is split into chunks of whole rows or columns
// of C and computed by up to getNumThreads() threads; each element is computed by one thread in the
// single-threaded order, so results are bit-identical for any thread count (./threads.ts).
// The Kernel face of a core (copies in and out, the convolution pipeline) is ./wasm-kernel.ts.

import { availableParallelism } from "node:os";
import { MAXIMUM_PAGES, relaxedWasmBase64, simd128WasmBase64 } from "./generated/core-wasm";
import type { FloatArray, Window2d } from "./kernel";
import { simdChoice, type SimdLevel } from "./simd";
import { GemmThreads, MAX_THREADS, type GemmJob } from "./threads";

// Our tsconfig has no lib.dom and @types/node 20 does not declare WebAssembly, so the few members
// used here are typed locally and the global is reached through globalThis.
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type GemmExport = (transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number, i0: number, i1: number, j0: number, j1: number, ws: number) => void;

/** The raw exports of the core. Pointers are byte offsets into the memory; booleans are 0 or 1. */
export interface CoreExports {
  /** First byte the JS side manages (64-byte aligned). */
  heap_base: () => number;
  /** Bytes of one thread's GEMM workspace. */
  workspace_bytes: () => number;
  /** Rows of the micro-tile: 6 (relaxed build) or 4 (SIMD128 build). */
  micro_tile_rows: () => number;
  /** C[i0 : i1, j0 : j1] of C (m, n) = op(A)·op(B), float32, row-major; workspace at ws. */
  gemm_f32: GemmExport;
  gemm_f64: GemmExport;
  /** cols (C·KH·KW, N·OH·OW) ← input (N, C, H, W); g points at the 14 i32 of a Window2d. */
  im2col_f32: (g: number, input: number, cols: number) => void;
  im2col_f64: (g: number, input: number, cols: number) => void;
  /** dx (N, C, H, W) += col2im(cols). */
  col2im_f32: (g: number, cols: number, dx: number) => void;
  col2im_f64: (g: number, cols: number, dx: number) => void;
  /** y (N, C_out, P) = yt (C_out, N·P) + bias; bias 0: none. */
  channels_to_batch_f32: (yt: number, y: number, n: number, cOut: number, positions: number, bias: number) => void;
  channels_to_batch_f64: (yt: number, y: number, n: number, cOut: number, positions: number, bias: number) => void;
  /** dyt (C_out, N·P) = dy (N, C_out, P), and db = its row sums unless db is 0. */
  batch_to_channels_f32: (dy: number, dyt: number, n: number, cOut: number, positions: number, db: number) => void;
  batch_to_channels_f64: (dy: number, dyt: number, n: number, cOut: number, positions: number, db: number) => void;
  /** y ← y + alpha·x over n elements at byte offsets x and y. */
  axpy_f32: (n: number, alpha: number, x: number, y: number) => void;
  axpy_f64: (n: number, alpha: number, x: number, y: number) => void;
  /** out = x > 0 ? x : 0 over n elements (out may be x). */
  relu_f32: (n: number, x: number, out: number) => void;
  relu_f64: (n: number, x: number, out: number) => void;
  /** dx = x > 0 ? dy : 0 over n elements (dx may be dy). */
  relu_backward_f32: (n: number, dy: number, x: number, dx: number) => void;
  relu_backward_f64: (n: number, dy: number, x: number, dx: number) => void;
  /** y (m, n) += v (n) on every row. */
  add_row_vector_f32: (m: number, n: number, y: number, v: number) => void;
  add_row_vector_f64: (m: number, n: number, y: number, v: number) => void;
  /** s (n) = the column sums of y (m, n), rows in order. */
  column_sums_f32: (m: number, n: number, y: number, s: number) => void;
  column_sums_f64: (m: number, n: number, y: number, s: number) => void;
}

const PAGE_BYTES = 65536;

/**
 * Products below this many floating-point operations (2·m·n·k) run on one thread: waking a worker
 * (~10–35 µs) and the packing each chunk repeats cost more than a second thread saves below n ≈ 256
 * — the crossover measured earlier on this 2-vCPU host while its second vCPU was free. With the
 * second vCPU taken by other processes the split gains nothing and costs 2–4 % at n = 128–512. The
 * bench's ×2 / ×1 column shows the effect per shape (test/bench/matmul.ts).
 */
export const PARALLEL_MIN_FLOPS = 2 * 256 * 256 * 256;
/**
 * Every chunk packs all of the other operand again (m·k or k·n elements, ~30 flops' worth each), so C
 * is split into one chunk per thread, and into up to CHUNKS_PER_THREAD per thread — for a late or
 * slowed worker to take fewer — only where each chunk keeps at least MIN_CHUNK rows or columns.
 * Under contention (one vCPU free) 2 chunks cost 2–4 % at n = 128–512, 4 chunks 5–9 %, 8 chunks 7–17 %.
 */
const CHUNKS_PER_THREAD = 2;
const MIN_CHUNK = 256;
/** The default thread count never exceeds this: more was not measured to help. */
const MAX_DEFAULT_THREADS = 2;

/**
 * Whether this process may start worker threads: not under Node's permission model without
 * --allow-worker (the grader runs student notebooks so), where a multi-threaded product would fail.
 */
export function workersAllowed(): boolean {
  return process.permission === undefined || process.permission.has("worker");
}

let numThreads = workersAllowed() ? Math.min(availableParallelism(), MAX_DEFAULT_THREADS) : 1;
const cores = new Map<SimdLevel, WasmCore>();

/**
 * Sets how many threads (the caller included) a large matrix product may use, like torch.set_num_threads.
 * Results do not depend on it: every thread count gives the same bits.
 * @example
 * const before = getNumThreads();
 * setNumThreads(1);
 * expect(getNumThreads()).toBe(1);
 * setNumThreads(before);
 */
export function setNumThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`setNumThreads: threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }
  if (threads > 1 && !workersAllowed()) throw new Error("setNumThreads: this process may not start worker threads (Node's permission model without --allow-worker), so products run on one thread");
  numThreads = threads;
}

/**
 * The thread count set by setNumThreads; by default the machine's cores, at most 2 (1 where worker
 * threads are not permitted).
 * @example
 * const threads = getNumThreads();
 * expect(threads).toBeGreaterThanOrEqual(1);
 * expect(kernelInfo().threads).toBe(threads);
 */
export function getNumThreads(): number {
  return numThreads;
}

/** The core of this process: the relaxed-SIMD build when the engine accepts it, else SIMD128. */
export function wasmCore(): WasmCore {
  return wasmCoreFor(simdChoice().simd);
}

/** The core of one build, compiled on first use; "relaxed" throws where the engine rejects it. */
export function wasmCoreFor(simd: SimdLevel): WasmCore {
  let core = cores.get(simd);
  if (core === undefined) {
    core = new WasmCore(simd);
    cores.set(simd, core);
  }
  return core;
}

/** An instantiated core: its exports, its shared memory, its arena and its worker threads. */
export class WasmCore {
  readonly exports: CoreExports;
  readonly memory: WasmMemory;
  /** Rows of the GEMM micro-tile (6 relaxed, 4 SIMD128). */
  readonly microTileRows: number;
  /** First byte this file manages: the workspace of thread 0 (thread t's is workspaceBytes further per t). */
  readonly heapBase: number;
  /** Bytes of one thread's GEMM workspace. */
  readonly workspaceBytes: number;
  private readonly module: object;
  private threads: GemmThreads | undefined;
  private f32View: Float32Array;
  private f64View: Float64Array;
  private i32View: Int32Array;

  constructor(readonly simd: SimdLevel) {
    const base64 = simd === "relaxed" ? relaxedWasmBase64 : simd128WasmBase64;
    try {
      this.module = new WasmApi.Module(decodeBase64(base64));
    } catch (cause) {
      throw new Error(`wasm core: this engine cannot compile the ${simd} build`, { cause });
    }
    this.memory = new WasmApi.Memory({ initial: 1, maximum: MAXIMUM_PAGES, shared: true });
    this.exports = new WasmApi.Instance(this.module, { env: { memory: this.memory } }).exports as CoreExports;
    this.microTileRows = this.exports.micro_tile_rows();
    this.heapBase = this.exports.heap_base();
    this.workspaceBytes = this.exports.workspace_bytes();
    this.f32View = new Float32Array(this.memory.buffer);
    this.f64View = new Float64Array(this.memory.buffer);
    this.i32View = new Int32Array(this.memory.buffer);
  }

  /** Byte offset of the arena, after one GEMM workspace per thread. */
  arenaBase(): number {
    return this.heapBase + numThreads * this.workspaceBytes;
  }

  /** Grows memory so that the arena holds at least `bytes` bytes. Invalidates views taken before. */
  reserveArena(bytes: number): void {
    const end = this.arenaBase() + bytes;
    const missing = end - this.memory.buffer.byteLength;
    if (missing <= 0) return;
    try {
      this.memory.grow(Math.ceil(missing / PAGE_BYTES));
    } catch (cause) {
      throw new RangeError(`wasm core: cannot grow memory to ${(end / 2 ** 20).toFixed(0)} MiB (32-bit WASM allows at most 4096)`, { cause });
    }
  }

  /** A Float32Array over the whole memory, current after any growth. */
  f32(): Float32Array {
    if (this.f32View.byteLength !== this.memory.buffer.byteLength) this.f32View = new Float32Array(this.memory.buffer);
    return this.f32View;
  }

  /** A Float64Array over the whole memory, current after any growth. */
  f64(): Float64Array {
    if (this.f64View.byteLength !== this.memory.buffer.byteLength) this.f64View = new Float64Array(this.memory.buffer);
    return this.f64View;
  }

  /** The view for elements of E bytes (4 or 8). */
  heap(E: number): FloatArray {
    return E === 4 ? this.f32() : this.f64();
  }

  /** Writes a window geometry (14 i32, the order of Window2d) at byte offset `at`. */
  writeWindow(at: number, g: Window2d): void {
    if (this.i32View.byteLength !== this.memory.buffer.byteLength) this.i32View = new Int32Array(this.memory.buffer);
    this.i32View.set([g.n, g.c, g.h, g.w, g.kh, g.kw, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW, g.oh, g.ow], at / 4);
  }

  /**
   * C (m, n) = op(A)·op(B) on operands already in the arena (byte offsets), elements of E bytes,
   * on as many threads as pay off (see PARALLEL_MIN_FLOPS).
   */
  gemm(E: number, transA: boolean, transB: boolean, m: number, n: number, k: number, a: number, b: number, c: number): void {
    const fn = E === 4 ? this.exports.gemm_f32 : this.exports.gemm_f64;
    const threads = 2 * m * n * k < PARALLEL_MIN_FLOPS ? 1 : numThreads;
    // Split C along its longer side: each chunk packs all of the other operand, so that one should be the smaller.
    const splitColumns = n >= m;
    const unit = splitColumns ? 32 / E : this.microTileRows; // micro-tile columns (NR) or rows (MR)
    const size = splitColumns ? n : m;
    const units = Math.ceil(size / unit);
    const chunks = Math.min(units, Math.max(threads, Math.min(threads * CHUNKS_PER_THREAD, Math.floor(size / MIN_CHUNK))));
    if (threads === 1 || chunks < 2) {
      fn(transA ? 1 : 0, transB ? 1 : 0, m, n, k, a, b, c, 0, m, 0, n, this.heapBase);
      return;
    }
    const job: GemmJob = {
      fn: E === 4 ? 0 : 1, transA, transB, m, n, k, a, b, c,
      splitColumns, chunk: Math.ceil(units / chunks) * unit,
      wsBase: this.heapBase, wsBytes: this.workspaceBytes,
    };
    this.gemmThreads().run(job, Math.min(threads, chunks));
  }

  /** The worker threads, started on first use. */
  gemmThreads(): GemmThreads {
    this.threads ??= new GemmThreads(this.module, this.memory, [this.exports.gemm_f32, this.exports.gemm_f64]);
    return this.threads;
  }
}

function decodeBase64(text: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(text, "base64");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Lays out consecutive arena regions of the given element counts, each on a 64-byte boundary. */
export function arenaLayout(core: WasmCore, E: number, counts: number[]): { at: number[]; bytes: number } {
  const base = core.arenaBase();
  const at: number[] = [];
  let offset = 0;
  for (const count of counts) {
    at.push(base + offset);
    offset += Math.ceil((count * E) / 64) * 64;
  }
  return { at, bytes: offset };
}

/**
 * Byte offsets of A (m, k), B (k, n) and C (m, n) in the arena, and the arena bytes they need.
 * Used by wasmKernel and by the benchmark that times the kernel without the copies.
 */
export function gemmLayout(core: WasmCore, m: number, n: number, k: number, E: number): { a: number; b: number; c: number; bytes: number } {
  const { at, bytes } = arenaLayout(core, E, [m * k, k * n, m * n]);
  return { a: at[0], b: at[1], c: at[2], bytes };
}
