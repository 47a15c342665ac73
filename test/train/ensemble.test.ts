// Algorytm 19 — ensembles. Each member equals a single fit with its seed (and, with bagging, on the
// rows of RandomState(seed).randint(0, n, n), drawn once per member in order); mean and median
// against plain per-element computations.
import { describe, expect, test } from "vitest";
import { RandomState, losses, nn, noGrad, optim, randn, type Tensor } from "../../src/index";
import { gatherLabels, gatherRows } from "../../src/data";
import { ensemblePredict, fit, predict, trainEnsemble } from "../../src/train";
import { expectClose } from "../helpers/expect-close";

const ce = (o: Tensor, t: Int32Array | Tensor) => losses.crossEntropy(o, t);
const rng = new RandomState(21);
const x = randn([24, 3], { generator: rng });
const y = Int32Array.from({ length: 24 }, () => rng.randint(0, 3, 1)[0]);
const factory = (seed: number) => {
  const g = new RandomState(seed);
  return new nn.Sequential(new nn.Linear(3, 8, { generator: g }), new nn.ReLU(), new nn.Linear(8, 3, { generator: g }));
};
const sgd = (m: nn.Module) => new optim.SGD(m.parameters(), { lr: 0.1 });
const params = (m: nn.Module) => m.parameters().flatMap((p) => Array.from(p.toArray()));
const common = { loss: ce, epochs: 3, batchSize: 8, progress: false } as const;

describe("trainEnsemble", () => {
  test("member k is fit(factory(seed + k)) with shuffle seed seed + k", () => {
    const ensemble = trainEnsemble({ ...common, train: { x, y }, factory, optimizer: sgd, members: 3, seed: 10 });
    expect(ensemble.samples).toBeNull();
    for (let k = 0; k < 3; k++) {
      const alone = factory(10 + k);
      fit(alone, { ...common, train: { x, y }, optimizer: sgd(alone), seed: 10 + k });
      expect(params(ensemble.models[k])).toEqual(params(alone));
    }
    expect(params(ensemble.models[0])).not.toEqual(params(ensemble.models[1]));
  });

  test("bagging: bootstrap rows from one RandomState(baggingSeed), randint(0, n, n) per member", () => {
    const ensemble = trainEnsemble({ ...common, train: { x, y }, factory, optimizer: sgd, members: 2, seed: 4, bagging: true, baggingSeed: 99 });
    const draws = new RandomState(99);
    for (let k = 0; k < 2; k++) {
      const idx = Int32Array.from(draws.randint(0, 24, 24));
      expect(Array.from(ensemble.samples![k])).toEqual(Array.from(idx));
      const alone = factory(4 + k);
      fit(alone, { ...common, train: { x: gatherRows(x, idx), y: gatherLabels(y, idx) }, optimizer: sgd(alone), seed: 4 + k });
      expect(params(ensemble.models[k])).toEqual(params(alone));
    }
  });

  test("members must be a positive integer", () => {
    expect(() => trainEnsemble({ ...common, train: { x, y }, factory, optimizer: sgd, members: 0 })).toThrow(/members must be a positive integer \(got 0\)/);
  });
});

describe("ensemblePredict", () => {
  const models = [1, 2, 3, 4].map(factory);
  const outputs = models.map((m) => noGrad(() => m.forward(x)));

  test("predict in batches equals one forward pass", () => {
    expectClose(predict(models[0], x, 5).toArray(), outputs[0].toArray(), { rtol: 1e-15 });
  });

  test.each([[3], [4]])("mean and median of %i members, element by element", (K) => {
    const values = outputs.slice(0, K).map((o) => Array.from(o.toArray()));
    const mean = ensemblePredict(models.slice(0, K), x);
    const median = ensemblePredict(models.slice(0, K), x, { combine: "median", batchSize: 7 });
    expect(mean.shape).toEqual([24, 3]);
    const expectedMean = values[0].map((_, i) => values.reduce((s, v) => s + v[i], 0) / K);
    const expectedMedian = values[0].map((_, i) => {
      const column = values.map((v) => v[i]).sort((a, b) => a - b);
      return K === 3 ? column[1] : (column[1] + column[2]) / 2;
    });
    expectClose(mean.toArray(), expectedMean, { rtol: 1e-14 });
    expectClose(median.toArray(), expectedMedian, { rtol: 1e-15 });
  });

  test("softmax: the mean of probabilities is a distribution over classes", () => {
    const p = ensemblePredict(models, x, { softmax: true });
    const rows = p.tolist() as number[][];
    expectClose(rows.map((r) => r.reduce((a, b) => a + b, 0)), rows.map(() => 1), { rtol: 1e-14 });
    const expected = outputs.map((o) => noGrad(() => o.softmax(-1)).toArray());
    expectClose(p.toArray(), Array.from(expected[0], (_, i) => expected.reduce((s, e) => s + e[i], 0) / 4), { rtol: 1e-14 });
  });

  test("bad input is named", () => {
    expect(() => ensemblePredict([], x)).toThrow(/no models/);
    expect(() => ensemblePredict(models, x, { combine: "mode" as "mean" })).toThrow(/combine must be "mean" or "median" \(got "mode"\)/);
  });
});
