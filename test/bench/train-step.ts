// Training-step benchmark: one SGD step (forward, backward, update) of an MLP with a softmax
// cross-entropy loss, for deepnotes on the WASM kernel, on the reference kernel, and for
// tfjs-backend-wasm doing the same arithmetic. Also measures how much of a deepnotes step is spent
// outside the matmul kernel (autograd bookkeeping, elementwise loops, copies into WASM memory).

import Table from "cli-table3";
import type * as tfType from "@tensorflow/tfjs-core";
import { getKernel, noGrad, randn, setKernel, Tensor, tensor, wasmKernel, type DType, type Kernel } from "../../src/index";
import { RandomState } from "../../src/data/random";
import { medianSeconds } from "./timing";
import { manualMlp, manualSgdStep } from "../helpers/manual-mlp";

export interface TrainStepRow {
  case: string;
  dtype: DType;
  batch: number;
  /** steps per second */
  wasm: number;
  reference: number | null;
  tfjs: number | null;
  /** steps per second of the hand-written step (plain loops, no autograd) on the same WASM kernel */
  manual: number;
  /** fraction of a WASM-kernel step spent outside the matmul kernel */
  outsideMatmul: number;
}

export interface Problem {
  sizes: number[];
  x: Tensor; // (batch, in)
  labels: number[]; // (batch) class indices
  oneHot: Tensor; // (batch, classes)
  params: Tensor[]; // [Ω1 (h1, in), β1 (h1), Ω2 …]
}

/** He-initialised weights Ω (out × in), zero biases, a random batch and random labels. */
export function makeProblem(sizes: number[], batch: number, dtype: DType, seed = 0): Problem {
  const rng = new RandomState(seed);
  const params: Tensor[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = randn([sizes[l + 1], sizes[l]], { dtype, generator: rng }).mul(Math.sqrt(2 / sizes[l])).detach().requiresGrad_();
    params.push(w, tensor(new Float64Array(sizes[l + 1]), { dtype }).requiresGrad_());
  }
  const classes = sizes[sizes.length - 1];
  const labels = Array.from({ length: batch }, () => Math.floor(rng.randomSample() * classes));
  const oneHot = tensor(labels.map((c) => Array.from({ length: classes }, (_, k) => (k === c ? 1 : 0))), { dtype });
  return { sizes, x: randn([batch, sizes[0]], { dtype, generator: rng }), labels, oneHot, params };
}

/** Mean softmax cross-entropy of an MLP with ReLU hidden layers: the forward pass of the step. */
export function mlpLoss(x: Tensor, oneHot: Tensor, params: Tensor[]): Tensor {
  let h = x;
  for (let l = 0; l < params.length; l += 2) {
    h = h.matmul(params[l].T).add(params[l + 1]); // (batch, out)
    if (l + 2 < params.length) h = h.relu();
  }
  return h.logsumexp(1).sub(h.mul(oneHot).sum(1)).mean(); // −log softmax(h)[label], averaged
}

export function sgdStep(problem: Problem, lr = 0.01): number {
  const loss = mlpLoss(problem.x, problem.oneHot, problem.params);
  loss.backward();
  noGrad(() => {
    for (const p of problem.params) {
      p.add_(p.grad!, -lr);
      p.grad = null;
    }
  });
  return loss.item();
}

/** A Kernel that forwards to another and adds up the time spent inside it. */
function timedKernel(inner: Kernel): Kernel & { seconds: number } {
  return {
    ...inner,
    name: `timed ${inner.name}`,
    seconds: 0,
    gemm(...args) {
      const t0 = performance.now();
      inner.gemm(...args);
      this.seconds += (performance.now() - t0) / 1000;
    },
  };
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

function outsideMatmulShare(sizes: number[], batch: number, dtype: DType): number {
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
  { case: "MLP 784-256-10", sizes: [784, 256, 10], batch: 128, dtype: "float32" as DType },
  { case: "MLP 784-256-10", sizes: [784, 256, 10], batch: 128, dtype: "float64" as DType },
  { case: "MLP 40-8-8-10", sizes: [40, 8, 8, 10], batch: 100, dtype: "float32" as DType },
  { case: "MLP 40-8-8-10", sizes: [40, 8, 8, 10], batch: 100, dtype: "float64" as DType },
];

export function benchTrainStep(tf: typeof tfType | null, { budget = 2 } = {}): TrainStepRow[] {
  return trainCases.map((c) => ({
    case: c.case,
    dtype: c.dtype,
    batch: c.batch,
    wasm: deepnotesStepsPerSecond(c.sizes, c.batch, c.dtype, "wasm", budget),
    reference: deepnotesStepsPerSecond(c.sizes, c.batch, c.dtype, "reference", budget / 2),
    tfjs: tf && c.dtype === "float32" ? tfjsStepsPerSecond(tf, c.sizes, c.batch, budget) : null,
    manual: manualStepsPerSecond(c.sizes, c.batch, c.dtype, budget),
    outsideMatmul: outsideMatmulShare(c.sizes, c.batch, c.dtype),
  }));
}

export function formatTrainTable(rows: TrainStepRow[]): string {
  const table = new Table({
    style: { head: [], border: [] }, // no colour codes: the tables are pasted into notes and logs
    head: ["training step", "dtype", "batch", "deepnotes steps/s", "examples/s", "reference kernel", "hand-written", "framework cost", "outside matmul", "tfjs-wasm", "deepnotes / tfjs"],
    colAligns: ["left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  });
  for (const r of rows) {
    table.push([
      r.case,
      r.dtype,
      r.batch,
      r.wasm.toFixed(0),
      (r.wasm * r.batch).toFixed(0),
      r.reference === null ? "—" : r.reference.toFixed(1),
      r.manual.toFixed(0),
      // share of a deepnotes step that the hand-written step does not need: tensors, autograd, dispatch
      `${(100 * Math.max(0, 1 - r.wasm / r.manual)).toFixed(0)} %`,
      `${(100 * r.outsideMatmul).toFixed(0)} %`,
      r.tfjs === null ? "—" : r.tfjs.toFixed(0),
      r.tfjs === null ? "—" : `${(r.wasm / r.tfjs).toFixed(1)}×`,
    ]);
  }
  return [
    "SGD training step (forward, backward, update), 1 thread, softmax cross-entropy; steps/s are medians.",
    "hand-written = the same step as plain loops around the same WASM gemm, no tensors or autograd;",
    "framework cost = 1 − deepnotes/hand-written; outside matmul = share of a deepnotes step not in the gemm kernel.",
    table.toString(),
  ].join("\n");
}
