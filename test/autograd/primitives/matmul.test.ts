// matmul through both kernels (describe.each): values against a naive triple loop written here,
// every operand layout the primitive hands to the kernel (dense, transposed view, strided copy),
// 1-D and batched semantics, gradients against the closed forms dA = G·Bᵀ, dB = Aᵀ·G, and gradcheck.
// Then awkward operands: stride-0 (expanded, broadcast) batch and matrix dimensions, permuted and
// transposed batch dimensions, 1-D @ batched, batched @ 1-D, batch broadcasting (B, 1, m, k)·(1, C, k, n)
// and zero-sized dimensions — values against a plain-loop reference with its own broadcasting (nothing
// from the library but tolist()), gradients by float64 gradcheck through the view that builds the operand.
import { afterAll, describe, expect, test } from "vitest";
import { gradcheck, matmul, referenceKernel, setKernel, tensor, Tensor, wasmKernel, type DType } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { referenceMatmul } from "../../helpers/reference-ops";

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

interface OperandCase {
  name: string;
  /** Leaf shapes; `build` turns the leaves into the awkward operands. */
  leaves: number[][];
  build: (...leaves: Tensor[]) => [Tensor, Tensor];
}

const cases: OperandCase[] = [
  { name: "stride-0 batch: (1, m, k) expanded to (B, m, k) @ (B, k, n)", leaves: [[1, 3, 4], [5, 4, 2]], build: (a, b) => [a.expand(5, 3, 4), b] },
  { name: "stride-0 batch on both sides, (B, m, k) @ (1, k, n) expanded", leaves: [[2, 3, 4], [1, 4, 5]], build: (a, b) => [a, b.expand(2, 4, 5)] },
  { name: "stride-0 matrix dims: (m, 1) expanded to (m, k) @ (1, n) expanded to (k, n)", leaves: [[3, 1], [1, 5]], build: (a, b) => [a.expand(3, 4), b.expand(4, 5)] },
  { name: "a scalar expanded to a whole (B, m, k) operand (all strides 0)", leaves: [[1], [2, 4, 3]], build: (a, b) => [a.reshape([1, 1, 1]).expand(2, 3, 4), b] },
  { name: "permuted batch dims: (m, B, k).permute(1, 0, 2) @ (B, k, n)", leaves: [[3, 4, 5], [4, 5, 2]], build: (a, b) => [a.permute(1, 0, 2), b] },
  { name: "permuted batch and matrix dims: (k, m, B).permute(2, 1, 0) @ (n, k, B).permute(2, 1, 0)", leaves: [[5, 3, 4], [2, 5, 4]], build: (a, b) => [a.permute(2, 1, 0), b.permute(2, 1, 0)] },
  { name: "transposed in the batch dims: (C, B, m, k).transpose(0, 1) @ (B, C, k, n)", leaves: [[3, 2, 4, 5], [2, 3, 5, 2]], build: (a, b) => [a.transpose(0, 1), b] },
  { name: "transposed matrices in a stepped batch: (2B, k, m)[::2].T @ (k, n)", leaves: [[6, 5, 3], [5, 4]], build: (a, b) => [a.slice(0, 0, undefined, 2).transpose(-1, -2), b] },
  { name: "1-D @ batched: (k) @ (B, k, n)", leaves: [[4], [3, 4, 2]], build: (v, b) => [v, b] },
  { name: "1-D @ batched and permuted: (k) @ (k, B, C, n).permute(1, 2, 0, 3)", leaves: [[4], [4, 2, 3, 5]], build: (v, b) => [v, b.permute(1, 2, 0, 3)] },
  { name: "batched @ 1-D: (B, m, k) @ (k)", leaves: [[3, 2, 4], [4]], build: (a, v) => [a, v] },
  { name: "non-contiguous batched @ strided 1-D: (k, B, m).permute(1, 2, 0) @ (2k)[::2]", leaves: [[4, 3, 2], [8]], build: (a, v) => [a.permute(1, 2, 0), v.slice(0, 0, undefined, 2)] },
  { name: "1-D @ 1-D with a stride: (2k)[::2] @ (k)", leaves: [[10], [5]], build: (u, v) => [u.slice(0, 0, undefined, 2), v] },
  { name: "batch broadcasting (B, 1, m, k) @ (1, C, k, n)", leaves: [[2, 1, 3, 4], [1, 3, 4, 5]], build: (a, b) => [a, b] },
  { name: "batch broadcasting with fewer dims: (B, 1, m, k) @ (C, k, n)", leaves: [[2, 1, 3, 4], [3, 4, 2]], build: (a, b) => [a, b] },
  { name: "broadcast and transposed: (1, C, k, m).transpose(-1, -2) @ (B, 1, k, n)", leaves: [[1, 3, 4, 2], [2, 1, 4, 5]], build: (a, b) => [a.transpose(-1, -2), b] },
  { name: "zero rows: (B, 0, k) @ (B, k, n)", leaves: [[2, 0, 3], [2, 3, 4]], build: (a, b) => [a, b] },
  { name: "zero inner dim: (B, m, 0) @ (B, 0, n) is zeros", leaves: [[2, 3, 0], [2, 0, 4]], build: (a, b) => [a, b] },
  { name: "zero columns: (m, k) @ (B, k, 0)", leaves: [[3, 4], [2, 4, 0]], build: (a, b) => [a, b] },
  { name: "zero batch: (0, m, k) @ (k, n) and broadcast against (1, k, n)", leaves: [[0, 3, 4], [1, 4, 2]], build: (a, b) => [a, b] },
  { name: "1-D of length 0: (0) @ (0, n) is zeros", leaves: [[0], [0, 3]], build: (v, b) => [v, b] },
];

