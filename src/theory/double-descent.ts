// The double-descent experiment of lecture 2 (Rysunek 1; Belkin et al. 2019, Nakkiran et al. 2020;
// udlbook notebook 8.3): train a 40→H→H→10 ReLU MLP for each width H on noisy labels and record
// training and test error. Parameters equal training samples at the interpolation threshold,
// where the test error peaks before falling again. The notebook only picks the widths and plots.
//
// The book's sweep is 28 widths × 1000 epochs, ~1.1 million optimizer steps: the widths are trained
// in parallel, each in a worker thread with its own deepnotes instance (./double-descent-worker.ts),
// widest first, so the two cores of a laptop finish together. A width's training depends only on its
// seeds, so the rows are the same bits whatever the number of workers (workers: 0 trains them one
// after another in the calling thread). The sweep is async: while the workers train, the calling
// thread is free to show their progress (a notebook's output only updates between tasks).

import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { workersAllowed } from "../core/wasm";
import { RandomState } from "../data/random";
import { Linear } from "../nn/linear";
import { Module } from "../nn/module";
import { ReLU } from "../nn/activations/relu";
import { Sequential } from "../nn/sequential";
import { heUniform_ } from "../init/he";
import { zeros_ } from "../init/basic";
import { initModule } from "../init/init-module";
import { crossEntropy } from "../losses/cross-entropy";
import { SGD } from "../optim/sgd";
import { fit } from "../train/fit";
import { accuracy, evaluate } from "../train/metrics";
import type { Callback } from "../train/history";
import { progress } from "../display/progress";
import type { DType } from "../tensor/dtype";
import { denseElements, Tensor } from "../tensor/tensor";

export interface DoubleDescentData {
  xTrain: Tensor; // (n_train, inputs)
  yTrain: Int32Array; // (n_train) class indices, some of them noisy
  xTest: Tensor; // (n_test, inputs)
  yTest: Int32Array; // (n_test)
}

export interface DoubleDescentOptions {
  widths: readonly number[];
  epochs: number;
  /** SGD with PyTorch-style momentum, as the book's experiment (defaults lr 0.01, momentum 0.9, batch 100). */
  lr?: number;
  momentum?: number;
  batchSize?: number;
  /** Stop a width once an epoch classifies every training batch correctly (saves time; the book trains on). */
  stopAtInterpolation?: boolean;
  /** Seed of width k's initialisation is seed + k (default 100); of its batch order, k. */
  seed?: number;
  /** Show a progress line (default true). */
  progress?: boolean;
  /**
   * Worker threads training widths at the same time (default: the machine's cores, at most one per
   * width, or 0 where Node's permission model forbids worker threads); 0 trains every width in the
   * calling thread. The rows do not depend on it.
   */
  workers?: number;
}

export interface DoubleDescentRow {
  H: number;
  parameters: number;
  epochs: number;
  /** Errors in percent. */
  trainError: number;
  testError: number;
  seconds: number;
}

/**
 * Parameters of a D_in→H→H→D_out MLP with biases: (D_in+1)H + (H+1)H + (H+1)D_out.
 * @example
 * expect(theory.mlpParameterCount(10)).toBe(630);                         // 41·10 + 11·10 + 11·10
 */
export function mlpParameterCount(H: number, inputs = 40, classes = 10): number {
  return (inputs + 1) * H + (H + 1) * H + (H + 1) * classes;
}

/**
 * The (real) width at which the parameter count equals `samples`: the root of H² + (D_in+D_out+2)H + D_out − n = 0.
 * @example
 * expect(theory.interpolationThreshold(630)).toBe(10);                    // H² + 52H + 10 − 630 = 0
 */
export function interpolationThreshold(samples: number, inputs = 40, classes = 10): number {
  const b = inputs + classes + 2;
  return (-b + Math.sqrt(b * b + 4 * (samples - classes))) / 2;
}

/**
 * The MLP of the experiment: He-uniform weights, zero biases, parameters in `dtype` of the data.
 * @example
 * const model = theory.doubleDescentModel(10, 40, 10, "float32", new RandomState(0));
 * expect(model.parameters().reduce((n, p) => n + p.numel(), 0)).toBe(theory.mlpParameterCount(10));
 * expect(model.forward(zeros([3, 40], { dtype: "float32" })).shape).toEqual([3, 10]);
 */
