// Dropout (Algorytm 20): the mask from the generator, inverted vs weight-scaling, the keep rate
// within a binomial confidence bound, and Monte Carlo dropout.
import { describe, expect, test } from "vitest";
import { Dropout, dropout, mcDropoutPredict } from "../../src/nn/dropout";
import { Sequential } from "../../src/nn/sequential";
import { Linear } from "../../src/nn/linear";
import { BatchNorm1d } from "../../src/nn/batchnorm";
import { gradcheck, ones, RandomState, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

describe.each(["float64", "float32"] as const)("dropout in %s", (dtype) => {
  test("inverted: element i is dropped when the i-th uniform draw is < p, survivors scaled by 1/(1 − p)", () => {
    const x = randomTensor([4, 5], { dtype });
    const y = dropout(x, 0.3, { generator: new RandomState(5) });
    const g = new RandomState(5);
    const expected = Array.from(x.toArray(), (v) => (g.randomSample() < 0.3 ? 0 : v / 0.7));
    expectClose(y.toArray(), expected, dtype === "float64" ? { rtol: 1e-15 } : { rtol: 1e-7 });
    expect(dropout(x, 0.3, { training: false })).toBe(x);
  });

  test("weight-scaling: no scaling in training, ×(1 − p) at inference", () => {
    const x = randomTensor([10], { dtype });
    const y = dropout(x, 0.25, { mode: "weight-scaling", generator: new RandomState(2) });
    const g = new RandomState(2);
    expect(y.tolist()).toEqual(Array.from(x.toArray(), (v) => (g.randomSample() < 0.25 ? v * 0 : v))); // v·0 keeps the sign of zero, as the product does
    expectClose(dropout(x, 0.25, { mode: "weight-scaling", training: false }).toArray(), Array.from(x.toArray(), (v) => v * 0.75), { rtol: 1e-7 });
  });
});

describe("Dropout", () => {
  test("the kept fraction is within 5 binomial standard errors of 1 − p, and E[y] = x for inverted dropout", () => {
    const n = 50000;
    const p = 0.4;
    const y = new Dropout(p, { generator: new RandomState(9) }).forward(ones([n]));
    const kept = Array.from(y.toArray()).filter((v) => v !== 0).length;
    expect(Math.abs(kept / n - (1 - p))).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    // mean of the output: (kept/n)/(1 − p); its standard error is √(p/((1 − p)n))
    const mean = y.mean().item();
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(p / ((1 - p) * n)));
  });

  test("the module follows train()/eval(); gradcheck with a fixed mask", () => {
    const m = new Dropout(0.5);
    const x = randomTensor([3, 3], { requiresGrad: true });
    expect(m.eval().forward(x)).toBe(x);
    expect(gradcheck((t) => dropout(t, 0.5, { generator: new RandomState(1) }).square().sum(), [x]).ok).toBe(true);
    expect(m.toString()).toBe("Dropout(p=0.5)");
    expect(new Dropout(0.1, { mode: "weight-scaling" }).toString()).toBe('Dropout(p=0.1, mode="weight-scaling")');
  });

  test("bad p and mode are named", () => {
    expect(() => new Dropout(1)).toThrow(/p must lie in \[0, 1\) \(got 1\)/);
    expect(() => new Dropout(0.5, { mode: "scaled" as never })).toThrow(/got "scaled"/);
  });
});

describe("mcDropoutPredict", () => {
  test("mean and variance over passes equal a plain-JS recomputation with the same draws; BatchNorm stays in eval", () => {
    const make = () => new Sequential(new Linear(3, 4, { generator: new RandomState(1) }), new BatchNorm1d(4), new Dropout(0.5, { generator: new RandomState(42) }));
    const model = make();
    model.train();
    const x = randomTensor([2, 3]);
    const { mean, variance } = mcDropoutPredict(model, x, 50);
    expect(model.modules().every((m) => m.training)).toBe(true); // modes restored

    // reference: the same network evaluated by hand, 50 masks drawn from the same generator
    const ref = make();
    const h = ref.at(1).eval().forward(ref.at(0).forward(x)).toArray(); // BatchNorm in eval mode
    const g = new RandomState(42);
    const samples = Array.from({ length: 50 }, () => Array.from(h, (v) => (g.randomSample() < 0.5 ? 0 : v * 2)));
    const m = Array.from(h, (_, i) => samples.reduce((s, r) => s + r[i], 0) / 50);
    const v = Array.from(h, (_, i) => samples.reduce((s, r) => s + (r[i] - m[i]) ** 2, 0) / 50);
    expectClose(mean.toArray(), m, { rtol: 1e-12, atol: 1e-14 });
    expectClose(variance.toArray(), v, { rtol: 1e-12, atol: 1e-14 });
    expect(mean.requiresGrad).toBe(false);
  });

  test("without dropout the variance is zero", () => {
    const model = new Linear(2, 2);
    const { variance } = mcDropoutPredict(model, tensor([[1, 2]]), 5);
    expect(variance.tolist()).toEqual([[0, 0]]);
  });
});

test("Dropout of an empty batch is empty in both modes, and draws nothing from its generator", () => {
  const generator = new RandomState(5);
  const layer = new Dropout(0.5, { generator });
  const x = randomTensor([0, 4], { requiresGrad: true });
  const y = layer.forward(x);
  expect(y.shape).toEqual([0, 4]);
  y.sum().backward();
  expect(x.grad!.shape).toEqual([0, 4]);
  expect(layer.eval().forward(x).shape).toEqual([0, 4]);
  expect(generator.randomSample()).toBe(new RandomState(5).randomSample());
});
