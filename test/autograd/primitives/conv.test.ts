// conv1d and conv2d through both kernels and both dtypes: values against a direct convolution as
// plain nested loops (test/helpers/reference-ops.ts and below; no im2col, no GEMM), gradients against the same loops' adjoints and
// against float64 gradcheck, float32 against the float64 reference, and the shape errors.
import { afterAll, describe, expect, test } from "vitest";
import { gradcheck, referenceKernel, setKernel, Tensor, tensor, wasmKernel } from "../../../src/index";
import { conv1d, conv2d } from "../../../src/nn/functional-conv";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { directConv2d } from "../../helpers/reference-ops";

type Pair = [number, number];

interface Case2d {
  n: number;
  c: number;
  h: number;
  w: number;
  cOut: number;
  k: Pair;
  stride: Pair;
  padding: Pair;
  dilation: Pair;
}

/** The adjoint loops of directConv2d: dX, dW, db for an output gradient g, accumulated term by term. */
function directConv2dGrads(xt: Tensor, wt: Tensor, gt: Tensor, s: Pair, p: Pair, d: Pair): { dx: number[]; dw: number[]; db: number[] } {
  const [n, c, h, w] = xt.shape;
  const [cOut, , kh, kw] = wt.shape;
  const [, , oh, ow] = gt.shape;
  const x = Array.from(xt.toArray());
  const wv = Array.from(wt.toArray());
  const g = Array.from(gt.toArray());
  const dx = new Array<number>(x.length).fill(0);
  const dw = new Array<number>(wv.length).fill(0);
  const db = new Array<number>(cOut).fill(0);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < cOut; o++)
      for (let r = 0; r < oh; r++)
        for (let q = 0; q < ow; q++) {
          const gy = g[((b * cOut + o) * oh + r) * ow + q];
          db[o] += gy;
          for (let ci = 0; ci < c; ci++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const iy = r * s[0] - p[0] + i * d[0];
                const ix = q * s[1] - p[1] + j * d[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                const xi = ((b * c + ci) * h + iy) * w + ix;
                const wi = ((o * c + ci) * kh + i) * kw + j;
                dx[xi] += wv[wi] * gy;
                dw[wi] += x[xi] * gy;
              }
        }
  return { dx, dw, db };
}

/** y[b, o, t] = bias[o] + Σ_{c, k} w[o, c, k] · x[b, c, t·stride − padding + k·dilation] (0 outside). */
function directConv1d(xt: Tensor, wt: Tensor, bt: Tensor | null, stride: number, padding: number, dilation: number): number[] {
  const [n, c, length] = xt.shape;
  const [cOut, , k] = wt.shape;
  const x = xt.tolist() as number[][][];
  const w = wt.tolist() as number[][][];
  const bias = bt === null ? null : (bt.tolist() as number[]);
  const lOut = Math.floor((length + 2 * padding - dilation * (k - 1) - 1) / stride) + 1;
  const y: number[] = [];
  for (let b = 0; b < n; b++)
    for (let o = 0; o < cOut; o++)
      for (let t = 0; t < lOut; t++) {
        let acc = bias === null ? 0 : bias[o];
        for (let ci = 0; ci < c; ci++)
          for (let kk = 0; kk < k; kk++) {
            const it = t * stride - padding + kk * dilation;
            if (it >= 0 && it < length) acc += w[o][ci][kk] * x[b][ci][it];
          }
        y.push(acc);
      }
  return y;
}

// [N, C_in, L, C_out, K, stride, padding, dilation]
const cases1d: [number, number, number, number, number, number, number, number][] = [
  [1, 1, 5, 1, 3, 1, 0, 1], // the smallest valid convolution
  [2, 3, 7, 4, 3, 2, 1, 1], // stride 2 with padding
  [3, 2, 9, 5, 3, 1, 2, 2], // dilation
  [4, 1, 40, 25, 5, 2, 1, 1], // the first layer of the MNIST-1D CNN
  [2, 3, 6, 4, 6, 1, 0, 1], // kernel = input length: one output
  [2, 4, 5, 3, 1, 1, 0, 1], // 1-wide kernel: a per-position linear map
  [1, 5, 13, 7, 4, 3, 3, 2], // odd everything
  [2, 2, 11, 3, 2, 3, 0, 1], // stride larger than the kernel skips inputs
  [2, 2, 3, 3, 5, 1, 2, 1], // padding makes a kernel longer than the input fit
];

