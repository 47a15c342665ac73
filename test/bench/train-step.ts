// Training-step benchmark: one SGD step (forward, backward, update) of an MLP with a softmax
// cross-entropy loss — written as a user writes it (nn.linear layers, ReLU, losses.crossEntropy,
// optim.SGD) — for deepnotes on the WASM kernel (1 and 2 threads) and on the reference kernel, for a
// hand-written step (plain loops around the same WASM kernel, no tensors or autograd) and for
// tfjs-backend-wasm doing the same arithmetic. Also measures the share of a deepnotes step spent
// outside kernel calls (autograd bookkeeping, the loss, the optimizer, allocation).

import Table from "cli-table3";
import type * as tfType from "@tensorflow/tfjs-core";
import { getKernel, getNumThreads, losses, nn, optim, randn, setKernel, setNumThreads, Tensor, wasmKernel, type DType, type Kernel } from "../../src/index";
import { RandomState } from "../../src/data/random";
import { medianSeconds } from "./timing";
import { manualMlp, manualSgdStep } from "../helpers/manual-mlp";

export interface TrainStepRow {
  case: string;
  dtype: DType;
  batch: number;
  threads: number;
  /** steps per second */
  wasm: number;
  reference: number | null;
  tfjs: number | null;
  /** steps per second of the hand-written step (plain loops, no autograd) on the same WASM kernel */
  manual: number | null;
  /** fraction of a WASM-kernel step spent outside kernel calls */
  outsideKernels: number;
}

export interface Problem {
  sizes: number[];
  x: Tensor; // (batch, in)
  labels: Int32Array; // (batch) class indices
  params: Tensor[]; // [Ω1 (h1, in), β1 (h1), Ω2 …]
  optimizer: optim.SGD;
}

/** He-initialised weights Ω (out × in), zero biases, a random batch and random labels. */
export function makeProblem(sizes: number[], batch: number, dtype: DType, seed = 0, lr = 0.01): Problem {
  const rng = new RandomState(seed);
  const params: Tensor[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = randn([sizes[l + 1], sizes[l]], { dtype, generator: rng }).mul(Math.sqrt(2 / sizes[l])).detach().requiresGrad_();
    params.push(w, new Tensor(dtype === "float32" ? new Float32Array(sizes[l + 1]) : new Float64Array(sizes[l + 1]), [sizes[l + 1]]).requiresGrad_());
  }
  const classes = sizes[sizes.length - 1];
  const labels = Int32Array.from({ length: batch }, () => Math.floor(rng.randomSample() * classes));
  return { sizes, x: randn([batch, sizes[0]], { dtype, generator: rng }), labels, params, optimizer: new optim.SGD(params, { lr }) };
}

/** Mean softmax cross-entropy of an MLP with ReLU hidden layers: the forward pass of the step. */
export function mlpLoss(x: Tensor, labels: Int32Array, params: Tensor[]): Tensor {
  let h = x;
  for (let l = 0; l < params.length; l += 2) {
    h = nn.linear(h, params[l], params[l + 1]); // (batch, out)
    if (l + 2 < params.length) h = h.relu();
  }
  return losses.crossEntropy(h, labels);
}

/** One step: zeroGrad, forward, backward, optimizer step; returns the loss. */
export function sgdStep(problem: Problem): number {
  problem.optimizer.zeroGrad();
  const loss = mlpLoss(problem.x, problem.labels, problem.params);
  loss.backward();
  problem.optimizer.step();
  return loss.item();
}

