// BatchNorm1d (Algorytm 5) against a plain-JS computation of the notes' formulas, the running
// statistics (unbiased variance, momentum), evaluation mode, gradcheck, and foldBatchNorm.
import { describe, expect, test } from "vitest";
import { BatchNorm1d, foldBatchNorm } from "../../src/nn/batchnorm";
import { Linear } from "../../src/nn/linear";
import { gradcheck, manualSeed, noGrad, rand, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

/** μ_B, σ²_B (biased) and the unbiased variance of each channel of (N, C) — the notes' formulas. */
function channelStats(x: number[][]): { mu: number[]; biased: number[]; unbiased: number[] } {
  const n = x.length;
  const c = x[0].length;
  const mu = Array.from({ length: c }, (_, j) => x.reduce((s, r) => s + r[j], 0) / n);
  const ss = Array.from({ length: c }, (_, j) => x.reduce((s, r) => s + (r[j] - mu[j]) ** 2, 0));
  return { mu, biased: ss.map((v) => v / n), unbiased: ss.map((v) => v / (n - 1)) };
}

describe.each(["float64", "float32"] as const)("BatchNorm1d in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-13 } : { rtol: 2e-5, atol: 2e-6 };

  test("training: z = γ(x − μ_B)/√(σ²_B + ε) + β and running statistics updated with momentum", () => {
    const bn = new BatchNorm1d(3, { dtype, momentum: 0.25 });
    noGrad(() => {
      bn.weight!.copy_(tensor([1.5, -0.5, 2], { dtype }));
      bn.bias!.copy_(tensor([0.1, 0.2, -0.3], { dtype }));
    });
    const x = randomTensor([6, 3], { dtype, low: -3, high: 5 });
    const rows = x.tolist() as number[][];
    const { mu, biased, unbiased } = channelStats(rows);
    const gamma = [1.5, -0.5, 2];
    const beta = [0.1, 0.2, -0.3];
    const expected = rows.flatMap((r) => r.map((v, j) => (gamma[j] * (v - mu[j])) / Math.sqrt(biased[j] + 1e-5) + beta[j]));
    expectClose(bn.forward(x).toArray(), expected, tol);
    expectClose(bn.runningMean.toArray(), mu.map((m) => 0.25 * m), tol);
    expectClose(bn.runningVar.toArray(), unbiased.map((v) => 0.75 + 0.25 * v), tol);
  });

  test("(N, C, L): statistics over the batch and length dimensions", () => {
    const bn = new BatchNorm1d(2, { dtype, affine: false });
    const x = randomTensor([3, 2, 4], { dtype });
    const data = x.tolist() as number[][][];
    // regroup channel values into (N·L, C) rows
    const rows = data.flatMap((sample) => sample[0].map((_, l) => [sample[0][l], sample[1][l]]));
    const { mu, biased } = channelStats(rows);
    const expected = data.flatMap((sample) => sample.flatMap((ch, c) => ch.map((v) => (v - mu[c]) / Math.sqrt(biased[c] + 1e-5))));
    expectClose(bn.forward(x).toArray(), expected, tol);
  });

  test("evaluation uses the running statistics", () => {
    const bn = new BatchNorm1d(2, { dtype });
    bn.forward(randomTensor([5, 2], { dtype, seed: 2 }));
    bn.forward(randomTensor([5, 2], { dtype, seed: 3 }));
    bn.eval();
    const x = randomTensor([4, 2], { dtype, seed: 4 });
    const rm = bn.runningMean.toArray();
    const rv = bn.runningVar.toArray();
    const expected = (x.tolist() as number[][]).flatMap((r) => r.map((v, j) => (v - rm[j]) / Math.sqrt(rv[j] + 1e-5)));
    const before = Array.from(rm);
    expectClose(bn.forward(x).toArray(), expected, tol);
    expect(Array.from(bn.runningMean.toArray())).toEqual(before);
  });
});

describe("BatchNorm1d running statistics with momentum null (cumulative average, as PyTorch's momentum=None)", () => {
  test.each(["float64", "float32"] as const)("after n batches they are the plain means of the n batch statistics (%s)", (dtype) => {
    const bn = new BatchNorm1d(3, { dtype, momentum: null });
    const means: number[][] = [];
    const vars: number[][] = [];
    for (let b = 0; b < 5; b++) {
      const x = randomTensor([4 + b, 3], { dtype, seed: 30 + b, low: -2 + b, high: 3 + 2 * b });
      const { mu, unbiased } = channelStats(x.tolist() as number[][]);
      means.push(mu);
      vars.push(unbiased);
      bn.forward(x);
      const n = b + 1;
      // the average of the first n batch statistics, accumulated in plain JS
      const average = (rows: number[][]) => [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[j], 0) / n);
      const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-13 } : { rtol: 1e-5, atol: 1e-6 };
      expectClose(bn.runningMean.toArray(), average(means), tol);
      expectClose(bn.runningVar.toArray(), average(vars), tol);
      expect(bn.numBatchesTracked.item()).toBe(n);
    }
  });

  test("evaluation neither counts a batch nor changes the statistics; the count is saved with the state", () => {
    const bn = new BatchNorm1d(2, { momentum: null });
    bn.forward(randomTensor([6, 2], { seed: 1 }));
    bn.forward(randomTensor([6, 2], { seed: 2 }));
    const state = bn.stateDict();
    expect(state.numBatchesTracked).toEqual({ shape: [], dtype: "float64", data: [2] });
    bn.eval().forward(randomTensor([3, 2], { seed: 3 }));
    expect(bn.stateDict()).toEqual(state);
    const restored = new BatchNorm1d(2, { momentum: null });
    restored.loadStateDict(state);
    // the third batch enters with weight 1/3 in the restored copy as in the original
    const x = randomTensor([5, 2], { seed: 4 });
    bn.train().forward(x);
    restored.forward(x);
    expectClose(restored.runningMean.toArray(), bn.runningMean.toArray(), { rtol: 0 });
  });

  test("a fixed momentum still counts batches, and a momentum outside [0, 1] is named", () => {
    const bn = new BatchNorm1d(2);
    bn.forward(randomTensor([4, 2]));
    expect(bn.numBatchesTracked.item()).toBe(1);
    expect(bn.momentum).toBe(0.1);
    expect(() => new BatchNorm1d(2, { momentum: 1.5 })).toThrow(/momentum must lie in \[0, 1\], or be null for the cumulative average \(got 1.5\)/);
  });
});

