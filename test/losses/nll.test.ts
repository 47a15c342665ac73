// A model with independent outputs: the NLL per sample is the sum of each output's NLL.
import { expect, test } from "vitest";
import { nll } from "../../src/losses/nll";
import { fromDistribution } from "../../src/losses/from-distribution";
import { gradcheck } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

test("Gaussian (N, 2) + categorical (N): per-sample sums of the separate NLLs, then the mean", () => {
  const mu = randomTensor([3, 2], { requiresGrad: true });
  const y = randomTensor([3, 2], { seed: 2 });
  const logits = randomTensor([3, 4], { seed: 3, requiresGrad: true });
  const labels = [3, 0, 1];
  const terms = [
    { distribution: "gaussian" as const, output: mu, target: y },
    { distribution: "categorical" as const, output: logits, target: labels },
  ];
  const g = fromDistribution("gaussian", mu, y, { reduction: "none" }).tolist() as number[][];
  const c = fromDistribution("categorical", logits, labels, { reduction: "none" }).tolist() as number[];
  const perSample = g.map((r, i) => r[0] + r[1] + c[i]);
  expectClose(nll(terms, { reduction: "none" }).toArray(), perSample, { rtol: 1e-14 });
  expectClose([nll(terms).item()], [perSample.reduce((a, b) => a + b) / 3], { rtol: 1e-14 });
  expect(gradcheck((m, l) => nll([{ distribution: "gaussian", output: m, target: y }, { distribution: "categorical", output: l, target: labels }]), [mu, logits]).ok).toBe(true);
});

test("batch sizes must agree, and terms must exist", () => {
  expect(() => nll([
    { distribution: "bernoulli", output: randomTensor([3]), target: [0, 1, 0] },
    { distribution: "bernoulli", output: randomTensor([4]), target: [0, 1, 0, 1] },
  ])).toThrow(/term 1 \(bernoulli\) has 4 samples but the earlier terms have 3/);
  expect(() => nll([])).toThrow(/at least one output term/);
});
