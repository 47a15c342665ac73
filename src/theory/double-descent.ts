// The double-descent experiment of lecture 2 (Rysunek 1; Belkin et al. 2019, Nakkiran et al. 2020;
// udlbook notebook 8.3): train a 40→H→H→10 ReLU MLP for each width H on noisy labels and record
// training and test error. Parameters equal training samples at the interpolation threshold,
// where the test error peaks before falling again. The notebook only picks the widths and plots.

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
import type { Tensor } from "../tensor/tensor";

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
  /** Show a progress line per width (default true). */
  progress?: boolean;
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

/**
 * Trains one model per width and returns training and test error per width.
 * @example
 * const set = data.mnist1d({ numSamples: 100 });
 * const dataset = {
 *   xTrain: tensor(set.xTrain).reshape([80, 40]), yTrain: set.yTrain,
 *   xTest: tensor(set.xTest).reshape([20, 40]), yTest: set.yTest,
 * };
 * const rows = theory.doubleDescentSweep(dataset, { widths: [2, 8], epochs: 2, progress: false });
 * expect(rows.map((r) => r.parameters)).toEqual([theory.mlpParameterCount(2), theory.mlpParameterCount(8)]);
 * for (const r of rows) expect(r.testError).toBeGreaterThanOrEqual(0);
 */
export function doubleDescentSweep(dataset: DoubleDescentData, options: DoubleDescentOptions): DoubleDescentRow[] {
  const { widths, epochs } = options;
  const inputs = dataset.xTrain.shape[1];
  const classes = Math.max(...dataset.yTrain, ...dataset.yTest) + 1;
  const seed = options.seed ?? 100;
  const interpolated: Callback = {
    onEpochEnd: ({ log, stop }) => {
      if (log.trainMetrics.accuracy === 1) stop();
    },
  };
  const bar = options.progress === false ? null : progress(widths.length, { label: "width" });
  const rows: DoubleDescentRow[] = [];
  widths.forEach((H, k) => {
    const started = performance.now();
    const model = doubleDescentModel(H, inputs, classes, dataset.xTrain.dtype, new RandomState(seed + k));
    const optimizer = new SGD(model.parameters(), { lr: options.lr ?? 0.01, momentum: options.momentum ?? 0.9, momentumStyle: "pytorch" });
    const history = fit(model, {
      train: { x: dataset.xTrain, y: dataset.yTrain },
      loss: (out, y) => crossEntropy(out, y),
      optimizer,
      epochs,
      batchSize: options.batchSize ?? 100,
      seed: k,
      progress: false,
      metrics: { accuracy },
      callbacks: options.stopAtInterpolation ? [interpolated] : [],
    });
    const row: DoubleDescentRow = {
      H,
      parameters: mlpParameterCount(H, inputs, classes),
      epochs: history.epochs.length,
      trainError: errorPercent(model, dataset.xTrain, dataset.yTrain),
      testError: errorPercent(model, dataset.xTest, dataset.yTest),
      seconds: (performance.now() - started) / 1000,
    };
    rows.push(row);
    bar?.update(k + 1, `H = ${H}: train error ${row.trainError.toFixed(1)} %, test error ${row.testError.toFixed(1)} % (${row.epochs} epochs, ${row.seconds.toFixed(1)} s)`);
  });
  bar?.finish();
  return rows;
}