const cases2d: Case2d[] = [
  { n: 1, c: 1, h: 4, w: 4, cOut: 1, k: [3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] },
  { n: 2, c: 3, h: 8, w: 7, cOut: 4, k: [3, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 1] },
  { n: 2, c: 2, h: 9, w: 10, cOut: 3, k: [3, 2], stride: [1, 2], padding: [2, 0], dilation: [2, 3] },
  { n: 3, c: 2, h: 5, w: 6, cOut: 4, k: [5, 6], stride: [1, 1], padding: [0, 0], dilation: [1, 1] }, // kernel = input
  { n: 2, c: 5, h: 3, w: 4, cOut: 3, k: [1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1] }, // 1×1
  { n: 1, c: 3, h: 11, w: 13, cOut: 5, k: [4, 3], stride: [3, 2], padding: [1, 2], dilation: [1, 2] }, // odd sizes
  { n: 2, c: 1, h: 7, w: 5, cOut: 2, k: [2, 2], stride: [3, 3], padding: [0, 1], dilation: [1, 1] }, // stride > kernel
];

const describeCase = (c: Case2d) => `(${c.n}, ${c.c}, ${c.h}, ${c.w}) * (${c.cOut}, ${c.c}, ${c.k.join()}) stride ${c.stride.join()} padding ${c.padding.join()} dilation ${c.dilation.join()}`;

afterAll(() => setKernel("wasm"));