export function doubleDescentModel(H: number, inputs: number, classes: number, dtype: "float32" | "float64", generator: RandomState): Sequential {
  const model = new Sequential(
    new Linear(inputs, H, { dtype, generator }), new ReLU(),
    new Linear(H, H, { dtype, generator }), new ReLU(),
    new Linear(H, classes, { dtype, generator }),
  );
  initModule(model, { weight: (w) => heUniform_(w, { generator }), bias: (b) => zeros_(b) });
  return model;
}

function errorPercent(model: Module, x: Tensor, y: Int32Array): number {
  return 100 * (1 - evaluate(model, x, y, { metrics: { accuracy } }).metrics.accuracy);
}

/** What one width's training needs besides the data: everything that decides its numbers. */
export interface WidthJob {
  H: number;
  /** The width's position in options.widths: its seeds are seed + index (weights) and index (batch order). */
  index: number;
  epochs: number;
  lr: number;
  momentum: number;
  batchSize: number;
  stopAtInterpolation: boolean;
  seed: number;
}

/** Trains the model of one width and measures it; onEpoch(epoch) after every epoch. Used by the calling thread and by the workers alike. */
export function trainWidth(dataset: DoubleDescentData, job: WidthJob, onEpoch: (epoch: number) => void): DoubleDescentRow {
  const started = performance.now();
  const inputs = dataset.xTrain.shape[1];
  const classes = Math.max(...dataset.yTrain, ...dataset.yTest) + 1;
  const model = doubleDescentModel(job.H, inputs, classes, dataset.xTrain.dtype, new RandomState(job.seed + job.index));
  const optimizer = new SGD(model.parameters(), { lr: job.lr, momentum: job.momentum, momentumStyle: "pytorch" });
  const callback: Callback = {
    onEpochEnd: ({ log, stop }) => {
      onEpoch(log.epoch);
      if (job.stopAtInterpolation && log.trainMetrics.accuracy === 1) stop();
    },
  };
  const history = fit(model, {
    train: { x: dataset.xTrain, y: dataset.yTrain },
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    epochs: job.epochs,
    batchSize: job.batchSize,
    seed: job.index,
    progress: false,
    metrics: { accuracy },
    callbacks: [callback],
  });
  return {
    H: job.H,
    parameters: mlpParameterCount(job.H, inputs, classes),
    epochs: history.epochs.length,
    trainError: errorPercent(model, dataset.xTrain, dataset.yTrain),
    testError: errorPercent(model, dataset.xTest, dataset.yTest),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Trains one model per width and returns training and test error per width, in the order of `widths`.
 * @example
 * const set = data.mnist1d({ numSamples: 100 });
 * const dataset = {
 *   xTrain: tensor(set.xTrain).reshape([80, 40]), yTrain: set.yTrain,
 *   xTest: tensor(set.xTest).reshape([20, 40]), yTest: set.yTest,
 * };
 * const options = { widths: [2, 8], epochs: 2, progress: false };
 * const rows = await theory.doubleDescentSweep(dataset, { ...options, workers: 2 });   // one width per worker thread
 * expect(rows.map((r) => r.parameters)).toEqual([theory.mlpParameterCount(2), theory.mlpParameterCount(8)]);
 * // every width is seeded on its own: the same numbers as training the widths one by one here
 * const serial = await theory.doubleDescentSweep(dataset, { ...options, workers: 0 });
 * expect(rows.map((r) => [r.trainError, r.testError])).toEqual(serial.map((r) => [r.trainError, r.testError]));
 */
export async function doubleDescentSweep(dataset: DoubleDescentData, options: DoubleDescentOptions): Promise<DoubleDescentRow[]> {
  const { widths, epochs } = options;
  const workers = options.workers ?? (workersAllowed() ? Math.min(availableParallelism(), widths.length) : 0);
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`doubleDescentSweep: workers must be a non-negative integer, got ${workers}`);
  if (workers > 0 && !workersAllowed()) throw new Error("doubleDescentSweep: this process may not start worker threads (Node's permission model without --allow-worker); pass workers: 0");
  const jobs: WidthJob[] = widths.map((H, index) => ({
    H, index, epochs,
    lr: options.lr ?? 0.01,
    momentum: options.momentum ?? 0.9,
    batchSize: options.batchSize ?? 100,
    stopAtInterpolation: options.stopAtInterpolation ?? false,
    seed: options.seed ?? 100,
  }));
  const bar = options.progress === false ? null : progress(widths.length * epochs, { label: "epoch" });
  const epochsDone = new Array<number>(widths.length).fill(0);
  const rows: DoubleDescentRow[] = [];
  const report = {
    epoch(index: number, epoch: number) {
      epochsDone[index] = epoch;
      bar?.update(sum(epochsDone), `${rows.length}/${widths.length} widths`);
    },
    row(index: number, row: DoubleDescentRow) {
      rows[index] = row;
      epochsDone[index] = epochs; // a width that stopped early counts as finished
      const finished = rows.filter((r) => r !== undefined).length;
      bar?.update(sum(epochsDone), `${finished}/${widths.length} widths · H = ${row.H}: train error ${row.trainError.toFixed(1)} %, test error ${row.testError.toFixed(1)} % (${row.epochs} epochs, ${row.seconds.toFixed(1)} s)`);
    },
  };
  if (workers === 0) {
    for (const job of jobs) {
      report.row(job.index, trainWidth(dataset, job, (epoch) => report.epoch(job.index, epoch)));
      await new Promise((resolve) => setImmediate(resolve)); // let a notebook show the progress
    }
  } else {
    await trainInWorkers(dataset, jobs, Math.min(workers, jobs.length), report);
  }
  bar?.finish(`${widths.length} widths`);
  return rows;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** A tensor's dense elements and shape, as a worker receives it. */
export interface TransferredTensor {
  data: Float32Array | Float64Array;
  shape: number[];
  dtype: DType;
}

/** What a worker thread starts with (workerData). */
export interface SweepWorkerData {
  xTrain: TransferredTensor;
  yTrain: Int32Array;
  xTest: TransferredTensor;
  yTest: Int32Array;
}

/** Messages from a worker: progress, a finished width, or the error that ended a width's training. */
export type SweepWorkerMessage =
  | { type: "epoch"; index: number; epoch: number }
  | { type: "row"; index: number; row: DoubleDescentRow }
  | { type: "error"; index: number; message: string };

function transferred(t: Tensor): TransferredTensor {
  return { data: denseElements(t).slice(), shape: [...t.shape], dtype: t.dtype };
}

/**
 * The worker's entry point: the compiled .js next to this file, or — when this file runs as
 * TypeScript source (the tests) — the .ts source loaded through tsx, so the workers run the same code.
 * That worker does not inherit the node options: a parent started with `--import tsx` would hand it
 * a second loader registration, which ends the worker before it starts.
 */
function startWorker(workerData: SweepWorkerData): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `double-descent-worker${extension}`);
  if (extension === ".js") return new Worker(entry, { workerData });
  const tsx = createRequire(__filename).resolve("tsx/cjs/api");
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true, workerData, execArgv: [] });
}