function describeOperands(a: Tensor, b: Tensor): string {
  const one = (t: Tensor) => `shape [${t.shape.join(", ")}] strides [${t.strides.join(", ")}] offset ${t.offset} ${t.dtype}`;
  return `a: ${one(a)}; b: ${one(b)}`;
}

describe.each(["wasm", "reference"] as const)("matmul with awkward operands on the %s kernel", (kernel) => {
  describe.each(["float64", "float32"] as const)("%s", (dtype: DType) => {
    const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-13 } : { rtol: 1e-5, atol: 1e-5 };
    test.each(cases)("$name: forward equals the plain-loop reference", ({ leaves, build }) => {
      setKernel(kernel);
      const [a, b] = build(...leaves.map((shape, i) => randomTensor(shape, { dtype, seed: 10 + i })));
      const expected = referenceMatmul(a, b);
      const out = matmul(a, b);
      expect(out.shape, describeOperands(a, b)).toEqual(expected.shape);
      expect(out.dtype).toBe(dtype);
      expectClose(out.toArray(), expected.values, tol);
    });
  });

  test.each(cases.filter((c) => c.leaves.every((s) => !s.includes(0))))("$name: gradcheck in float64 through the view", ({ leaves, build }) => {
    setKernel(kernel);
    const inputs = leaves.map((shape, i) => randomTensor(shape, { seed: 20 + i, requiresGrad: true }));
    expect(gradcheck((...xs) => matmul(...build(...xs)), inputs).ok).toBe(true);
  });

  test.each(cases.filter((c) => c.leaves.some((s) => s.includes(0))))("$name: backward gives gradients of the leaves' shapes, all 0 (each is a sum over an empty product)", ({ leaves, build }) => {
    setKernel(kernel);
    const inputs = leaves.map((shape, i) => randomTensor(shape, { seed: 20 + i, requiresGrad: true }));
    matmul(...build(...inputs)).sum().backward();
    inputs.forEach((x, i) => {
      expect(x.grad!.shape).toEqual(leaves[i]);
      expect(Array.from(x.grad!.toArray()).every((v) => v === 0)).toBe(true);
    });
  });
});
