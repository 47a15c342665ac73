// View primitives (reshape, permute, expand, slice) and copy/cast: their gradients put every
// element back where it came from. Checked with closed forms and gradcheck.
import { describe, expect, test } from "vitest";
import { arange, gradcheck, tensor } from "../../../src/index";
import { randomTensor } from "../../helpers/random-tensor";

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
