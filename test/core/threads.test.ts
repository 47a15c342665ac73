// The GEMM on several threads (src/core/threads.ts, src/core/wasm.ts): bit-identical to one thread on
// awkward shapes, both dtypes, all four transpose variants and both SIMD builds — with chunks as small
// as one micro-tile and every chunk computed by the workers, so the test does not depend on how a
// race between threads turns out; workers really take chunks through the public kernel; a worker's
// crash surfaces as an error naming the thread and the pool keeps working; idle workers never hold
// the process open; setNumThreads validates its argument.

import { afterAll, describe, expect, it } from "vitest";
import type { FloatArray } from "../../src/core";
import { getNumThreads, setNumThreads } from "../../src/core";
import type { SimdLevel } from "../../src/core/simd";
import { gemmLayout, PARALLEL_MIN_FLOPS, wasmCoreFor, type WasmCore } from "../../src/core/wasm";
import { wasmKernelFor } from "../../src/core/wasm-kernel";
import { runCoreChild } from "../helpers/run-core-child";
import { ArrayOf, seededArray, type Dtype } from "../helpers/seeded-arrays";

const initialThreads = getNumThreads();
afterAll(() => setNumThreads(initialThreads));

const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;
const BUILDS: SimdLevel[] = ["relaxed", "simd128"];

/** The bytes of a float array, for comparing results bit for bit (NaN payloads and −0 included). */
function bits(x: FloatArray): Buffer {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength);
}

/** "identical", or where two results first differ (toEqual on large arrays is slow). */
function sameBits(actual: FloatArray, expected: FloatArray): string {
  if (bits(actual).equals(bits(expected))) return "identical";
  const i = actual.findIndex((x, j) => !Object.is(x, expected[j]));
  return `element ${i} differs: ${actual[i]} vs ${expected[i]}`;
}

/**
 * C = op(A)·op(B) on `core`, split into chunks of `chunk` columns (or rows) that only the workers
 * compute: the caller publishes the job and waits.
 */
function workersOnly(core: WasmCore, dtype: Dtype, transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, splitColumns: boolean, chunk: number, threads: number): FloatArray {
  const E = dtype === "float32" ? 4 : 8;
  const at = gemmLayout(core, m, n, k, E);
  core.reserveArena(at.bytes);
  const heap = core.heap(E);
  heap.set(a, at.a / E);
  heap.set(b, at.b / E);
  heap.fill(NaN, at.c / E, at.c / E + m * n); // every element must be written
  core.gemmThreads().run({ fn: E === 4 ? 0 : 1, transA, transB, m, n, k, a: at.a, b: at.b, c: at.c, splitColumns, chunk, wsBase: core.heapBase, wsBytes: core.workspaceBytes }, threads, false);
  return core.heap(E).slice(at.c / E, at.c / E + m * n);
}

describe("setNumThreads", () => {
  it("defaults to the machine's cores, at most 2, and validates its argument", () => {
    expect(initialThreads).toBeGreaterThanOrEqual(1);
    expect(initialThreads).toBeLessThanOrEqual(2);
    setNumThreads(3);
    expect(getNumThreads()).toBe(3);
    expect(() => setNumThreads(0)).toThrow("setNumThreads: threads must be an integer from 1 to 64, got 0");
    expect(() => setNumThreads(1.5)).toThrow(RangeError);
    setNumThreads(initialThreads);
  });
});

