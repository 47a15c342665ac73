// convTranspose1d and convTranspose2d through both kernels: values against a direct scatter written
// here as plain loops (each input value spread over its window of the output — no im2col, no GEMM),
// the adjoint identity ⟨conv(u), v⟩ = ⟨u, convT(v)⟩, float64 gradcheck of input, weight and bias,
// float32 against float64, the layers' shapes and initialisation, and the errors.
import { afterAll, describe, expect, test } from "vitest";
import { gradcheck, nn, referenceKernel, setKernel, Tensor, wasmKernel } from "../../../src/index";
import { conv2d, convTranspose1d, convTranspose2d } from "../../../src/nn/functional-conv";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

type Pair = [number, number];

/**
 * y[b, o, r·sH − pH + i·dH, q·sW − pW + j·dW] += x[b, c, r, q] · w[c, o, i, j] (dropped outside the
 * output), then + bias[o]; output size (in − 1)·s − 2p + d(k − 1) + outputPadding + 1.
 */
function directTransposed2d(xt: Tensor, wt: Tensor, bt: Tensor | null, s: Pair, p: Pair, d: Pair, op: Pair): { y: number[]; shape: number[] } {
  const [n, c, h, w] = xt.shape;
  const [, cOut, kh, kw] = wt.shape;
  const x = Array.from(xt.toArray());
  const wv = Array.from(wt.toArray());
  const oh = (h - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op[0] + 1;
  const ow = (w - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op[1] + 1;
  const y = new Array<number>(n * cOut * oh * ow).fill(0);
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < c; ci++)
      for (let r = 0; r < h; r++)
        for (let q = 0; q < w; q++)
          for (let o = 0; o < cOut; o++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const oy = r * s[0] - p[0] + i * d[0];
                const ox = q * s[1] - p[1] + j * d[1];
                if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                y[((b * cOut + o) * oh + oy) * ow + ox] += x[((b * c + ci) * h + r) * w + q] * wv[((ci * cOut + o) * kh + i) * kw + j];
              }
  if (bt !== null) {
    const bias = Array.from(bt.toArray());
    y.forEach((_, k) => (y[k] += bias[Math.floor(k / (oh * ow)) % cOut]));
  }
  return { y, shape: [n, cOut, oh, ow] };
}

const dot = (a: Tensor, b: Tensor) => a.mul(b).sum().item();

afterAll(() => setKernel("wasm"));

describe.each([wasmKernel, referenceKernel])("transposed convolution on the $name kernel", (kernel) => {
  const cases: { name: string; n: number; c: number; h: number; w: number; cOut: number; k: Pair; s: Pair; p: Pair; d: Pair; op: Pair }[] = [
    { name: "stride 1, no padding", n: 1, c: 1, h: 3, w: 4, cOut: 1, k: [2, 3], s: [1, 1], p: [0, 0], d: [1, 1], op: [0, 0] },
    { name: "stride 2, padding 1, output padding 1", n: 2, c: 3, h: 4, w: 5, cOut: 2, k: [3, 3], s: [2, 2], p: [1, 1], d: [1, 1], op: [1, 1] },
    { name: "mixed strides, dilation, output padding", n: 1, c: 2, h: 5, w: 3, cOut: 3, k: [3, 2], s: [3, 2], p: [2, 0], d: [2, 1], op: [2, 1] },
    { name: "1×1 kernel with stride (zeros between samples)", n: 1, c: 2, h: 3, w: 3, cOut: 2, k: [1, 1], s: [2, 2], p: [0, 0], d: [1, 1], op: [0, 1] },
  ];

  test.each(cases)("2-D values against the direct scatter: $name (float64 and float32)", ({ n, c, h, w, cOut, k, s, p, d, op }) => {
    setKernel(kernel);
    const x = randomTensor([n, c, h, w], { seed: 1 });
    const wt = randomTensor([c, cOut, ...k], { seed: 2 });
    const b = randomTensor([cOut], { seed: 3 });
    const direct = directTransposed2d(x, wt, b, s, p, d, op);
    const y = convTranspose2d(x, wt, b, { stride: s, padding: p, dilation: d, outputPadding: op });
    expect(y.shape).toEqual(direct.shape);
    expectClose(y.toArray(), direct.y, { atol: 1e-12 });
    const y32 = convTranspose2d(x.to("float32"), wt.to("float32"), b.to("float32"), { stride: s, padding: p, dilation: d, outputPadding: op });
    expect(y32.dtype).toBe("float32");
    expectClose(y32.toArray(), direct.y, { atol: 1e-5, rtol: 1e-5 });
  });

  test.each(cases)("the adjoint of conv2d: ⟨conv(u), v⟩ = ⟨u, convT(v)⟩ — $name", ({ n, c, h, w, cOut, k, s, p, d, op }) => {
    setKernel(kernel);
    const v = randomTensor([n, c, h, w], { seed: 4 });
    const wt = randomTensor([c, cOut, ...k], { seed: 5 });
    const up = convTranspose2d(v, wt, null, { stride: s, padding: p, dilation: d, outputPadding: op });
    const u = randomTensor([...up.shape], { seed: 6 });
    const down = conv2d(u, wt, null, { stride: s, padding: p, dilation: d }); // maps C_out → C_in channels
    expect(down.shape).toEqual([n, c, h, w]);
    expect(Math.abs(dot(down, v) - dot(u, up))).toBeLessThan(1e-11);
  });

  test("1-D equals the 2-D op on a 1 × L image, and up-samples by the stride", () => {
    setKernel(kernel);
    const x = randomTensor([2, 3, 6], { seed: 7 });
    const wt = randomTensor([3, 2, 4], { seed: 8 });
    const b = randomTensor([2], { seed: 9 });
    const y = convTranspose1d(x, wt, b, { stride: 2, padding: 1, dilation: 1 });
    expect(y.shape).toEqual([2, 2, 12]);
    const as2d = convTranspose2d(x.reshape([2, 3, 1, 6]), wt.reshape([3, 2, 1, 4]), b, { stride: [1, 2], padding: [0, 1] });
    expectClose(y.toArray(), as2d.toArray(), { atol: 0 });
    // unbatched input (C_in, L)
    expectClose(convTranspose1d(x.select(0, 1), wt, b, { stride: 2, padding: 1 }).toArray(), y.select(0, 1).toArray(), { atol: 0 });
  });

  test("gradcheck of input, weight and bias (float64)", () => {
    setKernel(kernel);
    const x1 = randomTensor([2, 2, 5], { seed: 10, requiresGrad: true });
    const w1 = randomTensor([2, 3, 3], { seed: 11, requiresGrad: true });
    const b1 = randomTensor([3], { seed: 12, requiresGrad: true });
    expect(gradcheck((x, w, b) => convTranspose1d(x, w, b, { stride: 2, padding: 1, dilation: 2, outputPadding: 1 }), [x1, w1, b1]).ok).toBe(true);
    const x2 = randomTensor([2, 3, 3, 4], { seed: 13, requiresGrad: true });
    const w2 = randomTensor([3, 2, 3, 2], { seed: 14, requiresGrad: true });
    const b2 = randomTensor([2], { seed: 15, requiresGrad: true });
    expect(gradcheck((x, w, b) => convTranspose2d(x, w, b, { stride: [2, 3], padding: [1, 0], dilation: [1, 2], outputPadding: [1, 2] }), [x2, w2, b2]).ok).toBe(true);
    // through a nonlinearity, so the output gradient is not constant
    expect(gradcheck((x, w) => convTranspose2d(x, w, null, { stride: 2 }).tanh().square().sum(), [x2, w2]).ok).toBe(true);
  });
});

describe("transposed convolution layers and errors", () => {
  test("ConvTranspose1d/2d: PyTorch's weight layout (C_in, C_out, K…), fan-in C_out·K…, bias of C_out", () => {
    const up = new nn.ConvTranspose2d(6, 4, [3, 2], { stride: 2, padding: 1, outputPadding: 1 });
    expect(up.weight.shape).toEqual([6, 4, 3, 2]);
    expect(up.bias!.shape).toEqual([4]);
    const bound = 1 / Math.sqrt(4 * 3 * 2);
    expect(Math.max(...Array.from(up.weight.toArray(), Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...Array.from(up.weight.toArray(), Math.abs))).toBeGreaterThan(0.8 * bound);
    const x = randomTensor([2, 6, 4, 5], { seed: 16 });
    const direct = directTransposed2d(x, up.weight, up.bias, [2, 2], [1, 1], [1, 1], [1, 1]);
    expect(up.forward(x).shape).toEqual([2, 4, 8, 9]); // (4 − 1)·2 − 2 + (3 − 1) + 1 + 1, (5 − 1)·2 − 2 + (2 − 1) + 1 + 1
    expectClose(up.forward(x).toArray(), direct.y, { atol: 1e-12 });
    expect(new nn.ConvTranspose1d(3, 5, 4, { bias: false }).parameters().map((p) => p.shape)).toEqual([[3, 5, 4]]);
  });

  test("bad shapes and hyper-parameters are named", () => {
    const x = randomTensor([1, 2, 3, 3], { seed: 17 });
    expect(() => convTranspose2d(x, randomTensor([3, 1, 2, 2]))).toThrow("convTranspose2d: input has 2 channels but the weight [3, 1, 2, 2] expects 3");
    expect(() => convTranspose2d(x, randomTensor([2, 1, 2, 2]), null, { stride: 2, outputPadding: 2 })).toThrow("convTranspose2d: outputPadding 2 must be smaller than the stride 2");
    expect(() => convTranspose2d(x, randomTensor([2, 1, 2, 2]), randomTensor([2]))).toThrow("convTranspose2d: bias has shape [2] but the weight [2, 1, 2, 2] has 1 output channels (expected [1])");
    expect(() => convTranspose1d(randomTensor([1, 1, 2]), randomTensor([1, 1, 1]), null, { padding: 1 })).toThrow("convTranspose1d: the output length would be 0");
    expect(() => convTranspose1d(randomTensor([1, 1, 2]), randomTensor([1, 1, 2, 2]))).toThrow("convTranspose1d: expected a weight of shape (C_in, C_out, K), got [1, 1, 2, 2]");
  });
});
