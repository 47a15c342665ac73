// Reductions against plain-JS loops over explicit indices, their gradients against closed forms,
// and gradcheck; argmax/argmin against a linear scan.
import { describe, expect, test } from "vitest";
import { gradcheck, tensor, Tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

/** Reduces a dense (2, 3, 4) array over `dims` with `combine`, by explicit index loops. */
function reduce3(t: Tensor, dims: number[], init: number, combine: (acc: number, v: number) => number): number[] {
  const [A, B, C] = t.shape;
  const v = t.toArray();
  const keep = [A, B, C].map((d, i) => (dims.includes(i) ? 1 : d));
  const out = new Array<number>(keep[0] * keep[1] * keep[2]).fill(init);
  for (let i = 0; i < A; i++)
    for (let j = 0; j < B; j++)
      for (let k = 0; k < C; k++) {
        const o = ((dims.includes(0) ? 0 : i) * keep[1] + (dims.includes(1) ? 0 : j)) * keep[2] + (dims.includes(2) ? 0 : k);
        out[o] = combine(out[o], v[(i * B + j) * C + k]);
      }
  return out;
}

const dimSets = [[0], [1], [2], [0, 2], [0, 1, 2]];

describe.each(["float64", "float32"] as const)("reductions in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-14, atol: 1e-14 } : { rtol: 1e-6, atol: 1e-6 };

  test.each(dimSets)("sum and max over dims %j, with and without keepdim", (...dims) => {
    const x = randomTensor([2, 3, 4], { dtype, seed: 5 });
    const keptShape = [2, 3, 4].map((d, i) => (dims.includes(i) ? 1 : d));
    const s = x.sum(dims, true);
    expect(s.shape).toEqual(keptShape);
    expectClose(s.toArray(), reduce3(x, dims, 0, (a, v) => a + v), tol);
    expect(x.sum(dims).shape).toEqual(keptShape.filter((_, i) => !dims.includes(i)));
    expectClose(x.max(dims, true).toArray(), reduce3(x, dims, -Infinity, Math.max), tol);
    expectClose(x.min(dims, true).toArray(), reduce3(x, dims, Infinity, Math.min), tol);
  });

  test("sum/mean/max of everything, and of a transposed view", () => {
    const x = randomTensor([3, 5], { dtype, seed: 6 });
    const all = Array.from(x.toArray());
    expectClose([x.sum().item()], [all.reduce((a, b) => a + b)], tol);
    expectClose([x.mean().item()], [all.reduce((a, b) => a + b) / 15], tol);
    expect(x.max().item()).toBe(Math.max(...all));
    expectClose(x.T.sum(0).toArray(), x.sum(1).toArray(), tol);
  });

  test("argmax/argmin pick the first extreme along a dim or over all elements", () => {
    const x = tensor([[1, 5, 5], [7, -2, 0]], { dtype });
    expect(x.argmax(1).tolist()).toEqual([1, 0]);
    expect(x.argmin(0).tolist()).toEqual([0, 1, 1]);
    expect(x.argmax().item()).toBe(3);
    expect(x.argmax(1, true).shape).toEqual([2, 1]);
    const big = randomTensor([7, 9], { dtype, seed: 8 });
    const rows = big.tolist() as number[][];
    expect(big.argmax(1).tolist()).toEqual(rows.map((r) => r.indexOf(Math.max(...r))));
  });

  test("gradient of sum is ones; of max is the indicator of the maximum, shared among ties", () => {
    const x = tensor([[1, 3, 3], [0, 2, -1]], { dtype, requiresGrad: true });
    x.sum().backward();
    expect(x.grad!.tolist()).toEqual([[1, 1, 1], [1, 1, 1]]);
    x.zeroGrad();
    x.max(1).sum().backward();
    expect(x.grad!.tolist()).toEqual([[0, 0.5, 0.5], [0, 1, 0]]);
  });

  test("max, min, argmax over an empty dim are errors that name the dim; over other dims of an empty tensor they are empty; an empty sum is 0, an empty mean NaN (as in PyTorch)", () => {
    expect(() => tensor([], { dtype }).max()).toThrow("max: dim 0 of the tensor of shape [0] is empty, and an empty set has no maximum");
    const rows = randomTensor([0, 3], { dtype }); // a batch of no rows
    expect(() => rows.max(0)).toThrow("max: dim 0 of the tensor of shape [0, 3] is empty, and an empty set has no maximum");
    expect(() => rows.min()).toThrow("min: dim 0 of the tensor of shape [0, 3] is empty, and an empty set has no minimum");
    expect(() => rows.argmax(0)).toThrow("argmax: dim 0 of the tensor of shape [0, 3] is empty, and an empty set has no maximum");
    expect(() => rows.argmin()).toThrow("argmin: dim 0 of the tensor of shape [0, 3] is empty, and an empty set has no minimum");
    for (const r of [rows.max(1), rows.min(1), rows.argmax(1), rows.argmin(1, true)]) expect(r.numel()).toBe(0);
    expect(rows.max(1).shape).toEqual([0]);
    expect(rows.argmin(1, true).shape).toEqual([0, 1]);
    expect(tensor([], { dtype }).sum().item()).toBe(0);
    expect(rows.sum(0).tolist()).toEqual([0, 0, 0]);
    expect(tensor([], { dtype }).mean().item()).toBeNaN();
  });
});

describe("reductions pass gradcheck (float64)", () => {
  test.each(dimSets)("sum, mean, max, min, var over %j", (...dims) => {
    const x = randomTensor([2, 3, 4], { seed: 9, requiresGrad: true });
    expect(gradcheck((x) => x.sum(dims), [x]).ok).toBe(true);
    expect(gradcheck((x) => x.mean(dims, true), [x]).ok).toBe(true);
    expect(gradcheck((x) => x.max(dims), [x]).ok).toBe(true);
    expect(gradcheck((x) => x.min(dims), [x]).ok).toBe(true);
    expect(gradcheck((x) => x.var(dims), [x]).ok).toBe(true);
  });
});
