// A child process for the core's process-level tests (test/core/simd.test.ts, threads.test.ts): it
// loads the library as a user would, multiplies two matrices on two threads with the worker computing
// every chunk, checks the result against an accurate product within the rounding-error bound, prints
// one JSON line, and then simply ends — the parent also measures that idle workers let it exit.

import { kernelInfo, setNumThreads, wasmKernel } from "../../src/core";
import { gemmLayout, wasmCore } from "../../src/core/wasm";
import { accurateGemm, expectWithinGemmBound } from "./accurate-gemm";

const [m, n, k] = [37, 70, 300];
const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i) * 0.75);
const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(3 * i) * 1.5);
const exact = accurateGemm(false, false, m, n, k, a, b);

// Through the public kernel, one thread.
setNumThreads(1);
const c = new Float32Array(m * n);
wasmKernel.gemm(false, false, m, n, k, a, b, c);
const boundRatio = expectWithinGemmBound(c, exact, k, "float32");

// On two threads, every chunk on the worker.
setNumThreads(2);
const core = wasmCore();
const at = gemmLayout(core, m, n, k, 4);
core.reserveArena(at.bytes);
const heap = core.f32();
heap.set(a, at.a / 4);
heap.set(b, at.b / 4);
core.gemmThreads().run({ fn: 0, transA: false, transB: false, m, n, k, a: at.a, b: at.b, c: at.c, splitColumns: true, chunk: 8, wsBase: core.heapBase, wsBytes: core.workspaceBytes }, 2, false);
const threaded = core.f32().slice(at.c / 4, at.c / 4 + m * n);

console.log(
  JSON.stringify({
    ...kernelInfo(),
    microTileRows: core.microTileRows,
    boundRatio,
    threadedIdentical: Buffer.compare(Buffer.from(threaded.buffer), Buffer.from(c.buffer)) === 0,
    chunksByThread: core.gemmThreads().chunksByThread(),
  }),
);
