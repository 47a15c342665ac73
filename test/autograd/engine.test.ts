// The backward engine: chain rule through shared subexpressions, accumulation into .grad, the
// output-gradient form of backward, noGrad/detach, retainGrad, owned gradients (kept without a copy,
// added into in place, never shared), and its error messages.
import { describe, expect, test } from "vitest";
import { nn, noGrad, ones, tensor, zeroGrad, type Tensor } from "../../src/index";
import { ownedGradient, record } from "../../src/autograd/engine";

describe("backward", () => {
  test("a shared subexpression collects gradient from every path: d/dx (x² + x)·x = 3x² + 2x", () => {
    const x = tensor([1, 2, -3], { requiresGrad: true });
    const y = x.mul(x).add(x).mul(x);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([5, 16, 21]);
  });

  test("backward accumulates into .grad until it is cleared", () => {
    const w = tensor([2, 3], { requiresGrad: true });
    w.square().sum().backward();
    w.square().sum().backward();
    expect(w.grad!.tolist()).toEqual([8, 12]);
    zeroGrad([w]);
    expect(w.grad).toBeNull();
  });

  test("two leaves fed by one gradient do not share a buffer", () => {
    const a = tensor([1, 1], { requiresGrad: true });
    const b = tensor([1, 1], { requiresGrad: true });
    a.add(b).sum().backward();
    noGrad(() => a.grad!.add_(10));
    expect(b.grad!.tolist()).toEqual([1, 1]);
  });

  test("a leaf keeps an owned gradient without a copy; anything else it copies", () => {
    let handed: Tensor | null = null;
    // y = 2x, whose backward hands over a fresh tensor it marks as owned
    const double = (x: Tensor) => record(x.mul(2).detach(), "double", [x], (g) => [(handed = ownedGradient(g.mul(2)))]);
    const x = tensor([1, 2], { requiresGrad: true });
    double(x).sum().backward();
    expect(x.grad).toBe(handed);
    expect(x.grad!.tolist()).toEqual([2, 2]);
    // the same op without the mark: the leaf copies
    const plain = (v: Tensor) => record(v.mul(2).detach(), "double", [v], (g) => [(handed = g.mul(2))]);
    const z = tensor([1, 2], { requiresGrad: true });
    plain(z).sum().backward();
    expect(z.grad).not.toBe(handed);
    // a linear layer's weight gradient is owned: no copy of it per step
    const w = tensor([[1, 2]], { requiresGrad: true });
    nn.linear(tensor([[3, 4]]), w).sum().backward();
    expect(w.grad!.tolist()).toEqual([[3, 4]]);
  });

  test("an owned gradient handed to two inputs is shared, so neither keeps it", () => {
    const a = tensor([1, 1], { requiresGrad: true });
    const b = tensor([1, 1], { requiresGrad: true });
    // both inputs get the very same tensor: it must not become both leaves' .grad
    record(a.add(b).detach(), "twice", [a, b], (g) => {
      const shared = ownedGradient(g.mul(1));
      return [shared, shared];
    }).sum().backward();
    expect(a.grad).not.toBe(b.grad);
    noGrad(() => a.grad!.add_(10));
    expect(b.grad!.tolist()).toEqual([1, 1]);
  });

  test("gradients reaching a tensor along two paths are added into the owned one in place, and the sum is right", () => {
    const x = tensor([[1, -2]], { requiresGrad: true });
    const w = tensor([[3, 4], [5, 6]], { requiresGrad: true });
    const h = nn.linear(x, w); // (1, 2), its gradient comes from two relus
    const y = h.relu().sum().add(h.mul(tensor([[10, 100]])).relu().sum());
    y.backward();
    // h = [3 − 8, 5 − 12] = [−5, −7]: relu kills both paths, so dh = 0 and dW = 0
    expect(w.grad!.tolist()).toEqual([[0, 0], [0, 0]]);
    const x2 = tensor([[1, 2]], { requiresGrad: true });
    const h2 = nn.linear(x2, w.detach()); // [11, 17]
    h2.relu().sum().add(h2.mul(2).sum()).backward(); // dh2 = 1 + 2 per entry
    expect(x2.grad!.tolist()).toEqual([[3 * (3 + 5), 3 * (4 + 6)]]);
  });

  test("a non-scalar output takes the gradient of the loss with respect to it (a vector-Jacobian product)", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(tensor([3, 4])); // Jacobian diag(3, 4)
    y.backward(tensor([10, 100]));
    expect(x.grad!.tolist()).toEqual([30, 400]);
    expect(() => y.backward()).toThrow("backward(): the output has shape [2]; pass the gradient of the loss with respect to it (only a scalar output can use the implicit gradient 1)");
    expect(() => y.backward(tensor([1, 2, 3]))).toThrow("backward(): the gradient has shape [3] but the output has shape [2]");
  });

  test("only leaves keep .grad, unless retainGrad() is asked for", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2).retainGrad();
    const k = h.mul(3);
    k.sum().backward();
    expect(h.grad!.tolist()).toEqual([3, 3]);
    expect(k.grad).toBeNull();
    expect(x.isLeaf && !h.isLeaf).toBe(true);
  });

  test("noGrad and detach cut the graph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    const y = x.detach().mul(x); // only the second factor carries a gradient
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([1, 2]);
    expect(() => ones([2]).sum().backward()).toThrow(/does not require a gradient/);
  });

  test("noGrad restores grad mode even when fn throws", () => {
    const x = tensor([1], { requiresGrad: true });
    expect(() => noGrad(() => { throw new Error("boom"); })).toThrow("boom");
    expect(x.mul(2).requiresGrad).toBe(true);
  });

  test("a long chain (10,000 ops) does not overflow the stack", () => {
    const x = tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 10_000; i++) y = y.mul(1);
    y.sum().backward();
    expect(x.grad!.item()).toBe(1);
  });

  test("requiresGrad_(false) on a computed tensor explains detach()", () => {
    const x = tensor([1], { requiresGrad: true });
    expect(() => x.mul(2).requiresGrad_(false)).toThrow(/use detach\(\)/);
  });
});