/** A Kernel that forwards to another and adds up the time spent inside its calls. */
function timedKernel(inner: Kernel): Kernel & { seconds: number } {
  const timed = {
    name: `timed ${inner.name}`,
    seconds: 0,
    time<T>(call: () => T): T {
      const t0 = performance.now();
      const result = call();
      timed.seconds += (performance.now() - t0) / 1000;
      return result;
    },
  };
  const kernel: Kernel = {
    name: timed.name,
    gemm: (...args) => timed.time(() => inner.gemm(...args)),
    axpy: (...args) => timed.time(() => inner.axpy(...args)),
    linearForward: (...args) => timed.time(() => inner.linearForward(...args)),
    linearBackward: (...args) => timed.time(() => inner.linearBackward(...args)),
    relu: (...args) => timed.time(() => inner.relu(...args)),
    reluBackward: (...args) => timed.time(() => inner.reluBackward(...args)),
    im2col: (...args) => timed.time(() => inner.im2col(...args)),
    col2im: (...args) => timed.time(() => inner.col2im(...args)),
    convForward: (...args) => timed.time(() => inner.convForward(...args)),
    convBackward: (...args) => timed.time(() => inner.convBackward(...args)),
  };
  return Object.defineProperty(kernel, "seconds", { get: () => timed.seconds, set: (s: number) => (timed.seconds = s) }) as Kernel & { seconds: number };
}

function deepnotesStepsPerSecond(sizes: number[], batch: number, dtype: DType, kernel: "wasm" | "reference", budget: number): number {
  const previous = getKernel();
  setKernel(kernel);
  try {
    const problem = makeProblem(sizes, batch, dtype);
    return 1 / medianSeconds(() => sgdStep(problem), { budget, minRuns: kernel === "reference" ? 3 : 10 });
  } finally {
    setKernel(previous);
  }
}

function outsideKernelsShare(sizes: number[], batch: number, dtype: DType): number {
  const timed = timedKernel(wasmKernel);
  const previous = getKernel();
  setKernel(timed);
  try {
    const problem = makeProblem(sizes, batch, dtype);
    for (let i = 0; i < 20; i++) sgdStep(problem);
    timed.seconds = 0;
    const steps = 200;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) sgdStep(problem);
    const total = (performance.now() - t0) / 1000;
    return 1 - timed.seconds / total;
  } finally {
    setKernel(previous);
  }
}

/** The hand-written step on copies of the same parameters and data, on the WASM kernel. */
function manualStepsPerSecond(sizes: number[], batch: number, dtype: DType, budget: number): number {
  const problem = makeProblem(sizes, batch, dtype);
  const weights = problem.params.filter((_, i) => i % 2 === 0).map((p) => p.toArray().slice());
  const biases = problem.params.filter((_, i) => i % 2 === 1).map((p) => p.toArray().slice());
  const mlp = manualMlp(sizes, weights, biases);
  const x = problem.x.toArray();
  return 1 / medianSeconds(() => manualSgdStep(mlp, wasmKernel, x, problem.labels, 0.01), { budget, minRuns: 10 });
}

/** The same step in tfjs: variables Ω (out × in), matMul with transposeB, softmax cross-entropy, SGD. */
function tfjsStepsPerSecond(tf: typeof tfType, sizes: number[], batch: number, budget: number): number {
  const rng = new RandomState(0);
  const variables: tfType.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = Float32Array.from({ length: sizes[l + 1] * sizes[l] }, () => rng.standardNormal() * Math.sqrt(2 / sizes[l]));
    variables.push(tf.variable(tf.tensor2d(w, [sizes[l + 1], sizes[l]])), tf.variable(tf.zeros([sizes[l + 1]])));
  }
  const classes = sizes[sizes.length - 1];
  const x = tf.tensor2d(Float32Array.from({ length: batch * sizes[0] }, () => rng.standardNormal()), [batch, sizes[0]]);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, () => Math.floor(rng.randomSample() * classes)), "int32"), classes);
  const optimizer = tf.train.sgd(0.01);
  const step = () => {
    const cost = optimizer.minimize(() => {
      let h: tfType.Tensor2D = x;
      for (let l = 0; l < variables.length; l += 2) {
        h = tf.add(tf.matMul(h, variables[l] as tfType.Tensor2D, false, true), variables[l + 1]);
        if (l + 2 < variables.length) h = tf.relu(h);
      }
      const logp = tf.logSoftmax(h);
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, logp), 1))) as tfType.Scalar;
    }, true);
    cost!.dataSync();
    cost!.dispose();
  };
  const seconds = medianSeconds(step, { budget, minRuns: 5 });
  tf.dispose([...variables, x, labels]);
  optimizer.dispose();
  return 1 / seconds;
}

