// Matrix-multiply benchmark: the WASM core (end to end, and the kernel alone without the copies),
// the TypeScript reference, and tfjs-backend-wasm as a peer, in GFLOP/s = 2·m·n·k / median time.
// Shapes: squares, the MLP 784-256 layer at batch 128 (forward and both backward products), and
// the 512 square in all four transpose variants. Whole run < 90 s: each measurement has a time
// budget, and a call that alone exceeds it (the reference at 1024) is timed once.
//
// Run alone: npx tsx test/bench/matmul.ts

import Table from "cli-table3";
import type { FloatArray } from "../../src/core";
import { referenceKernel, wasmCore, wasmKernel } from "../../src/core";
import { RandomState } from "../../src/data/random";
import { gemmLayout } from "../../src/core/wasm";
import { maxRelativeError } from "../helpers/expect-close";
import { initTfjsWasm } from "./tfjs-peer";
import { medianSeconds } from "./timing";

export interface MatmulRow {
  case: string;
  dtype: "float32" | "float64";
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  /** wasmKernel.gemm end to end: copy A and B into WASM memory, multiply, copy C out. */
  wasm: number;
  /** The WASM kernel alone, operands already in WASM memory. */
  wasmKernelOnly: number;
  reference: number;
  /** tfjs-backend-wasm, 1 thread, SIMD, operands already in its WASM heap; float32 only. */
  tfjs: number | null;
}

