// Algorytm 1: each distribution's NLL equals −log of its density / mass written out in plain JS.
import { expect, test } from "vitest";
import { fromDistribution } from "../../src/losses/from-distribution";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

const sigma = (z: number) => 1 / (1 + Math.exp(-z));

test("gaussian: −log N(y | μ, σ²) with σ² = 1, given, or as log σ²; mean reduction", () => {
  const mu = randomTensor([4]);
  const y = randomTensor([4], { seed: 2 });
  const v = randomTensor([4], { low: 0.3, high: 2, seed: 3 });
  const nlp = (yy: number, m: number, vv: number) => 0.5 * Math.log(2 * Math.PI * vv) + (yy - m) ** 2 / (2 * vv);
  const ms = Array.from(mu.toArray());
  const ys = Array.from(y.toArray());
  const vs = Array.from(v.toArray());
  expectClose(fromDistribution("gaussian", mu, y, { reduction: "none" }).toArray(), ys.map((t, i) => nlp(t, ms[i], 1)), { rtol: 1e-14 });
  const expected = ys.map((t, i) => nlp(t, ms[i], vs[i]));
  expectClose(fromDistribution("gaussian", { mean: mu, variance: v }, y, { reduction: "none" }).toArray(), expected, { rtol: 1e-14 });
  expectClose(fromDistribution("gaussian", { mean: mu, logVariance: v.log() }, y, { reduction: "none" }).toArray(), expected, { rtol: 1e-14 });
  expectClose([fromDistribution("gaussian", { mean: mu, variance: v }, y).item()], [expected.reduce((a, b) => a + b) / 4], { rtol: 1e-14 });
});

test("bernoulli: −log σ(z)ʸ(1 − σ(z))^{1−y}", () => {
  const z = randomTensor([5]);
  const y = [1, 0, 0, 1, 1];
  const expected = Array.from(z.toArray(), (v, i) => -Math.log(y[i] ? sigma(v) : 1 - sigma(v)));
  expectClose(fromDistribution("bernoulli", z, y, { reduction: "none" }).toArray(), expected, { rtol: 1e-13 });
});

test("categorical: −log softmax(z)[y]", () => {
  const z = randomTensor([2, 3]);
  const rows = z.tolist() as number[][];
  const expected = rows.map((r, i) => -Math.log(Math.exp(r[[2, 0][i]]) / r.reduce((s, v) => s + Math.exp(v), 0)));
  expectClose(fromDistribution("categorical", z, [2, 0], { reduction: "none" }).toArray(), expected, { rtol: 1e-14 });
});

test("poisson: −log(λʸe^{−λ}/y!) with λ = e^η; gradcheck", () => {
  const eta = randomTensor([3], { low: -1, high: 1, requiresGrad: true });
  const y = [0, 2, 5];
  const expected = Array.from(eta.toArray(), (e, i) => Math.exp(e) - y[i] * e + Math.log([1, 2, 120][i]));
  expectClose(fromDistribution("poisson", eta, y, { reduction: "none" }).toArray(), expected, { rtol: 1e-14 });
  expect(gradcheck((t) => fromDistribution("poisson", t, y), [eta]).ok).toBe(true);
});

test("unknown names and misplaced parameter objects are named", () => {
  expect(() => fromDistribution("laplace" as never, tensor([0]), [0])).toThrow(/unknown distribution "laplace"/);
  expect(() => fromDistribution("bernoulli", { mean: tensor([0]), variance: 1 }, [0])).toThrow(/the bernoulli distribution takes one output tensor/);
});