export const trainCases = [
  { case: "MLP 784-256-10", sizes: [784, 256, 10], batch: 128, dtype: "float32" as DType, threads: 1 },
  { case: "MLP 784-256-10", sizes: [784, 256, 10], batch: 128, dtype: "float32" as DType, threads: 2 },
  { case: "MLP 784-256-10", sizes: [784, 256, 10], batch: 128, dtype: "float64" as DType, threads: 1 },
  { case: "MLP 40-8-8-10", sizes: [40, 8, 8, 10], batch: 100, dtype: "float32" as DType, threads: 1 },
  { case: "MLP 40-8-8-10", sizes: [40, 8, 8, 10], batch: 100, dtype: "float64" as DType, threads: 1 },
];

/**
 * Every case; the peers (reference kernel, hand-written step, tfjs-wasm) only on one thread, since
 * the reference and tfjs-wasm have no second thread and the hand-written step's threads are the kernel's.
 */
export function benchTrainStep(tf: typeof tfType | null, { budget = 2 } = {}): TrainStepRow[] {
  const threadsBefore = getNumThreads();
  try {
    return trainCases.map((c) => {
      setNumThreads(c.threads);
      const single = c.threads === 1;
      return {
        case: c.case,
        dtype: c.dtype,
        batch: c.batch,
        threads: c.threads,
        wasm: deepnotesStepsPerSecond(c.sizes, c.batch, c.dtype, "wasm", budget),
        reference: single ? deepnotesStepsPerSecond(c.sizes, c.batch, c.dtype, "reference", budget / 2) : null,
        tfjs: tf && single && c.dtype === "float32" ? tfjsStepsPerSecond(tf, c.sizes, c.batch, budget) : null,
        manual: single ? manualStepsPerSecond(c.sizes, c.batch, c.dtype, budget) : null,
        outsideKernels: outsideKernelsShare(c.sizes, c.batch, c.dtype),
      };
    });
  } finally {
    setNumThreads(threadsBefore);
  }
}

export function formatTrainTable(rows: TrainStepRow[]): string {
  const table = new Table({
    style: { head: [], border: [] }, // no colour codes: the tables are pasted into notes and logs
    head: ["training step", "dtype", "batch", "threads", "deepnotes steps/s", "examples/s", "reference kernel", "hand-written", "deepnotes / hand-written", "outside kernels", "tfjs-wasm", "deepnotes / tfjs"],
    colAligns: ["left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  });
  for (const r of rows) {
    table.push([
      r.case,
      r.dtype,
      r.batch,
      r.threads,
      r.wasm.toFixed(0),
      (r.wasm * r.batch).toFixed(0),
      r.reference === null ? "—" : r.reference.toFixed(1),
      r.manual === null ? "—" : r.manual.toFixed(0),
      // below 1: what tensors, autograd and dispatch cost; above 1: the fused kernels beat the plain loops
      r.manual === null ? "—" : `${(r.wasm / r.manual).toFixed(2)}×`,
      `${(100 * r.outsideKernels).toFixed(0)} %`,
      r.tfjs === null ? "—" : r.tfjs.toFixed(0),
      r.tfjs === null ? "—" : `${(r.wasm / r.tfjs).toFixed(1)}×`,
    ]);
  }
  return [
    "SGD training step (forward, backward, update), softmax cross-entropy; steps/s are medians.",
    "hand-written = the same step as plain loops around the same WASM gemm, no tensors or autograd (its bias, ReLU and",
    "softmax are JS loops, which deepnotes' fused kernels beat); outside kernels = share of a deepnotes step not inside a kernel call.",
    table.toString(),
  ].join("\n");
}
