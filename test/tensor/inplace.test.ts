// In-place updates through views: the write lands exactly on the viewed elements; a target whose
// elements alias one memory location (an expanded view) is refused; a source that aliases the target
// is read as it was before the update (NumPy's and PyTorch's results), not element by element as it
// is being overwritten.
import { describe, expect, test } from "vitest";
import { arange, noGrad, tensor, zeros } from "../../src/index";

describe("in-place updates and aliasing", () => {
  test("add_, mul_, fill_, copy_ through transposed and stepped views change exactly those elements", () => {
    const w = zeros([2, 3]);
    w.T.add_(tensor([[1, 2], [3, 4], [5, 6]]));
    expect(w.tolist()).toEqual([[1, 3, 5], [2, 4, 6]]);
    w.slice(1, 0, undefined, 2).mul_(10);
    expect(w.tolist()).toEqual([[10, 3, 50], [20, 4, 60]]);
    w.select(0, 1).fill_(-1);
    expect(w.tolist()).toEqual([[10, 3, 50], [-1, -1, -1]]);
    w.slice(1, 1, 3).copy_(tensor([7, 8]));
    expect(w.tolist()).toEqual([[10, 7, 8], [-1, 7, 8]]);
  });

  test("an expanded (stride-0) target is refused by every in-place op, before anything is written", () => {
    const x = zeros([1, 2]);
    const e = x.expand(3, 2); // three rows, one memory row
    const message = "the target of shape [3, 2] (strides [0, 1]) is an expanded view: its 3 elements along dim 0 are one memory location, so the update would be applied to it 3 times; update a .clone() instead";
    expect(() => e.add_(1)).toThrow(`add_: ${message}`);
    expect(() => e.mul_(2)).toThrow(`mul_: ${message}`);
    expect(() => e.fill_(1)).toThrow(`fill_: ${message}`);
    expect(() => e.copy_(tensor([[1, 2], [3, 4], [5, 6]]))).toThrow(`copy_: ${message}`);
    expect(x.tolist()).toEqual([[0, 0]]);
    zeros([1]).expand(1).add_(1); // a stride-0 dim of size 1 aliases nothing
    zeros([2, 0, 3]).add_(1); // nor does an empty tensor (its dense strides are [0, 3, 1])
    const clone = e.clone().add_(1);
    expect(clone.tolist()).toEqual([[1, 1], [1, 1], [1, 1]]);
  });

  test("a source that reads the target's own storage is taken before the update", () => {
    const w = tensor([[1, 2], [3, 4]]);
    w.add_(w.T); // w + wᵀ, not the half-updated [[2, 5], [8, 8]]
    expect(w.tolist()).toEqual([[2, 5], [5, 8]]);
    const v = arange(6);
    v.slice(0, 0, 5).copy_(v.slice(0, 1, 6)); // shift left by one
    expect(v.tolist()).toEqual([1, 2, 3, 4, 5, 5]);
    const u = arange(6);
    u.slice(0, 1, 6).copy_(u.slice(0, 0, 5)); // shift right by one: an element-by-element copy would give all zeros
    expect(u.tolist()).toEqual([0, 0, 1, 2, 3, 4]);
    const p = tensor([1, 2, 3], { requiresGrad: true });
    noGrad(() => p.add_(p, -0.5));
    expect(p.tolist()).toEqual([0.5, 1, 1.5]);
  });
});
