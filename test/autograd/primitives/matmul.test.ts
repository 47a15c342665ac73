// matmul through both kernels (describe.each): values against a naive triple loop written here,
// every operand layout the primitive hands to the kernel (dense, transposed view, strided copy),
// 1-D and batched semantics, gradients against the closed forms dA = G·Bᵀ, dB = Aᵀ·G, and gradcheck.
import { afterAll, describe, expect, test } from "vitest";
import { gradcheck, matmul, referenceKernel, setKernel, tensor, wasmKernel } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

/** C = A·B for nested arrays, the textbook definition. */
function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, p) => s + v * b[p][j], 0)));
}

afterAll(() => setKernel("wasm"));

describe.each([wasmKernel, referenceKernel])("matmul on the $name kernel", (kernel) => {
  describe.each(["float64", "float32"] as const)("%s", (dtype) => {
    const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-5 };

    test("2-D products, including transposed views and strided slices as operands", () => {
      setKernel(kernel);
      for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [13, 1, 4], [17, 31, 9], [64, 33, 65]]) {
        const a = randomTensor([m, k], { dtype, seed: m });
        const b = randomTensor([k, n], { dtype, seed: n });
        const expected = naive(a.tolist() as number[][], b.tolist() as number[][]).flat();
        expectClose(a.matmul(b).toArray(), expected, tol);
        const at = randomTensor([k, m], { dtype, seed: m }).T; // transposed view: strides (1, m)
        const bt = randomTensor([n, k], { dtype, seed: n }).T;
        const expectedT = naive(at.tolist() as number[][], bt.tolist() as number[][]).flat();
        expectClose(at.matmul(bt).toArray(), expectedT, tol);
        const as = randomTensor([m, 2 * k], { dtype, seed: 3 }).slice(1, 0, undefined, 2); // needs a copy
        expectClose(as.matmul(b).toArray(), naive(as.tolist() as number[][], b.tolist() as number[][]).flat(), tol);
      }
    });

    test("1-D operands and empty shapes", () => {
      setKernel(kernel);
      const v = tensor([1, 2, 3], { dtype });
      const m = tensor([[1, 0], [0, 1], [1, 1]], { dtype });
      expect(matmul(v, v).shape).toEqual([]);
      expect(matmul(v, v).item()).toBe(14);
      expect(matmul(v, m).tolist()).toEqual([4, 5]);
      expect(matmul(m.T, v).tolist()).toEqual([4, 5]);
      expect(matmul(randomTensor([0, 3], { dtype }), m).shape).toEqual([0, 2]);
      expect(matmul(randomTensor([2, 0], { dtype }), randomTensor([0, 4], { dtype })).tolist()).toEqual([[0, 0, 0, 0], [0, 0, 0, 0]]);
    });

    test("batched products broadcast their leading dimensions", () => {
      setKernel(kernel);
      const a = randomTensor([2, 1, 3, 4], { dtype, seed: 1 });
      const b = randomTensor([3, 4, 5], { dtype, seed: 2 });
      const c = a.matmul(b);
      expect(c.shape).toEqual([2, 3, 3, 5]);
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 3; j++) {
          const expected = naive(a.select(0, i).select(0, 0).tolist() as number[][], b.select(0, j).tolist() as number[][]).flat();
          expectClose(c.select(0, i).select(0, j).toArray(), expected, tol);
        }
      const stacked = randomTensor([4, 3, 6], { dtype, seed: 3 });
      const w = randomTensor([6, 2], { dtype, seed: 4 });
      const y = stacked.matmul(w);
      expectClose(y.select(0, 2).toArray(), naive(stacked.select(0, 2).tolist() as number[][], w.tolist() as number[][]).flat(), tol);
    });

    test("gradients are G·Bᵀ and Aᵀ·G", () => {
      setKernel(kernel);
      const a = randomTensor([5, 3], { dtype, seed: 7, requiresGrad: true });
      const b = randomTensor([3, 4], { dtype, seed: 8, requiresGrad: true });
      const g = randomTensor([5, 4], { dtype, seed: 9 });
      a.matmul(b).backward(g);
      const G = g.tolist() as number[][];
      const A = a.tolist() as number[][];
      const B = b.tolist() as number[][];
      const Bt = B[0].map((_, j) => B.map((r) => r[j]));
      const At = A[0].map((_, j) => A.map((r) => r[j]));
      expectClose(a.grad!.toArray(), naive(G, Bt).flat(), tol);
      expectClose(b.grad!.toArray(), naive(At, G).flat(), tol);
    });
  });

  test("gradcheck: 2-D, transposed, 1-D, batched with broadcasting (float64)", () => {
    setKernel(kernel);
    const a = randomTensor([3, 4], { requiresGrad: true, seed: 1 });
    const b = randomTensor([4, 2], { requiresGrad: true, seed: 2 });
    expect(gradcheck((a, b) => a.matmul(b), [a, b]).ok).toBe(true);
    expect(gradcheck((a, b) => b.T.matmul(a.T), [a, b]).ok).toBe(true);
    const v = randomTensor([4], { requiresGrad: true, seed: 3 });
    expect(gradcheck((a, v) => a.matmul(v), [a, v]).ok).toBe(true);
    expect(gradcheck((v, b) => v.matmul(b), [v, b]).ok).toBe(true);
    const x = randomTensor([2, 1, 3, 4], { requiresGrad: true, seed: 4 });
    const y = randomTensor([2, 4, 2], { requiresGrad: true, seed: 5 });
    expect(gradcheck((x, y) => x.matmul(y), [x, y]).ok).toBe(true);
  });
});

describe("matmul errors name both shapes", () => {
  test("misaligned inner dimensions", () => {
    expect(() => randomTensor([2, 3]).matmul(randomTensor([4, 5]))).toThrow(
      "matmul: shapes [2, 3] and [4, 5] are not aligned: the last dimension of the first (3) must equal the second-to-last dimension of the second (4)",
    );
    expect(() => randomTensor([2, 3]).matmul(randomTensor([4]))).toThrow("matmul: shapes [2, 3] and [4] are not aligned: the last dimension of the first (3) must equal the length of the second (4)");
  });

  test("batch dimensions that do not broadcast", () => {
    expect(() => randomTensor([2, 3, 4]).matmul(randomTensor([3, 4, 5]))).toThrow("matmul: the batch dimensions of shapes [2, 3, 4] and [3, 4, 5] cannot be broadcast together ([2] vs [3])");
  });

  test("scalars are refused", () => {
    expect(() => matmul(tensor(2), randomTensor([2]))).toThrow(/both operands need at least one dimension/);
  });
});
