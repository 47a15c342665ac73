// Convolution benchmark: conv1d at the shapes of the MNIST-1D reference CNN (greydanus/mnist1d:
// 1 → 25 → 25 → 25 channels, L = 40, kernel 5, stride 2, padding 1, batch 100) and one conv2d
// (CIFAR-like, 3 → 16 channels, 32 × 32, 3 × 3, padding 1, batch 64), float32, forward and
// forward + backward (dX, dW, db), through conv1d / conv2d on the WASM kernel (relaxed SIMD on 1 and
// 2 threads, SIMD128 on 1) and the reference kernel. GFLOP/s counts the products only: forward
// 2·N·C_out·OH·OW·C_in·KH·KW, backward twice that (dW and dX). The "im2col + col2im" column times
// that kernel's data movement alone (Kernel.im2col + Kernel.col2im, copies in and out of WASM memory
// included); inside convForward / convBackward the WASM kernel keeps the column matrix in its arena.
//
// Run alone (after npm run bench compiled it): node --experimental-wasm-relaxed-simd build/bench/test/bench/conv.js

import Table from "cli-table3";
import { getNumThreads, referenceKernel, setKernel, setNumThreads, type Kernel, type Window2d } from "../../src/core";
import { wasmKernelFor } from "../../src/core/wasm-kernel";
import { allocate } from "../../src/tensor/dtype";
import { conv1d, conv2d } from "../../src/nn/functional-conv";
import type { Tensor } from "../../src/tensor/tensor";
import { randomTensor } from "../helpers/random-tensor";
import { medianSeconds } from "./timing";

export interface ConvRow {
  case: string;
  kernel: string;
  threads: number;
  dtype: "float32";
  /** Median milliseconds of one forward pass (recording for autograd). */
  forwardMs: number;
  /** Median milliseconds of forward + backward. */
  stepMs: number;
  /** Product FLOPs of forward + backward per second, in GFLOP/s. */
  gflops: number;
  /** Median milliseconds of this kernel's im2col (forward) + col2im (backward) alone. */
  im2colMs: number;
}

/** The kernels compared, with the thread count each runs on. */
function convKernels(): [Kernel, number][] {
  const list: [Kernel, number][] = [];
  try {
    const relaxed = wasmKernelFor("relaxed");
    relaxed.gemm(false, false, 1, 1, 1, new Float32Array(1), new Float32Array(1), new Float32Array(1)); // compiles, or throws
    list.push([relaxed, 1], [relaxed, 2]);
  } catch {
    // relaxed SIMD is not available in this process
  }
  list.push([wasmKernelFor("simd128"), 1], [referenceKernel, 1]);
  return list;
}

interface ConvCase {
  case: string;
  x: number[]; // input shape (N, C_in, L) or (N, C_in, H, W)
  w: number[]; // weight shape (C_out, C_in, K…)
  stride: number;
  padding: number;
}

export const convCases: ConvCase[] = [
  { case: "conv1d MNIST-1D layer 1: (100, 1, 40) * (25, 1, 5)", x: [100, 1, 40], w: [25, 1, 5], stride: 2, padding: 1 },
  { case: "conv1d MNIST-1D layer 2: (100, 25, 19) * (25, 25, 5)", x: [100, 25, 19], w: [25, 25, 5], stride: 2, padding: 1 },
  { case: "conv1d MNIST-1D layer 3: (100, 25, 9) * (25, 25, 5)", x: [100, 25, 9], w: [25, 25, 5], stride: 2, padding: 1 },
  { case: "conv2d (64, 3, 32, 32) * (16, 3, 3, 3)", x: [64, 3, 32, 32], w: [16, 3, 3, 3], stride: 1, padding: 1 },
];

function run(c: ConvCase, x: Tensor, w: Tensor, b: Tensor): Tensor {
  return c.x.length === 3 ? conv1d(x, w, b, { stride: c.stride, padding: c.padding }) : conv2d(x, w, b, { stride: c.stride, padding: c.padding });
}

