import { describe, expect, test } from "vitest";
import { gradcheck, tensor, where } from "../../../src/index";
import { randomTensor } from "../../helpers/random-tensor";

describe("where and comparisons", () => {
  test("comparisons give 1 and 0 with broadcasting", () => {
    const a = tensor([[1, 2, 3]]);
    const b = tensor([[2], [1]]);
    expect(a.lt(b).tolist()).toEqual([[1, 0, 0], [0, 0, 0]]);
    expect(a.le(b).tolist()).toEqual([[1, 1, 0], [1, 0, 0]]);
    expect(a.gt(b).tolist()).toEqual([[0, 0, 1], [0, 1, 1]]);
    expect(a.ge(b).tolist()).toEqual([[0, 1, 1], [1, 1, 1]]);
    expect(a.eq(2).tolist()).toEqual([[0, 1, 0]]);
    expect(a.ne(2).tolist()).toEqual([[1, 0, 1]]);
  });

  test("where selects with broadcasting and routes the gradient to the chosen side", () => {
    const x = tensor([-1, 2, -3], { requiresGrad: true });
    const y = where(x.gt(0), x, x.mul(0.1));
    expect(y.tolist()).toEqual([-0.1, 2, -0.30000000000000004]);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([0.1, 1, 0.1]);
    expect(where(tensor([[1], [0]]), tensor([5, 6]), 0).tolist()).toEqual([[5, 6], [0, 0]]);
  });

  test("gradcheck (float64)", () => {
    const c = randomTensor([3, 4], { seed: 1 }).gt(0);
    const a = randomTensor([3, 4], { requiresGrad: true, seed: 2 });
    const b = randomTensor([4], { requiresGrad: true, seed: 3 });
    expect(gradcheck((a, b) => where(c, a.exp(), b.square()), [a, b]).ok).toBe(true);
  });
});