describe.each([wasmKernel, referenceKernel])("convolution on the $name kernel", (kernel) => {
  describe.each(["float64", "float32"] as const)("%s", (dtype) => {
    // float32 results are compared with the float64 loops on the same (float32-rounded) inputs.
    const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-5 };

    test.each(cases1d)("conv1d (%i, %i, %i) * (%i, ·, %i) stride %i padding %i dilation %i", (n, c, length, cOut, k, stride, padding, dilation) => {
      setKernel(kernel);
      const x = randomTensor([n, c, length], { dtype, seed: 1 });
      const w = randomTensor([cOut, c, k], { dtype, seed: 2 });
      const b = randomTensor([cOut], { dtype, seed: 3 });
      const options = { stride, padding, dilation };
      const y = conv1d(x, w, b, options);
      const lOut = Math.floor((length + 2 * padding - dilation * (k - 1) - 1) / stride) + 1;
      expect(y.shape).toEqual([n, cOut, lOut]);
      expect(y.dtype).toBe(dtype);
      expectClose(y.toArray(), directConv1d(x, w, b, stride, padding, dilation), tol);
      expectClose(conv1d(x, w, null, options).toArray(), directConv1d(x, w, null, stride, padding, dilation), tol);
    });

    test.each(cases2d.map((cs) => [describeCase(cs), cs] as const))("conv2d %s: values and gradients", (_name, cs) => {
      setKernel(kernel);
      const x = randomTensor([cs.n, cs.c, cs.h, cs.w], { dtype, seed: 4, requiresGrad: true });
      const w = randomTensor([cs.cOut, cs.c, ...cs.k], { dtype, seed: 5, requiresGrad: true });
      const b = randomTensor([cs.cOut], { dtype, seed: 6, requiresGrad: true });
      const y = conv2d(x, w, b, { stride: cs.stride, padding: cs.padding, dilation: cs.dilation });
      const expected = directConv2d(x, w, b, cs.stride, cs.padding, cs.dilation);
      expect(y.shape).toEqual(expected.shape);
      expectClose(y.toArray(), expected.y, tol);
      const g = randomTensor([...y.shape], { dtype, seed: 7 });
      y.backward(g);
      const grads = directConv2dGrads(x, w, g, cs.stride, cs.padding, cs.dilation);
      expectClose(x.grad!.toArray(), grads.dx, tol);
      expectClose(w.grad!.toArray(), grads.dw, tol);
      expectClose(b.grad!.toArray(), grads.db, tol);
    });

    test("conv1d gradients against the adjoint loops (a 1-D signal is a 1 × L image)", () => {
      setKernel(kernel);
      const [n, c, length, cOut, k, stride, padding, dilation] = [3, 2, 12, 4, 3, 2, 2, 2];
      const x = randomTensor([n, c, length], { dtype, seed: 8, requiresGrad: true });
      const w = randomTensor([cOut, c, k], { dtype, seed: 9, requiresGrad: true });
      const b = randomTensor([cOut], { dtype, seed: 10, requiresGrad: true });
      const y = conv1d(x, w, b, { stride, padding, dilation });
      const g = randomTensor([...y.shape], { dtype, seed: 11 });
      y.backward(g);
      const grads = directConv2dGrads(x.detach().reshape(n, c, 1, length), w.detach().reshape(cOut, c, 1, k), g.reshape(n, cOut, 1, y.shape[2]), [1, stride], [0, padding], [1, dilation]);
      expectClose(x.grad!.toArray(), grads.dx, tol);
      expectClose(w.grad!.toArray(), grads.dw, tol);
      expectClose(b.grad!.toArray(), grads.db, tol);
    });

    test("unbatched and non-contiguous inputs give the same values as the batched dense ones", () => {
      setKernel(kernel);
      const x = randomTensor([3, 6, 5], { dtype, seed: 12 }); // (C, H, W)
      const w = randomTensor([2, 3, 3, 3], { dtype, seed: 13 });
      const batched = conv2d(x.reshape(1, 3, 6, 5), w, null, { padding: 1 });
      const single = conv2d(x, w, null, { padding: 1 });
      expect(single.shape).toEqual([2, 6, 5]);
      expect(Array.from(single.toArray())).toEqual(Array.from(batched.toArray()));
      const transposed = randomTensor([2, 5, 3, 6], { dtype, seed: 14 }).permute(0, 2, 3, 1); // (N, C, H, W) view over (N, W, C, H) storage
      expectClose(conv2d(transposed, w).toArray(), directConv2d(transposed, w, null, [1, 1], [0, 0], [1, 1]).y, tol);
      const signal = randomTensor([4, 9], { dtype, seed: 15 }); // (C, L)
      const w1 = randomTensor([3, 4, 2], { dtype, seed: 16 });
      expect(conv1d(signal, w1).shape).toEqual([3, 8]);
      expectClose(conv1d(signal, w1).toArray(), directConv1d(signal.reshape(1, 4, 9), w1, null, 1, 0, 1), tol);
    });
  });

  test("gradcheck of input, weight and bias (float64)", () => {
    setKernel(kernel);
    const x1 = randomTensor([2, 2, 7], { seed: 20, requiresGrad: true });
    const w1 = randomTensor([3, 2, 3], { seed: 21, requiresGrad: true });
    const b1 = randomTensor([3], { seed: 22, requiresGrad: true });
    expect(gradcheck((x, w, b) => conv1d(x, w, b, { stride: 2, padding: 1, dilation: 2 }), [x1, w1, b1]).ok).toBe(true);
    const x2 = randomTensor([2, 2, 5, 6], { seed: 23, requiresGrad: true });
    const w2 = randomTensor([3, 2, 3, 2], { seed: 24, requiresGrad: true });
    const b2 = randomTensor([3], { seed: 25, requiresGrad: true });
    expect(gradcheck((x, w, b) => conv2d(x, w, b, { stride: [2, 1], padding: [1, 2], dilation: [1, 2] }), [x2, w2, b2]).ok).toBe(true);
    // through a composition: the gradient of a loss that reuses the output
    expect(gradcheck((x, w) => conv2d(x, w, null, { padding: 1 }).tanh().square().sum(), [x2, randomTensor([2, 2, 3, 3], { seed: 26, requiresGrad: true })]).ok).toBe(true);
  });
});

