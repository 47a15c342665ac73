import { describe, expect, test } from "vitest";
import { arange, noGrad, ones, tensor, zeros } from "../../src/index";

describe.each(["float64", "float32"] as const)("views in %s share storage and read the right elements", (dtype) => {
  const m = () => arange(12, undefined, 1, { dtype }).reshape(3, 4); // [[0..3],[4..7],[8..11]]

  test("reshape of dense data is a view; -1 is inferred", () => {
    const a = m();
    const b = a.reshape(-1, 6);
    expect(b.shape).toEqual([2, 6]);
    expect(b.storage).toBe(a.storage);
    expect(() => a.reshape(5, -1)).toThrow("reshape: cannot view a tensor of shape [3, 4] (12 elements) as shape [5, -1]");
  });

  test("transpose and permute", () => {
    const t = m().T;
    expect(t.shape).toEqual([4, 3]);
    expect(t.strides).toEqual([1, 4]);
    expect(t.tolist()).toEqual([[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]]);
    expect(t.isContiguous()).toBe(false);
    // reshape of a non-contiguous view copies, in row-major order of the view
    expect(t.reshape(12).tolist()).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    const p = arange(24, undefined, 1, { dtype }).reshape(2, 3, 4).permute(2, 0, 1);
    expect(p.shape).toEqual([4, 2, 3]);
    expect((p.tolist() as number[][][])[1][1][2]).toBe(1 * 12 + 2 * 4 + 1);
  });

  test("slice, select, with negative indices and steps", () => {
    const a = m();
    expect(a.slice(1, 1, 3).tolist()).toEqual([[1, 2], [5, 6], [9, 10]]);
    expect(a.slice(0, -2).tolist()).toEqual([[4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(a.slice(1, 0, undefined, 2).tolist()).toEqual([[0, 2], [4, 6], [8, 10]]);
    expect(a.slice(1, 10, 20).shape).toEqual([3, 0]);
    expect(a.select(0, -1).tolist()).toEqual([8, 9, 10, 11]);
    expect(a.select(1, 2).tolist()).toEqual([2, 6, 10]);
    expect(() => a.select(0, 3)).toThrow("select: index 3 is out of range for dim 0 of size 3 (shape [3, 4])");
  });

  test("expand stretches size-1 dimensions without copying", () => {
    const col = tensor([[1], [2]], { dtype }).expand(2, 3);
    expect(col.strides).toEqual([1, 0]);
    expect(col.tolist()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(() => tensor([1, 2], { dtype }).expand(3)).toThrow("expand: a tensor of shape [2] cannot be expanded to shape [3]");
  });

  test("squeeze, unsqueeze, flatten", () => {
    const a = zeros([2, 1, 3, 1], { dtype });
    expect(a.squeeze().shape).toEqual([2, 3]);
    expect(a.squeeze(1).shape).toEqual([2, 3, 1]);
    expect(a.squeeze(0).shape).toEqual([2, 1, 3, 1]);
    expect(zeros([2, 3]).unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(zeros([2, 3, 4]).flatten(1).shape).toEqual([2, 12]);
  });
});

describe("reading values out", () => {
  test("numel counts elements; size() is the shape, size(dim) one dimension's length", () => {
    const x = zeros([2, 3, 4]);
    expect(x.numel()).toBe(24);
    expect(zeros([2, 0]).numel()).toBe(0);
    expect(tensor(5).numel()).toBe(1);
    expect(x.size()).toEqual([2, 3, 4]);
    expect(x.size(1)).toBe(3);
    expect(x.size(-1)).toBe(4);
    expect(() => x.size(3)).toThrow("size: dim 3 is out of range for a tensor with 3 dimension(s)");
  });

  test("tolist and item", () => {
    expect(tensor([[1, 2]]).tolist()).toEqual([[1, 2]]);
    expect(tensor(5).tolist()).toBe(5);
    expect(tensor([[7]]).item()).toBe(7);
    expect(() => tensor([1, 2]).item()).toThrow("item(): only a tensor with one element has an item; this one has shape [2] (2 elements)");
  });

  test("float32 storage rounds to single precision", () => {
    expect(tensor([0.1], { dtype: "float32" }).item()).toBe(Math.fround(0.1));
  });
});

describe("in-place updates (for optimizers)", () => {
  test("add_ with alpha, mul_, fill_, zero_, copy_ on a view", () => {
    const w = tensor([1, 2, 3]);
    w.add_(tensor([1, 1, 1]), -0.5).mul_(2);
    expect(w.tolist()).toEqual([1, 3, 5]);
    const m = zeros([2, 3]);
    m.select(1, 1).copy_(tensor([7, 8]));
    m.slice(1, 2).fill_(1);
    expect(m.tolist()).toEqual([[0, 7, 1], [0, 8, 1]]);
    m.T.add_(tensor([1, 2]));
    expect(m.tolist()).toEqual([[1, 8, 2], [2, 10, 3]]);
    m.zero_();
    expect(m.tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
  });

  test("in place on a tensor that requires grad is only allowed under noGrad", () => {
    const w = ones([2], { requiresGrad: true });
    expect(() => w.add_(1)).toThrow("add_: an in-place update of a tensor that requires a gradient must run inside noGrad(() => …)");
    noGrad(() => w.add_(1));
    expect(w.tolist()).toEqual([2, 2]);
  });

  test("an update must not change the target's shape", () => {
    expect(() => zeros([3]).add_(zeros([2, 3]))).toThrow("add_: a tensor of shape [2, 3] cannot be written into one of shape [3]");
  });
});

describe("toString (PyTorch layout, truncated for notebooks)", () => {
  test("small tensors", () => {
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe("tensor([[1., 2.],\n        [3., 4.]])");
    expect(tensor([0.5, -1.25], { dtype: "float32", requiresGrad: true }).toString()).toBe("tensor([ 0.5000, -1.2500], dtype=float32, requiresGrad=true)");
    expect(tensor(3.5).toString()).toBe("tensor(3.5000)");
    expect(zeros([0, 3]).toString()).toBe("tensor([], shape=[0, 3])");
    expect(tensor([1e-7, 1]).toString()).toBe("tensor([1.0000e-7, 1.0000e+0])");
    expect(tensor([NaN, Infinity, 1]).toString()).toBe("tensor([nan, inf,  1.])");
  });

  test("large tensors show their corners around an ellipsis", () => {
    const text = arange(4000 * 40).reshape(4000, 40).toString();
    const lines = text.split("\n");
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe("tensor([[     0.,      1.,      2.,      3.,      4., ...,     36.,     37.,     38.,     39.],");
    expect(lines[7].trim()).toBe("...,");
    expect(lines[14]).toContain("159999.]])");
  });
});