/** Hands the widths, widest first, to `count` workers as they become free; resolves when every row is in. */
function trainInWorkers(
  dataset: DoubleDescentData,
  jobs: WidthJob[],
  count: number,
  report: { epoch(index: number, epoch: number): void; row(index: number, row: DoubleDescentRow): void },
): Promise<void> {
  const queue = [...jobs].sort((a, b) => b.H - a.H); // the widest (slowest) first, so no worker is left with a long one at the end
  const workerData: SweepWorkerData = { xTrain: transferred(dataset.xTrain), yTrain: dataset.yTrain, xTest: transferred(dataset.xTest), yTest: dataset.yTest };
  return new Promise((resolve, reject) => {
    let remaining = jobs.length;
    let failed = false;
    const pool: Worker[] = [];
    const retired = new Set<Worker>(); // workers stopped because no width was left for them
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(error);
    };
    const next = (worker: Worker) => {
      const job = queue.shift();
      if (job !== undefined) {
        worker.postMessage(job);
        return;
      }
      retired.add(worker);
      void worker.terminate();
    };
    for (let i = 0; i < count; i++) {
      const worker = startWorker(workerData);
      pool.push(worker);
      worker.on("message", (message: SweepWorkerMessage) => {
        if (message.type === "epoch") report.epoch(message.index, message.epoch);
        else if (message.type === "error") fail(new Error(`doubleDescentSweep: training width H = ${jobs[message.index].H} failed in a worker thread: ${message.message}`));
        else {
          report.row(message.index, message.row);
          if (--remaining === 0) resolve();
          next(worker);
        }
      });
      worker.on("error", (error) => fail(new Error(`doubleDescentSweep: a worker thread failed: ${error.message}`, { cause: error })));
      worker.on("exit", (code) => {
        if (!retired.has(worker) && remaining > 0) fail(new Error(`doubleDescentSweep: a worker thread exited with code ${code} before the sweep was done`));
      });
      next(worker);
    }
  });
}
