// The training loop every lecture uses, Keras's `fit` with PyTorch's vocabulary:
// per epoch, model.train() and for each mini-batch zeroGrad → forward → loss → backward → step
// (Algorytm 8 with whatever optimizer is passed), a running mean of the loss; then validation under
// noGrad in eval mode, callbacks (early stopping, Algorytm 18), and one progress line.
//
// Pitfalls it guards against: a NaN or infinite loss — or a finite loss with a NaN or infinite
// gradient, which the optimizer refuses before updating — stops training at once with an error that
// names the epoch, the step, the learning rate and the parameter (TrainingDivergedError, history
// attached), instead of fifty epochs of NaN; an empty training or validation set is an error before any work (not an
// epoch with loss NaN); the shuffling is seeded, so the same seed gives the same bits.

import { DataLoader } from "../data/loader";
import { progress as makeProgress, type Progress } from "../display/progress";
import type { Module } from "../nn/module";
import { setLr, type Optimizer } from "../optim/optimizer";
import { describePlace, NonFiniteGradientError } from "../optim/gradient-check";
import type { Tensor } from "../tensor/tensor";
import { TrainingDivergedError, type Callback, type EpochLog, type History } from "./history";
import { evaluate, requireBatches, type LossFn, type Metric, type Targets } from "./metrics";

/** A data set as rows of x with matching targets y. */
export interface Dataset<Y extends Targets> {
  x: Tensor; // (n, …)
  y: Y; // (n,) class indices or (n, …)
}

export interface FitOptions<Y extends Targets> {
  /** Training rows, batched by fit (batchSize, shuffle, seed), or a DataLoader of your own. */
  train: Dataset<Y> | DataLoader<Y>;
  /** Evaluated after every epoch (eval mode, noGrad). */
  validation?: Dataset<Y> | DataLoader<Y>;
  loss: LossFn<Y>;
  optimizer: Optimizer;
  epochs: number;
  /** Rows per step when train is a Dataset (required then). */
  batchSize?: number;
  /** Reshuffle the rows every epoch (default true; Dataset only). */
  shuffle?: boolean;
  /** Seed of the shuffling (default 0; Dataset only): epoch e uses the e-th RandomState(seed).permutation(n). */
  seed?: number;
  /** Rows per forward pass of the validation (default 1000); does not change the numbers beyond rounding. */
  validationBatchSize?: number;
  metrics?: Record<string, Metric<Y>>;
  /** lr as a pure function of the 0-based global step (src/schedules); set before every step. */
  schedule?: (step: number) => number;
  callbacks?: Callback[];
  /** Show a progress line per epoch (default true). */
  progress?: boolean;
}

function checkOptions<Y extends Targets>(options: FitOptions<Y>): void {
  const { epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`fit: epochs must be a positive integer (got ${epochs})`);
  if (options.train instanceof DataLoader) {
    for (const key of ["batchSize", "shuffle", "seed"] as const) {
      if (options[key] !== undefined) throw new Error(`fit: ${key} (${options[key]}) is set on the DataLoader itself when train is a DataLoader`);
    }
  } else if (options.batchSize === undefined) {
    throw new Error("fit: batchSize must be given when train is {x, y}");
  }
}

function loaderOf<Y extends Targets>(data: Dataset<Y> | DataLoader<Y>, batchSize: number, shuffle: boolean, seed: number): DataLoader<Y> {
  return data instanceof DataLoader ? data : new DataLoader(data.x, data.y, { batchSize, shuffle, seed });
}

/**
 * "loss 0.1234 · val loss 0.2345 · val acc 61.2 %"
 * @example
 * const epochLog = { epoch: 3, trainLoss: 0.12345, trainMetrics: {}, valLoss: 0.5, valMetrics: { accuracy: 0.612 }, lr: 0.1, seconds: 1 };
 * expect(train.epochStatus(epochLog)).toBe("loss 0.1235 · val loss 0.5000 · val acc 61.2 %");
 */
export function epochStatus(log: EpochLog): string {
  const metric = (name: string, value: number) => (name === "accuracy" ? `acc ${(100 * value).toFixed(1)} %` : `${name} ${value.toPrecision(4)}`);
  const parts = [`loss ${log.trainLoss.toFixed(4)}`];
  if (log.valLoss !== undefined) parts.push(`val loss ${log.valLoss.toFixed(4)}`);
  for (const [name, value] of Object.entries(log.valMetrics ?? {})) parts.push(`val ${metric(name, value)}`);
  return parts.join(" · ");
}

/** `parameter "0.weight"` by the optimizer's names or else the model's; `parameter i of group g` when neither has one. */
function parameterName(model: Module, error: NonFiniteGradientError): string {
  const name = error.place.name ?? model.namedParameters().find(([, t]) => t === error.parameter)?.[0] ?? null;
  return describePlace({ ...error.place, name });
}