interface MatmulCase {
  case: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

const square = (n: number, transA = false, transB = false): MatmulCase => ({
  case: `${n}³ ${transA ? "Aᵀ" : "A"}·${transB ? "Bᵀ" : "B"}`,
  m: n,
  n,
  k: n,
  transA,
  transB,
});

export const matmulCases: MatmulCase[] = [
  ...[64, 128, 256, 512, 1024].map((n) => square(n)),
  // MLP 784-256, batch 128: X (128, 784), W (784, 256), dY (128, 256).
  { case: "mlp X·W", m: 128, n: 256, k: 784, transA: false, transB: false },
  { case: "mlp dW = Xᵀ·dY", m: 784, n: 256, k: 128, transA: true, transB: false },
  { case: "mlp dX = dY·Wᵀ", m: 128, n: 784, k: 256, transA: false, transB: true },
  square(512, true, false),
  square(512, false, true),
  square(512, true, true),
];

interface Budget {
  /** Call for about this long before timing: V8 runs new code ~10× slower until it tiers up. */
  warmupMs: number;
  /** Then time calls for about this long (at least 3 calls)... */
  runMs: number;
  /** ...or this many. */
  maxRuns: number;
}

const FAST: Budget = { warmupMs: 150, runMs: 300, maxRuns: 200 };
const SLOW: Budget = { warmupMs: 100, runMs: 400, maxRuns: 15 };

/** Median milliseconds per call. A first call that alone exceeds runMs is itself the answer. */
function medianMs(fn: () => void, { warmupMs, runMs, maxRuns }: Budget): number {
  const start = performance.now();
  fn();
  const first = performance.now() - start;
  if (first >= runMs) return first;
  // The first call is the slowest, so this many warm-up calls take at most about warmupMs.
  const warmup = Math.ceil(warmupMs / Math.max(first, 0.01));
  return 1000 * medianSeconds(fn, { warmup, minRuns: 3, maxRuns, budget: runMs / 1000 });
}

/** Seeded uniform values in [-1, 1). */
function fillRandom(x: FloatArray, seed: number): FloatArray {
  const rng = new RandomState(seed);
  for (let i = 0; i < x.length; i++) x[i] = 2 * rng.randomSample() - 1;
  return x;
}

export async function benchMatmul(log: (line: string) => void = () => {}): Promise<MatmulRow[]> {
  const tf = await initTfjsWasm();
  const rows: MatmulRow[] = [];
  for (const dtype of ["float32", "float64"] as const) {
    const ArrayType = dtype === "float32" ? Float32Array : Float64Array;
    for (const { case: name, m, n, k, transA, transB } of matmulCases) {
      const gflops = (ms: number) => (2 * m * n * k) / (ms * 1e6);
      const a = fillRandom(new ArrayType(m * k), 1);
      const b = fillRandom(new ArrayType(k * n), 2);
      const c = new ArrayType(m * n);
      const cReference = new ArrayType(m * n);

      const wasm = gflops(medianMs(() => wasmKernel.gemm(transA, transB, m, n, k, a, b, c), FAST));
      const wasmKernelOnly = gflops(medianMs(stageKernelOnly(transA, transB, m, n, k, a, b), FAST));
      const reference = gflops(medianMs(() => referenceKernel.gemm(transA, transB, m, n, k, a, b, cReference), SLOW));
      const tolerance = dtype === "float32" ? 1e-5 : 1e-12;
      if (maxRelativeError(c, cReference) > tolerance) log(`warning: ${name} ${dtype}: wasm and reference disagree`);

      let tfjs: number | null = null;
      if (dtype === "float32") {
        const ta = tf.tensor2d(a as Float32Array, transA ? [k, m] : [m, k]); // float32 in this branch
        const tb = tf.tensor2d(b as Float32Array, transB ? [n, k] : [k, n]);
        const check = tf.matMul(ta, tb, transA, transB);
        if (maxRelativeError(check.dataSync(), cReference) > 1e-4) log(`warning: ${name}: tfjs and reference disagree`);
        check.dispose();
        tfjs = gflops(medianMs(() => tf.matMul(ta, tb, transA, transB).dispose(), FAST));
        ta.dispose();
        tb.dispose();
      }
      const row: MatmulRow = { case: name, dtype, m, n, k, transA, transB, wasm, wasmKernelOnly, reference, tfjs };
      log(`${name} ${dtype}: wasm ${wasm.toFixed(1)}, kernel only ${wasmKernelOnly.toFixed(1)}, reference ${reference.toFixed(2)}, tfjs ${tfjs?.toFixed(1) ?? "—"} GFLOP/s`);
      rows.push(row);
    }
  }
  return rows;
}

/** Copies A and B into the WASM arena once and returns a call of the bare kernel on them. */
function stageKernelOnly(transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray): () => void {
  const core = wasmCore();
  const E = a.BYTES_PER_ELEMENT;
  const at = gemmLayout(m, n, k, E);
  core.reserveArena(at.bytes);
  const heap = E === 4 ? core.f32() : core.f64();
  heap.set(a, at.a / E);
  heap.set(b, at.b / E);
  const kernel = E === 4 ? core.exports.gemm_f32 : core.exports.gemm_f64;
  const tA = transA ? 1 : 0;
  const tB = transB ? 1 : 0;
  return () => kernel(tA, tB, m, n, k, at.a, at.b, at.c);
}

export function formatMatmulTable(rows: MatmulRow[]): string {
  const table = new Table({
    head: ["case", "dtype", "m×n×k", "wasm", "wasm kernel", "reference", "tfjs-wasm", "wasm / tfjs"],
    colAligns: ["left", "left", "left", "right", "right", "right", "right", "right"],
  });
  for (const r of rows) {
    table.push([
      r.case,
      r.dtype,
      `${r.m}×${r.n}×${r.k}`,
      r.wasm.toFixed(1),
      r.wasmKernelOnly.toFixed(1),
      r.reference.toFixed(2),
      r.tfjs === null ? "—" : r.tfjs.toFixed(1),
      r.tfjs === null ? "—" : `${(r.wasm / r.tfjs).toFixed(1)}×`,
    ]);
  }
  return `GFLOP/s, 1 thread, median of timed calls after warm-up\n${table.toString()}`;
}

if (require.main === module) {
  const start = performance.now();
  benchMatmul((line) => console.error(line)).then((rows) => {
    console.log(formatMatmulTable(rows));
    console.log(`matmul bench: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  });
}
