// The shared reduction on empty batches, through every loss: "none" gives the empty per-sample
// losses, "sum" gives 0 with an empty gradient (both as in PyTorch), and "mean" — NaN in PyTorch —
// is an error naming the loss and the shape, before a NaN could reach the parameters.
import { describe, expect, test } from "vitest";
import { losses, Tensor, zeros } from "../../src/index";
import type { Reduction } from "../../src/losses/reduction";

type Loss = (x: Tensor, reduction: Reduction) => Tensor;

const cases: [string, Loss][] = [
  ["crossEntropy", (x, reduction) => losses.crossEntropy(x, [], { reduction })],
  ["crossEntropy", (x, reduction) => losses.crossEntropy(x, zeros([0, 3]), { reduction, labelSmoothing: 0.1 })],
  ["mse", (x, reduction) => losses.mse(x, zeros([0, 3]), { reduction })],
  ["bceWithLogits", (x, reduction) => losses.bceWithLogits(x, zeros([0, 3]), { reduction })],
  ["gaussianNLL", (x, reduction) => losses.gaussianNLL(x, zeros([0, 3]), 2, { reduction })],
  ["gaussianNLL", (x, reduction) => losses.gaussianNLL(x, zeros([0, 3]), x, { reduction, logVariance: true })],
  ["poissonNLL", (x, reduction) => losses.poissonNLL(x, zeros([0, 3]), { reduction, full: true })],
  ["klDivergence", (x, reduction) => losses.klDivergence(x.softmax(-1), zeros([0, 3]), { reduction })],
  ["entropy", (x, reduction) => losses.entropy(x.softmax(-1), { reduction })],
  ["gaussianKL", (x, reduction) => losses.gaussianKL(x, x.exp(), 0, 1, { reduction })],
  ["gaussianEntropy", (x, reduction) => losses.gaussianEntropy(x.exp(), { reduction })],
  ["nll", (x, reduction) => losses.nll([{ distribution: "categorical", output: x, target: [] }], { reduction })],
  ["crossEntropy", (x, reduction) => losses.fromDistribution("categorical", x, [], { reduction })],
];

describe("losses on an empty batch (logits or predictions of shape (0, 3))", () => {
  test.each(cases)("%s: reduction none → empty, sum → 0 with an empty gradient, mean → a named error", (name, loss) => {
    const x = zeros([0, 3], { requiresGrad: true });
    expect(loss(x, "none").numel()).toBe(0);
    const total = loss(x, "sum");
    expect(total.item()).toBe(0);
    total.backward();
    expect(x.grad!.shape).toEqual([0, 3]);
    expect(() => loss(x, "mean")).toThrow(
      new RegExp(`^${name}: the batch is empty \\(losses of shape \\[0(, 3)?\\]\\), and the mean of no losses is undefined \\(0/0\\); use reduction "sum" \\(0 for an empty batch\\) or "none", or skip the empty batch$`),
    );
  });

  test("the message a student sees from crossEntropy's default reduction", () => {
    expect(() => losses.crossEntropy(zeros([0, 10]), new Int32Array(0))).toThrow(
      'crossEntropy: the batch is empty (losses of shape [0]), and the mean of no losses is undefined (0/0); use reduction "sum" (0 for an empty batch) or "none", or skip the empty batch',
    );
  });
});
