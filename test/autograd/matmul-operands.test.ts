// matmul with awkward operands, on both kernels: stride-0 (expanded, broadcast) batch and matrix
// dimensions, permuted and transposed batch dimensions, 1-D @ batched, batched @ 1-D, batch
// broadcasting (B, 1, m, k)·(1, C, k, n), zero-sized dimensions. Values against a plain-loop
// reference written here from the NumPy/PyTorch rules (its own broadcasting, nothing from the
// library but tolist()), gradients by float64 gradcheck through the view that builds the operand.
import { afterAll, describe, expect, test } from "vitest";
import { gradcheck, matmul, setKernel, Tensor, type DType } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

type Nested = number | Nested[];

/** NumPy's matmul on nested arrays: 1-D operands promoted and the added dim dropped, batch dims broadcast. */
function referenceMatmul(a: Tensor, b: Tensor): { shape: number[]; values: number[] } {
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : [...a.shape];
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : [...b.shape];
  const aList = (a.ndim === 1 ? [a.tolist()] : a.tolist()) as Nested;
  const bList = (b.ndim === 1 ? (b.tolist() as number[]).map((v) => [v]) : b.tolist()) as Nested;
  const [m, k] = aShape.slice(-2);
  const n = bShape[bShape.length - 1];
  const aBatch = aShape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  const nd = Math.max(aBatch.length, bBatch.length);
  const padA = [...new Array(nd - aBatch.length).fill(1), ...aBatch];
  const padB = [...new Array(nd - bBatch.length).fill(1), ...bBatch];
  const batch = padA.map((d, i) => {
    if (d !== padB[i] && d !== 1 && padB[i] !== 1) throw new Error(`reference: batch dims ${aBatch} and ${bBatch} do not broadcast`);
    return d === 1 ? padB[i] : d;
  });
  const count = batch.reduce((p, d) => p * d, 1);
  const values: number[] = [];
  for (let flat = 0; flat < count; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let d = nd - 1; d >= 0; d--) {
      index.unshift(rest % batch[d]);
      rest = Math.floor(rest / batch[d]);
    }
    const pick = (list: Nested, pad: number[], own: number) => {
      let node = list;
      for (let d = nd - own; d < nd; d++) node = (node as Nested[])[pad[d] === 1 ? 0 : index[d]];
      return node as number[][];
    };
    const A = pick(aList, padA, aBatch.length);
    const B = pick(bList, padB, bBatch.length);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[i][p] * B[p][j];
        values.push(s);
      }
    }
  }
  let shape = [...batch, m, n];
  if (a.ndim === 1) shape = [...batch, n];
  if (b.ndim === 1) shape = shape.slice(0, -1);
  return { shape, values };
}

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

afterAll(() => setKernel("wasm"));

function describeOperands(a: Tensor, b: Tensor): string {
  const one = (t: Tensor) => `shape [${t.shape}] strides [${t.strides}] offset ${t.offset} ${t.dtype}`;
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