/** The epoch (1-based) with the lowest valLoss, or trainLoss without validation; 0 for no epochs. */
function lowestLossEpoch(epochs: EpochLog[]): number {
  let best = 0;
  let bestValue = Infinity;
  for (const log of epochs) {
    const value = log.valLoss ?? log.trainLoss;
    if (value < bestValue) [best, bestValue] = [log.epoch, value];
  }
  return best;
}

/**
 * Trains `model` in place and returns its history.
 * @example
 * manualSeed(0);
 * const model = new nn.Linear(1, 1);
 * const x = linspace(-1, 1, 20).reshape([20, 1]);
 * const y = x.mul(3).add(1);                      // y = 3x + 1
 * const history = train.fit(model, {
 *   train: { x, y }, loss: (out, t) => losses.mse(out, t as Tensor), optimizer: new optim.SGD(model.parameters(), { lr: 0.2 }),
 *   epochs: 200, batchSize: 20, progress: false,
 * });
 * expect(history.epochs.at(-1)!.trainLoss).toBeLessThan(1e-8);
 */
export function fit<Y extends Targets>(model: Module, options: FitOptions<Y>): History {
  checkOptions(options);
  const { optimizer, epochs, schedule } = options;
  const loader = loaderOf(options.train, options.batchSize ?? 1, options.shuffle ?? true, options.seed ?? 0);
  requireBatches("fit", "the training set", loader);
  const validation = options.validation && loaderOf(options.validation, options.validationBatchSize ?? 1000, false, 0);
  if (validation) requireBatches("fit", "the validation set", validation);
  const metrics = options.metrics ?? {};
  const callbacks = options.callbacks ?? [];
  const history: History = { epochs: [], stepLosses: [], stoppedEarly: false, bestEpoch: 0 };
  const bar: Progress | null = options.progress ?? true ? makeProgress(epochs, { label: "epoch" }) : null;
  let step = 0; // global, 0-based: the number schedule() receives
  let stopRequested = false;

  for (let epoch = 1; epoch <= epochs && !stopRequested; epoch++) {
    const started = performance.now();
    model.train();
    let rows = 0;
    let lossSum = 0;
    const metricSums: Record<string, number> = Object.fromEntries(Object.keys(metrics).map((k) => [k, 0]));
    for (const batch of loader) {
      if (schedule) setLr(optimizer, schedule(step));
      const lr = optimizer.paramGroups[0].lr;
      optimizer.zeroGrad();
      const output = model.forward(batch.x);
      const loss = options.loss(output, batch.y);
      const value = loss.item();
      history.stepLosses.push(value);
      if (!Number.isFinite(value)) {
        history.bestEpoch = lowestLossEpoch(history.epochs);
        bar?.finish(`diverged at epoch ${epoch}, step ${step}`);
        throw new TrainingDivergedError(value, epoch, step, lr, history);
      }
      loss.backward();
      try {
        optimizer.step();
      } catch (error) {
        if (!(error instanceof NonFiniteGradientError)) throw error;
        history.bestEpoch = lowestLossEpoch(history.epochs);
        bar?.finish(`diverged at epoch ${epoch}, step ${step}`);
        throw new TrainingDivergedError(value, epoch, step, lr, history, { parameter: parameterName(model, error), value: error.value });
      }
      const n = batch.x.shape[0];
      rows += n;
      lossSum += n * value;
      for (const [name, metric] of Object.entries(metrics)) metricSums[name] += n * metric(output, batch.y);
      step++;
    }
    const log: EpochLog = {
      epoch,
      trainLoss: lossSum / rows,
      trainMetrics: Object.fromEntries(Object.entries(metricSums).map(([k, s]) => [k, s / rows])),
      lr: optimizer.paramGroups[0].lr,
      seconds: 0,
    };
    if (validation) {
      const result = evaluate(model, validation, undefined, { loss: options.loss, metrics });
      log.valLoss = result.loss;
      log.valMetrics = result.metrics;
    }
    log.seconds = (performance.now() - started) / 1000;
    history.epochs.push(log);
    for (const callback of callbacks) {
      callback.onEpochEnd?.({ model, history, log, stop: () => (stopRequested = true) });
    }
    history.stoppedEarly = stopRequested && epoch < epochs;
    bar?.update(epoch, epochStatus(log));
  }

  history.bestEpoch = lowestLossEpoch(history.epochs);
  for (const callback of callbacks) callback.onTrainEnd?.({ model, history });
  const last = history.epochs[history.epochs.length - 1];
  bar?.finish(history.stoppedEarly ? `stopped early after epoch ${last.epoch} · ${epochStatus(last)}` : epochStatus(last));
  return history;
}
