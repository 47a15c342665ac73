// Metrics and batched evaluation for the training loop (fit.ts) and for notebooks: accuracy of
// class logits, and evaluate(), which runs a model over a data set in batches under noGrad in eval
// mode (dropout off, BatchNorm's running statistics) — a whole test set in one batch would keep
// every activation of every layer in memory at once.

import { noGrad } from "../autograd/engine";
import { DataLoader } from "../data/loader";
import type { Module } from "../nn/module";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/** Targets: class indices (Int32Array) or a tensor (regression targets, probabilities). */
export type Targets = Int32Array | Tensor;

/** A loss: (model output, targets) → a scalar tensor, the mean over the batch (e.g. losses.crossEntropy). */
export type LossFn<Y extends Targets = Targets> = (output: Tensor, target: Y) => Tensor;

/**
 * A metric: (model output, targets) → the mean of a per-example quantity over the batch. Means
 * over batches are combined weighted by batch size, so the value of a data set does not depend on
 * how it was batched.
 */
export type Metric<Y extends Targets = Targets> = (output: Tensor, target: Y) => number;

/**
 * The fraction (0…1) of rows whose largest logit is at the target class; ties go to the first
 * maximum, as argmax does.
 * @example
 * const logits = tensor([[2, 1, 0], [0, 1, 3], [5, 0, 0]]);
 * expect(train.accuracy(logits, new Int32Array([0, 2, 1]))).toBeCloseTo(2 / 3, 15);
 */
export function accuracy(logits: Tensor, y: Targets): number {
  if (logits.ndim !== 2) throw new RangeError(`accuracy: logits must be (N, C), got shape ${formatShape(logits.shape)}`);
  if (!(y instanceof Int32Array)) throw new TypeError("accuracy: targets must be class indices in an Int32Array");
  const [rows, classes] = logits.shape;
  if (y.length !== rows) throw new RangeError(`accuracy: ${y.length} targets for ${rows} rows of logits`);
  if (rows === 0) throw new RangeError("accuracy: no rows (the accuracy of an empty batch is undefined)");
  const z = logits.toArray(); // (N, C) row-major
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (z[i * classes + c] > z[i * classes + best]) best = c;
    if (best === y[i]) correct++;
  }
  return correct / rows;
}

export interface EvaluateOptions<Y extends Targets> {
  /** Rows per forward pass (default 1000). */
  batchSize?: number;
  loss?: LossFn<Y>;
  metrics?: Record<string, Metric<Y>>;
}

export interface Evaluation {
  /** Mean loss over all rows (when a loss was given). */
  loss?: number;
  metrics: Record<string, number>;
}

/**
 * Throws before any work when `loader` yields no batch: an empty data set, or dropLast with fewer
 * rows than batchSize. `what` names the data ("the training set") in the message of `op`.
 */
export function requireBatches(op: string, what: string, loader: DataLoader<Targets>): void {
  if (loader.length > 0) return;
  if (loader.numSamples === 0) {
    throw new RangeError(`${op}: ${what} is empty (x has shape ${formatShape(loader.x.shape)})`);
  }
  throw new RangeError(`${op}: ${what} yields no batches: ${loader.numSamples} rows, batchSize ${loader.batchSize} and dropLast: true`);
}

/**
 * Runs a model over a data set or loader in batches (noGrad, eval mode), averaging the loss and each metric over rows.
 * @example
 * const model = new nn.Linear(1, 1);
 * noGrad(() => {
 *   model.weight.fill_(2);
 *   model.bias!.fill_(0);
 * });
 * const x = tensor([[1], [2]]);
 * const y = tensor([[2], [5]]);                          // errors 0 and 1
 * const result = train.evaluate(model, x, y, { loss: (out, t) => losses.mse(out, t as Tensor) });
 * expect(result.loss).toBe(0.5);
 */
export function evaluate<Y extends Targets>(model: Module, x: Tensor | DataLoader<Y>, y?: Y, options: EvaluateOptions<Y> = {}): Evaluation {
  let loader: DataLoader<Y>;
  if (x instanceof DataLoader) loader = x;
  else {
    if (y === undefined) throw new Error("evaluate: targets y must be given with a tensor x");
    loader = new DataLoader(x, y, { batchSize: options.batchSize ?? 1000 });
  }
  requireBatches("evaluate", "the data set", loader);
  const metrics = options.metrics ?? {};
  const wasTraining = model.training;
  model.eval();
  let rows = 0;
  let lossSum = 0;
  const sums: Record<string, number> = Object.fromEntries(Object.keys(metrics).map((k) => [k, 0]));
  try {
    noGrad(() => {
      for (const batch of loader) {
        const n = batch.x.shape[0];
        const out = model.forward(batch.x);
        if (options.loss) lossSum += n * options.loss(out, batch.y).item();
        for (const [name, metric] of Object.entries(metrics)) sums[name] += n * metric(out, batch.y);
        rows += n;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  const result: Evaluation = { metrics: Object.fromEntries(Object.entries(sums).map(([k, s]) => [k, s / rows])) };
  if (options.loss) result.loss = lossSum / rows;
  return result;
}
