// Dead units (the notes' "dying ReLU problem", lecture 3): a ReLU unit whose weighted input is
// negative for every training example outputs 0 everywhere and gets a zero gradient, so gradient
// descent can never revive it. deadUnits() runs a Sequential model over a data set (evaluation mode,
// noGrad, in batches) and reports, for every activation layer, which units were never active — never
// gave an output > 0 — on any row. Only a Sequential is inspected, because the count needs the
// outputs of its intermediate layers and a Module exposes no hooks.
// Shapes: a layer output (N, F) has F units; (N, C, …) counts C channels, a channel being active
// when any of its positions is.

import { noGrad } from "../autograd/engine";
import { DataLoader } from "../data/loader";
import { ReLU } from "../nn/activations/relu";
import type { Module } from "../nn/module";
import { Sequential } from "../nn/sequential";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

export interface DeadUnitsOptions {
  /** Rows per forward pass (default 1000); the result does not depend on it. */
  batchSize?: number;
  /** Which children are inspected (default: every nn.ReLU). */
  isActivation?: (module: Module) => boolean;
}

export interface LayerDeadUnits {
  /** Position of the activation in the Sequential. */
  index: number;
  units: number;
  /** Units never active on any row. */
  dead: number;
  /** dead / units. */
  fraction: number;
  /** deadMask[j] is true when unit j was never active. */
  deadMask: boolean[];
}

export interface DeadUnitsReport {
  layers: LayerDeadUnits[];
  /** Dead units over all inspected layers. */
  dead: number;
  units: number;
  /** dead / units over all inspected layers. */
  fraction: number;
}

/**
 * The units of each activation layer of `model` that output 0 (≤ 0) for every row of x.
 * @example
 * const linear = new nn.Linear(1, 2);
 * noGrad(() => { linear.weight.copy_(tensor([[1], [-1]])); linear.bias!.zero_(); });
 * const model = new nn.Sequential(linear, new nn.ReLU());
 * const report = train.deadUnits(model, tensor([[1], [2], [3]]));   // unit 1 computes −x < 0 on every row
 * expect(report.layers[0].deadMask).toEqual([false, true]);
 * expect(report.fraction).toBe(0.5);
 */
export function deadUnits(model: Module, x: Tensor, options: DeadUnitsOptions = {}): DeadUnitsReport {
  if (!(model instanceof Sequential)) {
    throw new TypeError(`deadUnits: the model must be an nn.Sequential (its layers' outputs are inspected), got ${model.constructor.name}`);
  }
  if (x.ndim < 1 || x.shape[0] === 0) throw new RangeError(`deadUnits: x must have at least one row (got shape ${formatShape(x.shape)})`);
  const isActivation = options.isActivation ?? ((m: Module) => m instanceof ReLU);
  const layers = model.children();
  const inspected = layers.map((m, i) => (isActivation(m) ? i : -1)).filter((i) => i >= 0);
  if (inspected.length === 0) throw new Error("deadUnits: the model has no activation layer to inspect (default: nn.ReLU)");
  const active = new Map<number, boolean[]>(); // layer index → ever active, per unit
  const wasTraining = model.training;
  model.eval();
  try {
    noGrad(() => {
      const loader = new DataLoader(x, new Int32Array(x.shape[0]), { batchSize: options.batchSize ?? 1000 });
      for (const batch of loader) {
        let h = batch.x;
        layers.forEach((layer, i) => {
          h = layer.forward(h);
          if (inspected.includes(i)) markActive(h, i, active);
        });
      }
    });
  } finally {
    model.train(wasTraining);
  }
  const report = inspected.map((index) => {
    const deadMask = active.get(index)!.map((a) => !a);
    const dead = deadMask.filter((d) => d).length;
    return { index, units: deadMask.length, dead, fraction: dead / deadMask.length, deadMask };
  });
  const dead = report.reduce((s, l) => s + l.dead, 0);
  const units = report.reduce((s, l) => s + l.units, 0);
  return { layers: report, dead, units, fraction: dead / units };
}

/** ORs "some output > 0" per unit of an (N, F) or (N, C, …) output into active[index]. */
function markActive(h: Tensor, index: number, active: Map<number, boolean[]>): void {
  if (h.ndim < 2) throw new RangeError(`deadUnits: layer ${index} gives shape ${formatShape(h.shape)}; expected (N, units) or (N, C, …)`);
  const [n, units] = h.shape;
  const inner = h.shape.slice(2).reduce((p, d) => p * d, 1); // positions per channel
  const values = h.contiguous().toArray(); // (N, units, inner) row-major
  const flags = active.get(index) ?? new Array<boolean>(units).fill(false);
  for (let row = 0; row < n; row++) {
    for (let u = 0; u < units; u++) {
      if (flags[u]) continue;
      const start = (row * units + u) * inner;
      for (let p = 0; p < inner; p++) {
        if (values[start + p] > 0) {
          flags[u] = true;
          break;
        }
      }
    }
  }
  active.set(index, flags);
}
