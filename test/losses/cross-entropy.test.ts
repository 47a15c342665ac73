import { describe, expect, test } from "vitest";
import { crossEntropy } from "../../src/losses/cross-entropy";
import { gradcheck, tensor, zeros } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

/** Plain-JS log softmax of one row. */
function logSoftmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
}

describe.each(["float64", "float32"] as const)("crossEntropy in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-15 } : { rtol: 3e-6, atol: 2e-6 };

  test("uniform logits give log C", () => {
    expectClose([crossEntropy(zeros([4, 10], { dtype }), [0, 3, 9, 5]).item()], [Math.log(10)], tol);
  });

  test("class indices: −log softmax(z)[t]; gradient (softmax − onehot)/N; Int32Array, number[] and tensor targets agree", () => {
    const z = randomTensor([4, 5], { dtype, requiresGrad: true });
    const t = [1, 0, 4, 2];
    const rows = z.tolist() as number[][];
    const logp = rows.map(logSoftmaxRow);
    expectClose(crossEntropy(z, t, { reduction: "none" }).toArray(), t.map((c, i) => -logp[i][c]), tol);
    const loss = crossEntropy(z, Int32Array.from(t));
    expect(crossEntropy(z, tensor(t)).item()).toBe(loss.item());
    expect(crossEntropy(z, t).item()).toBe(loss.item());
    loss.backward();
    expectClose(z.grad!.toArray(), logp.flatMap((r, i) => r.map((v, c) => (Math.exp(v) - (c === t[i] ? 1 : 0)) / 4)), tol);
  });

  test("label smoothing: target (1 − ε)·onehot + ε/C", () => {
    const z = randomTensor([3, 4], { dtype });
    const logp = (z.tolist() as number[][]).map(logSoftmaxRow);
    const t = [3, 0, 1];
    const eps = 0.1;
    const expected = t.map((c, i) => -logp[i].reduce((s, v, k) => s + ((k === c ? 1 - eps : 0) + eps / 4) * v, 0));
    expectClose(crossEntropy(z, t, { labelSmoothing: eps, reduction: "none" }).toArray(), expected, tol);
  });

  test("probability targets: −Σ q log p", () => {
    const z = randomTensor([2, 3], { dtype });
    const q = tensor([[0.2, 0.5, 0.3], [1, 0, 0]], { dtype });
    const logp = (z.tolist() as number[][]).map(logSoftmaxRow);
    const qs = q.tolist() as number[][];
    const expected = qs.map((r, i) => -r.reduce((s, v, k) => s + v * logp[i][k], 0));
    expectClose([crossEntropy(z, q, { reduction: "sum" }).item()], [expected[0] + expected[1]], tol);
  });

  test("class indices read −log p_target directly: the bits of the one-hot sum −Σ_c q_c log p_c, loss and gradient", () => {
    const z0 = randomTensor([30, 10], { dtype, seed: 7, low: -5, high: 5 });
    const t = Int32Array.from({ length: 30 }, (_, i) => (i * 3) % 10);
    const onehot = tensor(Array.from(t, (c) => Array.from({ length: 10 }, (_, k) => (k === c ? 1 : 0))), { dtype });
    const [a, b] = [z0.detach().requiresGrad_(), z0.detach().requiresGrad_()];
    const byIndex = crossEntropy(a, t);
    const byOnehot = crossEntropy(b, onehot); // probability targets: the composition
    expect(byIndex.item()).toBe(byOnehot.item());
    byIndex.backward();
    byOnehot.backward();
    expectClose(a.grad!.toArray(), b.grad!.toArray(), { rtol: 0 });
  });

  test("logits ±1e4: finite loss and gradient", () => {
    const z = tensor([[1e4, -1e4, 0], [-1e4, 1e4, 1e4]], { dtype, requiresGrad: true });
    const loss = crossEntropy(z, [1, 0], { reduction: "none" });
    expectClose(loss.toArray(), [2e4, 1e4 + 1e4 + Math.log(2)], tol);
    loss.sum().backward();
    expectClose(z.grad!.toArray(), [1, -1, 0, -1, 0.5, 0.5], tol);
  });
});

describe("crossEntropy", () => {
  test("gradcheck with indices, smoothing and probability targets", () => {
    const z = randomTensor([3, 4], { requiresGrad: true });
    expect(gradcheck((t) => crossEntropy(t, [0, 3, 2], { labelSmoothing: 0.2 }), [z]).ok).toBe(true);
    const q = randomTensor([3, 4], { low: 0, high: 1, seed: 3 }).softmax();
    expect(gradcheck((t) => crossEntropy(t, q), [z]).ok).toBe(true);
  });

  test("bad targets are named", () => {
    const z = zeros([4, 10]);
    expect(() => crossEntropy(z, [0, 1, 2, 10])).toThrow("crossEntropy: target 10 at index 3 is out of range for 10 classes");
    expect(() => crossEntropy(z, [0, -1, 2, 3])).toThrow("crossEntropy: target -1 at index 1 is out of range for 10 classes");
    expect(() => crossEntropy(z, [0, 1.5, 2, 3])).toThrow("crossEntropy: target 1.5 at index 1 is not an integer class index");
    expect(() => crossEntropy(z, [0, 1, 2])).toThrow("crossEntropy: 3 targets for 4 rows of logits (logits shape [4, 10])");
    expect(() => crossEntropy(zeros([10]), [1])).toThrow("crossEntropy: logits must be (N, C), got shape [10]");
    expect(() => crossEntropy(z, zeros([4, 9]))).toThrow(/probability targets of shape \[4, 9\] do not match logits of shape \[4, 10\]/);
  });
});