describe("convolution details", () => {
  test("same inputs, same bits; both kernels agree to rounding", () => {
    const x = randomTensor([4, 3, 10, 9], { dtype: "float32", seed: 30 });
    const w = randomTensor([8, 3, 3, 3], { dtype: "float32", seed: 31 });
    const first = Array.from(conv2d(x, w, null, { padding: 1 }).toArray());
    expect(Array.from(conv2d(x, w, null, { padding: 1 }).toArray())).toEqual(first);
    setKernel("reference");
    const reference = conv2d(x, w, null, { padding: 1 }).toArray();
    setKernel("wasm");
    expectClose(first, reference, { rtol: 1e-5, atol: 1e-5 });
  });

  test("mixed dtypes promote to float64 and gradients return in each operand's dtype", () => {
    const x = randomTensor([1, 2, 6], { dtype: "float32", seed: 32, requiresGrad: true });
    const w = randomTensor([2, 2, 3], { seed: 33, requiresGrad: true });
    const y = conv1d(x, w);
    expect(y.dtype).toBe("float64");
    expectClose(y.toArray(), directConv1d(x, w, null, 1, 0, 1), { rtol: 1e-12, atol: 1e-12 });
    y.sum().backward();
    expect(x.grad!.dtype).toBe("float32");
    expect(w.grad!.dtype).toBe("float64");
  });

  test("only the inputs that require a gradient get one", () => {
    const x = randomTensor([1, 2, 6], { seed: 34 });
    const w = randomTensor([2, 2, 3], { seed: 35, requiresGrad: true });
    const b = randomTensor([2], { seed: 36 });
    conv1d(x, w, b).sum().backward();
    expect(x.grad).toBeNull();
    expect(b.grad).toBeNull();
    // d(Σy)/dw[o, c, k] = Σ_{b, t} x[b, c, t + k]
    const xs = x.tolist() as number[][][];
    const expected = [0, 1].flatMap(() => [0, 1].flatMap((c) => [0, 1, 2].map((k) => xs[0][c].slice(k, k + 4).reduce((s, v) => s + v, 0))));
    expectClose(w.grad!.toArray(), expected);
  });
});

describe("convolution errors name the op, the shapes and the offending value", () => {
  test("channel mismatch", () => {
    expect(() => conv2d(randomTensor([8, 3, 28, 28]), randomTensor([16, 1, 3, 3]))).toThrow(
      "conv2d: input has 3 channels but the weight expects 1 (input [8, 3, 28, 28], weight [16, 1, 3, 3])",
    );
    expect(() => conv1d(randomTensor([2, 4, 10]), randomTensor([5, 3, 3]))).toThrow(
      "conv1d: input has 4 channels but the weight expects 3 (input [2, 4, 10], weight [5, 3, 3])",
    );
  });

  test("an output that would be empty", () => {
    expect(() => conv1d(randomTensor([1, 1, 4]), randomTensor([1, 1, 5]))).toThrow(
      "conv1d: the output length would be 0 for input length 4, kernel 5, padding 0, dilation 1",
    );
    expect(() => conv2d(randomTensor([1, 1, 9, 3]), randomTensor([1, 1, 3, 3]), null, { dilation: [1, 2] })).toThrow(
      "conv2d: the output width would be -1 for input width 3, kernel 3, padding 0, dilation 2",
    );
  });

  test("wrong ranks, bias shapes and hyper-parameters", () => {
    expect(() => conv2d(randomTensor([3, 28]), randomTensor([16, 3, 3, 3]))).toThrow("conv2d: expected an input of shape (N, C, H, W) or (C, H, W), got [3, 28]");
    expect(() => conv1d(randomTensor([1, 3, 28]), randomTensor([16, 3]))).toThrow("conv1d: expected a weight of shape (C_out, C_in, K), got [16, 3]");
    expect(() => conv1d(randomTensor([1, 3, 28]), randomTensor([16, 3, 3]), randomTensor([3]))).toThrow(
      "conv1d: bias has shape [3] but the weight [16, 3, 3] has 16 output channels (expected [16])",
    );
    expect(() => conv1d(randomTensor([1, 3, 28]), randomTensor([16, 3, 3]), null, { stride: 0 })).toThrow("conv1d: stride must be a positive integer, got 0");
    expect(() => conv2d(randomTensor([1, 3, 8, 8]), randomTensor([4, 3, 3, 3]), null, { padding: [1, -1] })).toThrow("conv2d: padding must be a non-negative integer, got -1");
    expect(() => conv2d(randomTensor([1, 3, 8, 8]), randomTensor([4, 3, 3, 3]), null, { dilation: 1.5 })).toThrow("conv2d: dilation must be a positive integer, got 1.5");
  });

  test("a scalar tensor is refused", () => {
    expect(() => conv1d(tensor(1), randomTensor([1, 1, 1]))).toThrow("conv1d: expected an input of shape (N, C, L) or (C, L), got []");
  });
});
