// View primitives (view, reshape, permute, expand, slice) and copy/cast: view never copies (or
// throws), reshape copies only when it must, and the gradients put every element back where it came
// from. Checked with closed forms and gradcheck.
import { describe, expect, test } from "vitest";
import { arange, gradcheck, tensor, zeros } from "../../../src/index";
import { randomTensor } from "../../helpers/random-tensor";

describe("view never copies; reshape copies only when it must", () => {
  test("a view of a contiguous tensor shares its storage: an in-place write reaches the base", () => {
    const base = arange(12).reshape(3, 4);
    const v = base.view(2, 6);
    expect(v.storage).toBe(base.storage);
    expect(v.offset).toBe(base.offset);
    v.select(1, 5).fill_(-1); // column 5 of (2, 6) = elements 5 and 11 in row-major order
    expect(base.tolist()).toEqual([[0, 1, 2, 3], [4, -1, 6, 7], [8, 9, 10, -1]]);
    const row = base.select(0, 1).view(2, 2); // a row of (3, 4): contiguous at an offset
    row.mul_(10);
    expect(base.select(0, 1).tolist()).toEqual([40, -10, 60, 70]);
    expect(base.view(-1).shape).toEqual([12]);
  });

  test("a view of a transposed tensor throws, naming shape, strides and the requested shape", () => {
    const t = arange(6).reshape(2, 3).T; // (3, 2), strides (1, 3)
    expect(() => t.view(6)).toThrow(
      "view: a tensor of shape [3, 2] with strides [1, 3] cannot be viewed as shape [6] without copying " +
        "(its elements are not laid out in that order in storage); use .reshape(...), which copies when it must, or .contiguous().view(...)",
    );
    expect(() => arange(6).slice(0, 0, 6, 2).view(1, 3).view(3)).not.toThrow(); // a stepped slice keeps its stride
    expect(t.view(3, 2, 1).storage).toBe(t.storage); // adding a size-1 dimension needs no copy
    expect(() => arange(6).reshape(2, 3).view(4, -1)).toThrow("view: cannot view a tensor of shape [2, 3] (6 elements) as shape [4, -1]");
  });

  test("reshape of a transposed tensor copies, in the view's row-major order; contiguous().view() too", () => {
    const t = arange(6).reshape(2, 3).T; // [[0, 3], [1, 4], [2, 5]]
    const r = t.reshape(6);
    expect(r.storage).not.toBe(t.storage);
    expect(r.tolist()).toEqual([0, 3, 1, 4, 2, 5]);
    expect(t.contiguous().view(6).tolist()).toEqual([0, 3, 1, 4, 2, 5]);
    r.fill_(7); // the copy is its own storage
    expect(t.tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  test("gradients flow through view and through a copying reshape", () => {
    const w = tensor([1, 2, 3, 4, 5, 6]);
    const x = zeros([2, 3], { requiresGrad: true });
    x.view(6).mul(w).sum().backward(); // ∂/∂x[i, j] = w[3i + j]
    expect(x.grad!.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
    const y = zeros([2, 3], { requiresGrad: true });
    y.T.reshape(6).mul(w).sum().backward(); // y.T flattened is y[0,0], y[1,0], y[0,1], …: ∂/∂y[i, j] = w[2j + i]
    expect(y.grad!.tolist()).toEqual([[1, 3, 5], [2, 4, 6]]);
    const z = randomTensor([2, 3, 4], { requiresGrad: true, seed: 5 });
    expect(gradcheck((z) => z.view(4, 6).sin(), [z]).ok).toBe(true);
    expect(gradcheck((z) => z.transpose(0, 2).contiguous().view(-1).exp(), [z]).ok).toBe(true);
  });
});

describe("gradients of views", () => {
  test("slice: the gradient lands in the sliced positions, zeros elsewhere", () => {
    const x = arange(6).reshape(2, 3).detach().requiresGrad_();
    x.slice(1, 0, 3, 2).mul(tensor([10, 20])).sum().backward();
    expect(x.grad!.tolist()).toEqual([[10, 0, 20], [10, 0, 20]]);
  });

  test("expand: the gradient is summed over the copies", () => {
    const x = tensor([[1], [2]], { requiresGrad: true });
    x.expand(2, 4).sum().backward();
    expect(x.grad!.tolist()).toEqual([[4], [4]]);
  });

  test("permute and reshape: the gradient is un-permuted / reshaped back", () => {
    const x = randomTensor([2, 3, 4], { requiresGrad: true });
    const w = randomTensor([4, 6], { seed: 2 });
    x.permute(2, 0, 1).reshape(4, 6).mul(w).sum().backward();
    // d/dx of Σ w[k, 3i + j] · x[i, j, k] is w[k, 3i + j]
    const wa = w.tolist() as number[][];
    const expected = [0, 1].map((i) => [0, 1, 2].map((j) => [0, 1, 2, 3].map((k) => wa[k][3 * i + j])));
    expect(x.grad!.tolist()).toEqual(expected);
  });

  test("cast: a float32 leaf gets a float32 gradient through float64 work", () => {
    const x = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    x.double().mul(tensor([0.5, 0.25])).sum().backward();
    expect(x.grad!.dtype).toBe("float32");
    expect(x.grad!.tolist()).toEqual([0.5, 0.25]);
  });

  test.each([
    ["reshape", (x: ReturnType<typeof randomTensor>) => x.reshape(4, 6).sin()],
    ["permute", (x: ReturnType<typeof randomTensor>) => x.permute(1, 2, 0).mul(arange(24).reshape(3, 4, 2))],
    ["transpose then reshape (copies)", (x: ReturnType<typeof randomTensor>) => x.transpose(0, 2).reshape(-1).exp()],
    ["expand", (x: ReturnType<typeof randomTensor>) => x.slice(1, 0, 1).expand(2, 5, 4).cos()],
    ["slice with step", (x: ReturnType<typeof randomTensor>) => x.slice(2, 1, undefined, 2).tanh()],
    ["select", (x: ReturnType<typeof randomTensor>) => x.select(1, -1).square()],
    ["clone", (x: ReturnType<typeof randomTensor>) => x.clone().square()],
  ])("%s passes gradcheck", (_name, fn) => {
    const x = randomTensor([2, 3, 4], { requiresGrad: true, seed: 4 });
    expect(gradcheck(fn, [x]).ok).toBe(true);
  });
});