describe("BatchNorm1d", () => {
  test("gradcheck in float64 (training mode) with respect to x, γ and β", () => {
    const bn = new BatchNorm1d(3);
    noGrad(() => bn.weight!.copy_(tensor([0.5, 1.5, -1])));
    const x = randomTensor([5, 3], { requiresGrad: true });
    const w = randomTensor([5, 3], { seed: 8 });
    expect(gradcheck((t) => bn.forward(t).mul(w).sum(), [x]).ok).toBe(true);
    const bn2 = new BatchNorm1d(3);
    expect(gradcheck((t, g, b) => {
      const xHat = t.sub(t.mean(0, true)).div(t.var(0, true, { correction: 0 }).add(1e-5).sqrt());
      return xHat.mul(g).add(b).mul(w).sum();
    }, [x, bn2.weight!, bn2.bias!]).ok).toBe(true);
  });

  test("bad inputs are named", () => {
    const bn = new BatchNorm1d(3);
    expect(() => bn.forward(randomTensor([4, 2]))).toThrow(/BatchNorm1d\(3\): expected input of shape \(N, 3\) or \(N, 3, L\), got \[4, 2\]/);
    expect(() => bn.forward(randomTensor([1, 3]))).toThrow(/more than one value per channel/);
  });
});

describe("foldBatchNorm", () => {
  test.each(["float64", "float32"] as const)("the folded Linear equals Linear → BatchNorm in evaluation mode (%s)", (dtype) => {
    const linear = new Linear(4, 3, { dtype });
    const bn = new BatchNorm1d(3, { dtype });
    noGrad(() => {
      bn.weight!.copy_(tensor([1.2, -0.7, 0.3], { dtype }));
      bn.bias!.copy_(tensor([0.5, 0, -1], { dtype }));
    });
    for (let s = 0; s < 3; s++) bn.forward(linear.forward(randomTensor([8, 4], { dtype, seed: 10 + s })));
    bn.eval();
    const folded = foldBatchNorm(linear, bn);
    const x = randomTensor([6, 4], { dtype, seed: 20 });
    const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-13 } : { rtol: 1e-5, atol: 1e-5 };
    expectClose(folded.forward(x).toArray(), bn.forward(linear.forward(x)).toArray(), tol);
    // W′ = γ/√(σ² + ε)·W row by row, from the formula in plain JS
    const g = bn.weight!.toArray();
    const rv = bn.runningVar.toArray();
    const w = linear.weight.toArray();
    expectClose(folded.weight.toArray(), Array.from(w, (v, i) => (g[Math.floor(i / 4)] / Math.sqrt(rv[Math.floor(i / 4)] + 1e-5)) * v), tol);
  });

  test("works for a Linear without bias and names a size mismatch", () => {
    const linear = new Linear(2, 3, { bias: false });
    const bn = new BatchNorm1d(3).eval();
    const x = randomTensor([2, 2]);
    expectClose(foldBatchNorm(linear, bn).forward(x).toArray(), bn.forward(linear.forward(x)).toArray(), { rtol: 1e-12, atol: 1e-14 });
    expect(() => foldBatchNorm(linear, new BatchNorm1d(4))).toThrow(/BatchNorm1d has 4 features but the Linear has 3 outputs/);
  });
});

test("foldBatchNorm does not advance the default generator", () => {
  const linear = new Linear(2, 2);
  const bn = new BatchNorm1d(2).eval();
  manualSeed(12);
  const expected = rand([3]).tolist();
  manualSeed(12);
  foldBatchNorm(linear, bn);
  expect(rand([3]).tolist()).toEqual(expected);
});

describe("BatchNorm1d on an empty batch", () => {
  test("training mode: a named error (batch statistics of an empty batch do not exist); running statistics untouched", () => {
    const bn = new BatchNorm1d(3);
    for (const shape of [[0, 3], [0, 3, 5], [4, 3, 0]]) {
      expect(() => bn.forward(randomTensor(shape))).toThrow(
        `BatchNorm1d(3): the batch has no values per channel (input shape [${shape.join(", ")}]), and batch statistics of an empty batch do not exist; ` +
          "in training mode every batch needs values (eval() normalises with the running statistics instead)",
      );
    }
    expect(bn.runningMean.tolist()).toEqual([0, 0, 0]);
    expect(bn.runningVar.tolist()).toEqual([1, 1, 1]);
  });

  test("evaluation mode: an empty result", () => {
    const bn = new BatchNorm1d(3).eval();
    expect(bn.forward(randomTensor([0, 3])).shape).toEqual([0, 3]);
    expect(bn.forward(randomTensor([0, 3, 5])).shape).toEqual([0, 3, 5]);
  });
});