/** The geometry conv1d / conv2d build internally, for timing im2col and col2im on their own. */
function geometry(c: ConvCase, outShape: readonly number[]): Window2d {
  const twoD = c.x.length === 4;
  return {
    n: c.x[0], c: c.x[1], h: twoD ? c.x[2] : 1, w: c.x[c.x.length - 1], kh: twoD ? c.w[2] : 1, kw: c.w[c.w.length - 1],
    strideH: twoD ? c.stride : 1, strideW: c.stride, padH: twoD ? c.padding : 0, padW: c.padding, dilationH: 1, dilationW: 1,
    oh: twoD ? outShape[2] : 1, ow: outShape[outShape.length - 1],
  };
}

export function benchConv(kernels: [Kernel, number][] = convKernels()): ConvRow[] {
  const threadsBefore = getNumThreads();
  const rows: ConvRow[] = [];
  for (const c of convCases) {
    const x = randomTensor(c.x, { dtype: "float32", seed: 1, requiresGrad: true });
    const w = randomTensor(c.w, { dtype: "float32", seed: 2, requiresGrad: true });
    const b = randomTensor([c.w[0]], { dtype: "float32", seed: 3, requiresGrad: true });
    const outShape = run(c, x, w, b).shape;
    const g = randomTensor([...outShape], { dtype: "float32", seed: 4 });
    const outputs = outShape.reduce((p, d) => p * d, 1); // N·C_out·OH·OW
    const flops = 3 * 2 * outputs * c.w.slice(1).reduce((p, d) => p * d, 1);
    const geo = geometry(c, outShape);
    const xData = x.toArray();
    const cols = allocate("float32", geo.c * geo.kh * geo.kw * geo.n * geo.oh * geo.ow);
    const dx = allocate("float32", xData.length);
    for (const [kernel, threads] of kernels) {
      setKernel(kernel);
      setNumThreads(threads);
      const budget = kernel === referenceKernel ? 0.5 : 1;
      const im2colMs = 1000 * medianSeconds(() => {
        kernel.im2col(geo, xData, cols);
        kernel.col2im(geo, cols, dx);
      }, { budget });
      const forwardMs = 1000 * medianSeconds(() => void run(c, x, w, b), { budget });
      const stepMs = 1000 * medianSeconds(() => {
        x.grad = null;
        w.grad = null;
        b.grad = null;
        run(c, x, w, b).backward(g);
      }, { budget });
      rows.push({ case: c.case, kernel: kernel.name, threads, dtype: "float32", forwardMs, stepMs, gflops: flops / (stepMs / 1000) / 1e9, im2colMs });
    }
  }
  setKernel("wasm");
  setNumThreads(threadsBefore);
  return rows;
}

export function formatConvTable(rows: ConvRow[]): string {
  const table = new Table({
    style: { head: [], border: [] }, // no colour codes: the tables are pasted into notes and logs
    head: ["convolution", "kernel", "threads", "dtype", "forward ms", "fwd + bwd ms", "GFLOP/s (fwd + bwd)", "im2col + col2im ms"],
    colAligns: ["left", "left", "right", "left", "right", "right", "right", "right"],
  });
  for (const r of rows) {
    table.push([r.case, r.kernel, r.threads, r.dtype, r.forwardMs.toFixed(3), r.stepMs.toFixed(3), r.gflops.toFixed(2), r.im2colMs.toFixed(3)]);
  }
  return [
    "Convolution as im2col + GEMM; medians. MNIST-1D layers: kernel 5, stride 2, padding 1; conv2d: 3 × 3, padding 1.",
    "GFLOP/s counts the products of forward, dW and dX; im2col + col2im = that kernel's data movement alone, copies included.",
    table.toString(),
  ].join("\n");
}

if (require.main === module) {
  console.log(formatConvTable(benchConv()));
}
