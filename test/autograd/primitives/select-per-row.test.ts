// selectPerRow (x[i, index[i]]): values and its gradient by hand, strided input, the sum over a
// one-hot row it replaces (bit for bit, gradients included), and bad shapes.
import { describe, expect, test } from "vitest";
import { eq, gradcheck, tensor, arange } from "../../../src/index";
import { selectPerRow } from "../../../src/autograd/primitives/select-per-row";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

describe("selectPerRow", () => {
  test("picks one entry per row; the gradient goes to exactly those entries", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const y = selectPerRow(x, Int32Array.of(2, 0));
    expect(y.tolist()).toEqual([3, 4]);
    y.mul(tensor([10, 20])).sum().backward();
    expect(x.grad!.tolist()).toEqual([[0, 0, 10], [20, 0, 0]]);
  });

  test("reads a transposed (strided) input", () => {
    const x = tensor([[1, 4], [2, 5], [3, 6]]).T; // (2, 3) = [[1, 2, 3], [4, 5, 6]]
    expect(selectPerRow(x, Int32Array.of(1, 2)).tolist()).toEqual([2, 6]);
  });

  test.each(["float32", "float64"] as const)("%s: the bits of sum(onehot · x, 1), values and gradients", (dtype) => {
    const index = Int32Array.from({ length: 50 }, (_, i) => (i * 7) % 10);
    const x0 = randomTensor([50, 10], { dtype, seed: 4 });
    const g = randomTensor([50], { dtype, seed: 5 });
    const a = x0.detach().requiresGrad_();
    const picked = selectPerRow(a, index);
    picked.backward(g);
    const b = x0.detach().requiresGrad_();
    const onehot = eq(tensor(index, { dtype }).view(50, 1), arange(10, undefined, 1, { dtype }));
    const summed = onehot.mul(b).sum(1);
    summed.backward(g);
    expectClose(picked.toArray(), summed.toArray(), { rtol: 0 });
    expectClose(a.grad!.toArray(), b.grad!.toArray(), { rtol: 0 });
  });

  test("gradcheck in float64", () => {
    expect(gradcheck((x) => selectPerRow(x, Int32Array.of(0, 3, 1)), [randomTensor([3, 4], { seed: 6, requiresGrad: true })]).ok).toBe(true);
  });

  test("refuses an input that is not (N, C) or a wrong number of indices", () => {
    expect(() => selectPerRow(tensor([1, 2]), Int32Array.of(0))).toThrow("selectPerRow: expected x (N, C) and N indices, got x [2] and 1 indices");
    expect(() => selectPerRow(tensor([[1, 2]]), Int32Array.of(0, 1))).toThrow(/got x \[1, 2\] and 2 indices/);
  });
});
