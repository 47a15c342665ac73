// Algorytm 19 — ensembling: train several models and average their predictions; if their errors are
// independent they cancel. The notes' two ways to make the members differ: different
// initialisations (and shuffles) — one seed per member — and bagging (Breiman 1996): each member
// trains on a bootstrap sample, n rows drawn with replacement, `RandomState(seed).randint(0, n, n)`
// once per member in order, so NumPy's `rs.randint(0, n, n)` loop gives the same samples.

import { noGrad } from "../autograd/engine";
import { softmax } from "../autograd/composed";
import { gatherLabels, gatherRows } from "../data/gather";
import { RandomState } from "../data/random";
import type { Module } from "../nn/module";
import type { Optimizer } from "../optim/optimizer";
import { Tensor } from "../tensor/tensor";
import { tensor } from "../tensor/creation";
import { fit, type Dataset, type FitOptions } from "./fit";
import type { History } from "./history";
import type { Targets } from "./metrics";

export interface EnsembleOptions<Y extends Targets> extends Omit<FitOptions<Y>, "train" | "optimizer" | "seed"> {
  train: Dataset<Y>;
  /** Builds member k's model; it should initialise from `seed` (e.g. `manualSeed(seed)` or a generator). */
  factory: (seed: number, member: number) => Module;
  /** Builds member k's optimizer over its model. */
  optimizer: (model: Module) => Optimizer;
  /** Number of members K (≥ 1). */
  members: number;
  /** Member k uses seed + k for its model and its shuffling (default 0). */
  seed?: number;
  /** Train each member on a bootstrap sample (default false: every member sees all rows). */
  bagging?: boolean;
  /** Seed of the one generator drawing the bootstrap samples (default: seed). */
  baggingSeed?: number;
}

export interface Ensemble {
  models: Module[];
  histories: History[];
  /** Row indices of each member's bootstrap sample (bagging only). */
  samples: Int32Array[] | null;
}

/**
 * Trains K members one after another (see the file header for how they differ).
 * @example
 * // bagging: member k trains on rows RandomState(0).randint(0, 4, 4), drawn once per member (NumPy: [0, 3, 1, 0], [3, 3, 3, 3])
 * const ens = train.trainEnsemble({
 *   train: { x: arange(4).reshape([4, 1]), y: arange(4).reshape([4, 1]) },
 *   factory: (seed) => new nn.Linear(1, 1, { generator: new RandomState(seed) }),
 *   optimizer: (m) => new optim.SGD(m.parameters(), { lr: 0.01 }),
 *   loss: (out, t) => losses.mse(out, t as Tensor),
 *   members: 2, epochs: 1, batchSize: 4, bagging: true, progress: false,
 * });
 * expect(ens.models.length).toBe(2);
 * expect(ens.samples!.map((s) => Array.from(s))).toEqual([[0, 3, 1, 0], [3, 3, 3, 3]]);
 */
export function trainEnsemble<Y extends Targets>(options: EnsembleOptions<Y>): Ensemble {
  const { factory, optimizer: makeOptimizer, members, bagging, baggingSeed, train: data, ...fitOptions } = options;
  if (!Number.isInteger(members) || members < 1) throw new RangeError(`trainEnsemble: members must be a positive integer (got ${members})`);
  const seed = options.seed ?? 0;
  const n = data.x.shape[0];
  const bootstrap = bagging ? new RandomState(baggingSeed ?? seed) : null;
  const models: Module[] = [];
  const histories: History[] = [];
  const samples: Int32Array[] = [];
  for (let k = 0; k < members; k++) {
    let train: Dataset<Y> = data;
    if (bootstrap) {
      const idx = Int32Array.from(bootstrap.randint(0, n, n));
      samples.push(idx);
      const y = data.y instanceof Int32Array ? gatherLabels(data.y, idx) : gatherRows(data.y, idx);
      train = { x: gatherRows(data.x, idx), y: y as Y };
    }
    const model = factory(seed + k, k);
    histories.push(fit(model, { ...fitOptions, train, optimizer: makeOptimizer(model), seed: seed + k }));
    models.push(model);
  }
  return { models, histories, samples: bootstrap ? samples : null };
}

