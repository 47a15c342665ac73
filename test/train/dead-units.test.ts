// deadUnits (the dying-ReLU count) against a plain-JS forward pass of the same weights: a unit is dead
// when its ReLU output is 0 on every row. Weights are set so that some units are dead on purpose and
// one is active on a single row only (it must not be counted, whatever the batch size).
import { describe, expect, test } from "vitest";
import { deadUnits } from "../../src/train/dead-units";
import { BatchNorm1d, Conv1d, LeakyReLU, Linear, ReLU, Sequential } from "../../src/nn/index";
import { noGrad, tensor } from "../../src/index";
import { randomTensor } from "../helpers/random-tensor";

/** ReLU(x·Wᵀ + b) of plain arrays: rows × units. */
function reluLayer(x: number[][], w: number[][], b: number[]): number[][] {
  return x.map((row) => w.map((wi, i) => Math.max(0, wi.reduce((s, v, j) => s + v * row[j], b[i]))));
}

function setLinear(layer: Linear, w: number[][], b: number[]): void {
  noGrad(() => {
    layer.weight.copy_(tensor(w));
    layer.bias!.copy_(tensor(b));
  });
}

describe("deadUnits", () => {
  const w1 = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, -1, -1], [0.5, -0.5, 0.2]];
  const b1 = [0, -10, 0.1, -10, 0]; // unit 1 fires only where x₁ > 10; unit 3 never (−Σx − 10 < 0 here)
  const w2 = [[1, 1, 1, 1, 1], [-1, -1, -1, -1, -1], [0.3, -0.2, 0.1, 0, 2]];
  const b2 = [0, -1, -0.2]; // unit 1 computes −Σh − 1 < 0 for h ≥ 0: dead

  function model(): Sequential {
    const l1 = new Linear(3, 5);
    const l2 = new Linear(5, 3);
    setLinear(l1, w1, b1);
    setLinear(l2, w2, b2);
    return new Sequential(l1, new ReLU(), l2, new ReLU());
  }

  test.each([1, 3, 1000])("matches a plain-JS count of never-positive outputs (batchSize %i)", (batchSize) => {
    const x = randomTensor([40, 3], { seed: 5, low: -1, high: 1 }).tolist() as number[][];
    x.push([0, 10.5, 0]); // the single row on which unit 1 of the first layer fires
    const h1 = reluLayer(x, w1, b1);
    const h2 = reluLayer(h1, w2, b2);
    const neverActive = (h: number[][]) => h[0].map((_, j) => h.every((row) => row[j] <= 0));
    const report = deadUnits(model(), tensor(x), { batchSize });
    expect(report.layers.map((l) => l.index)).toEqual([1, 3]);
    expect(report.layers[0].deadMask).toEqual(neverActive(h1));
    expect(report.layers[1].deadMask).toEqual(neverActive(h2));
    // the weights were chosen for this pattern, which the plain-JS pass confirms
    expect(neverActive(h1)).toEqual([false, false, false, true, false]);
    expect(neverActive(h2)).toEqual([false, true, false]);
    expect(report.dead).toBe(2);
    expect(report.units).toBe(8);
    expect(report.fraction).toBe(2 / 8);
  });

  test("restores training mode and does not record a graph; BatchNorm uses its running statistics", () => {
    const m = new Sequential(new Linear(2, 4), new BatchNorm1d(4), new ReLU());
    m.train();
    const x = randomTensor([10, 2], { seed: 1, requiresGrad: true });
    const before = (m[1] as BatchNorm1d).numBatchesTracked.item();
    deadUnits(m, x);
    expect(m.training).toBe(true);
    expect((m[1] as BatchNorm1d).numBatchesTracked.item()).toBe(before);
  });

  test("(N, C, L) outputs count channels; other activations via isActivation", () => {
    const conv = new Conv1d(1, 2, 1, { bias: true });
    noGrad(() => {
      conv.weight.copy_(tensor([[[1]], [[-1]]]));
      conv.bias!.zero_();
    });
    const x = tensor([[[1, 2, -3, 4]], [[0.5, 0.1, 0.2, 0.3]]]); // channel 1 = −x is positive at one position
    const r = deadUnits(new Sequential(conv, new ReLU()), x);
    expect(r.layers[0].deadMask).toEqual([false, false]);
    const positive = tensor([[[1, 2, 3, 4]]]);
    expect(deadUnits(new Sequential(conv, new ReLU()), positive).layers[0].deadMask).toEqual([false, true]);
    const leaky = deadUnits(new Sequential(conv, new LeakyReLU(0.2)), positive, { isActivation: (m) => m instanceof LeakyReLU });
    expect(leaky.layers[0].deadMask).toEqual([false, true]);
  });

  test("bad input is named", () => {
    expect(() => deadUnits(new Linear(2, 2), tensor([[1, 2]]))).toThrow(/must be an nn.Sequential.*got Linear/);
    expect(() => deadUnits(new Sequential(new Linear(2, 2)), tensor([[1, 2]]))).toThrow(/no activation layer/);
    expect(() => deadUnits(new Sequential(new Linear(2, 2), new ReLU()), tensor([[1, 2]]).slice(0, 0, 0))).toThrow(/at least one row/);
  });
});
