// The linear primitive (y = x·Wᵀ + b in one kernel call each way) against the composition it
// replaces, add(matmul(x, W.T), b): the same bits forward and for every gradient, on both kernels and
// in both dtypes; gradcheck in float64; inputs with extra leading dimensions, a 1-D input, no bias,
// mixed dtypes; and the shape errors.
import { describe, expect, test } from "vitest";
import { gradcheck, noGrad, referenceKernel, setKernel, tensor, wasmKernel, type Tensor } from "../../../src/index";
import { linear } from "../../../src/autograd/primitives/linear";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

/** The ops nn.Linear ran before the primitive existed. */
function composed(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const z = x.matmul(w.T);
  return b === null ? z : z.add(b);
}

/** The output and the gradients of x, W and b for a fixed output gradient g. */
function run(f: typeof composed, x0: Tensor, w0: Tensor, b0: Tensor | null, g: Tensor) {
  const [x, w] = [x0.detach().requiresGrad_(), w0.detach().requiresGrad_()];
  const b = b0 === null ? null : b0.detach().requiresGrad_();
  const y = f(x, w, b);
  y.backward(g);
  return { y: y.toArray(), dx: x.grad!.toArray(), dw: w.grad!.toArray(), db: b?.grad!.toArray() ?? null };
}

describe.each([wasmKernel, referenceKernel])("linear on the $name kernel", (kernel) => {
  describe.each(["float32", "float64"] as const)("%s", (dtype) => {
    test.each([
      [100, 8, 40],
      [7, 13, 5],
      [1, 1, 1],
      [33, 10, 256],
    ])("(batch, out, in) = (%i, %i, %i): the bits of add(matmul(x, W.T), b), forward and backward", (m, n, k) => {
      setKernel(kernel);
      try {
        const x = randomTensor([m, k], { dtype, seed: 1 });
        const w = randomTensor([n, k], { dtype, seed: 2 });
        const b = randomTensor([n], { dtype, seed: 3 });
        const g = randomTensor([m, n], { dtype, seed: 4 });
        for (const bias of [b, null]) {
          const fused = run(linear, x, w, bias, g);
          const reference = run(composed, x, w, bias, g);
          for (const key of ["y", "dx", "dw", "db"] as const) {
            const expected = reference[key];
            if (expected === null) continue;
            expectClose(fused[key]!, expected, { rtol: 0 });
          }
        }
      } finally {
        setKernel("wasm");
      }
    });
  });
});

describe("linear", () => {
  test("gradcheck in float64", () => {
    const x = randomTensor([5, 4], { seed: 5, requiresGrad: true });
    const w = randomTensor([3, 4], { seed: 6, requiresGrad: true });
    const b = randomTensor([3], { seed: 7, requiresGrad: true });
    expect(gradcheck(linear, [x, w, b]).ok).toBe(true);
  });

  test("leading dimensions and a 1-D input are rows, as in PyTorch", () => {
    const w = tensor([[1, 2], [3, 4], [5, 6]]); // (out 3, in 2)
    const x = randomTensor([2, 3, 2], { seed: 8 });
    const y = noGrad(() => linear(x, w, tensor([1, 1, 1])));
    expect(y.shape).toEqual([2, 3, 3]);
    expectClose(y.toArray(), noGrad(() => composed(x, w, tensor([1, 1, 1]))).toArray(), { rtol: 0 });
    expect(linear(tensor([1, -1]), w).tolist()).toEqual([-1, -1, -1]);
  });

  test("a float32 input through float64 weights gives float64, like the composition", () => {
    const y = linear(tensor([[1, 2]], { dtype: "float32" }), tensor([[0.5, 0.25]]), null);
    expect(y.dtype).toBe("float64");
    expect(y.tolist()).toEqual([[1]]);
  });

  test("shape errors name the shapes", () => {
    const w = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(() => linear(tensor([[1, 2, 3]]), w)).toThrow("linear: input of shape [1, 3] does not end in the weight's 2 input features (weight [3, 2])");
    expect(() => linear(tensor([[1, 2]]), w, tensor([1, 2]))).toThrow("linear: bias of shape [2] does not match the weight's 3 output features (expected [3])");
    expect(() => linear(tensor([[1, 2]]), tensor([1, 2]))).toThrow("linear: the weight must be (out, in), got shape [2]");
  });
});