describe.each(BUILDS)("%s build: threads give the same bits as one thread", (simd) => {
  const core = wasmCoreFor(simd);
  const kernel = wasmKernelFor(simd);
  // Degenerate, prime, off-tile and off-block shapes; split by rows and by columns.
  const shapes: [number, number, number][] = [[1, 1, 1], [5, 9, 3], [13, 67, 257], [67, 13, 300], [45, 130, 520], [193, 20, 9]];

  describe.each(["float32", "float64"] as const)("%s", (dtype) => {
    it.each(shapes)("m=%i n=%i k=%i: chunks of one micro-tile, on 2 and 3 threads, all transposes", (m, n, k) => {
      setNumThreads(3); // workspaces for three threads
      const E = dtype === "float32" ? 4 : 8;
      for (const [transA, transB] of TRANSPOSES) {
        const a = seededArray(dtype, m * k, m + 7 * k);
        const b = seededArray(dtype, k * n, n + 11 * k);
        setNumThreads(1);
        const single = new ArrayOf[dtype](m * n);
        kernel.gemm(transA, transB, m, n, k, a, b, single);
        setNumThreads(3);
        for (const [splitColumns, chunk] of [[true, 32 / E], [false, core.microTileRows], [true, 3 * (32 / E)]] as const) {
          for (const threads of [2, 3]) {
            const split = workersOnly(core, dtype, transA, transB, m, n, k, a, b, splitColumns, chunk, threads);
            expect(sameBits(split, single), `transA ${transA}, transB ${transB}, ${splitColumns ? "columns" : "rows"} of ${chunk}, ${threads} threads`).toBe("identical");
          }
        }
      }
    });

    it("through the public kernel above the threading threshold, with 1, 2 and 3 threads", () => {
      const [m, n, k] = [97, 251, 800]; // 2·m·n·k ≈ 39 MFLOP
      expect(2 * m * n * k).toBeGreaterThanOrEqual(PARALLEL_MIN_FLOPS);
      for (const [transA, transB] of TRANSPOSES) {
        const a = seededArray(dtype, m * k, 1);
        const b = seededArray(dtype, k * n, 2);
        const results = [1, 2, 3].map((threads) => {
          setNumThreads(threads);
          const c = new ArrayOf[dtype](m * n);
          kernel.gemm(transA, transB, m, n, k, a, b, c);
          return c;
        });
        expect(sameBits(results[1], results[0])).toBe("identical");
        expect(sameBits(results[2], results[0])).toBe("identical");
      }
    });
  });
});

describe("worker threads", () => {
  it("take chunks of products through the public kernel", () => {
    const core = wasmCoreFor("relaxed");
    const kernel = wasmKernelFor("relaxed");
    setNumThreads(2);
    const n = 384;
    const a = seededArray("float32", n * n, 3);
    const c = new Float32Array(n * n);
    const before = core.gemmThreads().chunksByThread()[1] ?? 0;
    // The worker needs ~40 ms to start and must win a chunk from the caller: repeat until it has.
    const deadline = performance.now() + 20_000;
    while ((core.gemmThreads().chunksByThread()[1] ?? 0) === before && performance.now() < deadline) kernel.gemm(false, false, n, n, n, a, a, c);
    expect(core.gemmThreads().chunksByThread()[1]).toBeGreaterThan(before);
  });

  it("report a crash inside a worker as an error naming the thread, and keep working", () => {
    const core = wasmCoreFor("simd128");
    setNumThreads(2);
    const [m, n, k] = [20, 40, 30];
    const a = seededArray("float32", m * k, 5);
    const b = seededArray("float32", k * n, 6);
    const at = gemmLayout(core, m, n, k, 4);
    core.reserveArena(at.bytes);
    // Thread 1's workspace placed past the end of memory: its first packing store traps.
    const wsBase = core.memory.buffer.byteLength;
    const job = { fn: 0 as const, transA: false, transB: false, m, n, k, a: at.a, b: at.b, c: at.c, splitColumns: true, chunk: 8, wsBase: wsBase - core.workspaceBytes, wsBytes: core.workspaceBytes };
    expect(() => core.gemmThreads().run(job, 2, false)).toThrow(/^wasm core: gemm failed in worker thread 1: RuntimeError: memory access out of bounds/);
    const single = new Float32Array(m * n);
    setNumThreads(1);
    wasmKernelFor("simd128").gemm(false, false, m, n, k, a, b, single);
    setNumThreads(2);
    expect(sameBits(workersOnly(core, "float32", false, false, m, n, k, a, b, true, 8, 2), single)).toBe("identical");
  });

  it("never keep the process alive: a child that used them exits at once", () => {
    const { report, ms } = runCoreChild(["--experimental-wasm-relaxed-simd"]);
    expect(report.chunksByThread[1]).toBeGreaterThan(0); // the worker computed
    expect(report.threadedIdentical).toBe(true);
    expect(ms).toBeLessThan(20_000); // tsx start-up included; a held-open process would hit the 60 s timeout
  });
});