export interface EnsemblePredictOptions {
  /** How the members' outputs are combined, element by element (default "mean"). */
  combine?: "mean" | "median";
  /**
   * Combine softmax probabilities instead of raw outputs (for classifiers). The mean of
   * probabilities is again a distribution; the median of each class's probability is not (its
   * rows need not sum to 1) but its argmax is a robust vote. Averaging logits instead would be a
   * geometric-mean-like pooling that lets one over-confident member dominate.
   */
  softmax?: boolean;
  /** Rows per forward pass (default 1000). */
  batchSize?: number;
}

/**
 * One model's outputs on x, batch by batch, under noGrad in eval mode (training mode restored after).
 * @example
 * const model = new nn.Linear(1, 1);
 * noGrad(() => {
 *   model.weight.fill_(3);
 *   model.bias!.fill_(1);
 * });
 * expect(train.predict(model, tensor([[0], [1], [2]]), 2).tolist()).toEqual([[1], [4], [7]]); // two batches
 */
export function predict(model: Module, x: Tensor, batchSize = 1000): Tensor {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`predict: batchSize must be a positive integer (got ${batchSize})`);
  const n = x.shape[0];
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      const parts: Tensor[] = [];
      for (let start = 0; start < n; start += batchSize) {
        const rows = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
        parts.push(model.forward(gatherRows(x, rows)));
      }
      if (parts.length === 1) return parts[0];
      const total = parts.reduce((s, p) => s + p.numel(), 0);
      const data = new Float64Array(total);
      let offset = 0;
      for (const p of parts) {
        data.set(p.toArray(), offset);
        offset += p.numel();
      }
      return tensor(data, { dtype: parts[0].dtype }).reshape([n, ...parts[0].shape.slice(1)]);
    });
  } finally {
    model.train(wasTraining);
  }
}

/**
 * The members' outputs (or softmax probabilities) on x, combined element-wise by mean or median.
 * @example
 * const member = (w: number) => {
 *   const m = new nn.Linear(1, 1, { bias: false });
 *   noGrad(() => m.weight.fill_(w));
 *   return m;
 * };
 * const models = [member(1), member(2), member(6)];
 * expect(train.ensemblePredict(models, tensor([[1]])).tolist()).toEqual([[3]]);                      // mean
 * expect(train.ensemblePredict(models, tensor([[1]]), { combine: "median" }).tolist()).toEqual([[2]]);
 */
export function ensemblePredict(models: Module[], x: Tensor, options: EnsemblePredictOptions = {}): Tensor {
  if (models.length === 0) throw new RangeError("ensemblePredict: no models");
  const combine = options.combine ?? "mean";
  if (combine !== "mean" && combine !== "median") throw new Error(`ensemblePredict: combine must be "mean" or "median" (got "${combine}")`);
  const outputs = models.map((m) => {
    const out = predict(m, x, options.batchSize ?? 1000);
    return options.softmax ? noGrad(() => softmax(out, -1)) : out;
  });
  const shape = outputs[0].shape;
  outputs.forEach((o, k) => {
    if (o.shape.join() !== shape.join()) throw new RangeError(`ensemblePredict: member ${k} gives shape [${o.shape.join(", ")}] but member 0 gives [${shape.join(", ")}]`);
  });
  const values = outputs.map((o) => o.toArray());
  const K = values.length;
  const out = new Float64Array(values[0].length);
  const column = new Float64Array(K);
  for (let i = 0; i < out.length; i++) {
    for (let k = 0; k < K; k++) column[k] = values[k][i];
    if (combine === "mean") {
      let s = 0;
      for (let k = 0; k < K; k++) s += column[k];
      out[i] = s / K;
    } else {
      column.sort(); // typed-array sort is numeric
      out[i] = K % 2 === 1 ? column[(K - 1) / 2] : (column[K / 2 - 1] + column[K / 2]) / 2; // numpy.median
    }
  }
  return tensor(out, { dtype: outputs[0].dtype }).reshape([...shape]);
}
