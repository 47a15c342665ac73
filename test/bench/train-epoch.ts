// Epoch benchmark: one training epoch of the two MNIST-1D acceptance models (test/train/
// mnist1d-models.ts) through train.fit, float32, batch 100, 4000 rows (40 steps) — the unit the
// lectures' training curves and the double-descent sweep are made of. Median of a few epochs
// after two warm-up epochs (V8 and the WASM core tier up during the first calls).

import Table from "cli-table3";
import { losses, optim, type Tensor } from "../../src/index";
import { fit } from "../../src/train";
import type { Module } from "../../src/nn";
import { convBase, mlp, mnist1dF32 } from "../train/mnist1d-models";
import { medianSeconds } from "./timing";

export interface TrainEpochRow {
  model: string;
  optimizer: string;
  parameters: number;
  examples: number;
  /** median seconds per epoch */
  seconds: number;
}

const crossEntropy = (o: Tensor, t: Int32Array | Tensor) => losses.crossEntropy(o, t);

export function benchTrainEpoch(): TrainEpochRow[] {
  const d = mnist1dF32();
  const cases: [string, string, Module, (m: Module) => optim.Optimizer][] = [
    ["MLP 40-100-100-10", "SGD momentum 0.9", mlp(0), (m) => new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9, momentumStyle: "pytorch" })],
    ["CNN ConvBase (3× Conv1d 25 ch)", "Adam", convBase(0), (m) => new optim.Adam(m.parameters(), { lr: 1e-2 })],
  ];
  const rows: TrainEpochRow[] = [];
  for (const [name, optimizerName, model, makeOptimizer] of cases) {
    const optimizer = makeOptimizer(model);
    let seed = 0;
    const epoch = () => {
      fit(model, { train: { x: d.xTrain, y: d.yTrain }, loss: crossEntropy, optimizer, epochs: 1, batchSize: 100, seed: seed++, progress: false });
    };
    const seconds = medianSeconds(epoch, { warmup: 2, minRuns: 5, maxRuns: 20, budget: 3 });
    rows.push({ model: name, optimizer: optimizerName, parameters: model.parameters().reduce((s, p) => s + p.numel(), 0), examples: d.yTrain.length, seconds });
  }
  return rows;
}

export function formatTrainEpochTable(rows: TrainEpochRow[]): string {
  const table = new Table({
    style: { head: [], border: [] }, // no colour codes: the tables are pasted into notes and logs
    head: ["MNIST-1D epoch (f32, batch 100)", "optimizer", "parameters", "rows", "s / epoch", "examples/s"],
    colAligns: ["left", "left", "right", "right", "right", "right"],
  });
  for (const r of rows) {
    table.push([r.model, r.optimizer, r.parameters, r.examples, r.seconds.toFixed(3), (r.examples / r.seconds).toFixed(0)]);
  }
  return ["One epoch through train.fit (forward, backward, update, loss bookkeeping), no validation; medians.", table.toString()].join("\n");
}
