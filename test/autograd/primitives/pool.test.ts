// Max and average pooling in both dtypes: values and gradients against direct loops (test/helpers/
// reference-ops.ts: each window scanned on its own, padding handled by an explicit bounds test), ties, overlapping
// windows, both divisors of the padded average, gradcheck in float64, and the errors. Pooling does no
// products, so it never calls the kernel seam and runs the same on both kernels.
import { describe, expect, test } from "vitest";
import { gradcheck, tensor } from "../../../src/index";
import { avgPool1d, avgPool2d, maxPool1d, maxPool2d } from "../../../src/nn/functional-conv";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { directPool, type PoolCase } from "../../helpers/reference-ops";

const cases: PoolCase[] = [
  { shape: [2, 3, 4, 6], k: [2, 2], stride: [2, 2], padding: [0, 0] }, // tiling windows
  { shape: [1, 2, 5, 7], k: [3, 3], stride: [1, 1], padding: [1, 1] }, // overlapping windows with padding
  { shape: [2, 1, 9, 8], k: [3, 2], stride: [2, 3], padding: [1, 0] }, // odd sizes, rectangular window
  { shape: [1, 2, 4, 5], k: [4, 5], stride: [4, 5], padding: [0, 0] }, // window = input: global pooling
  { shape: [3, 2, 3, 3], k: [1, 1], stride: [2, 1], padding: [0, 0] }, // 1×1 window: subsampling
  { shape: [1, 1, 7, 7], k: [2, 2], stride: [3, 3], padding: [1, 1] }, // stride > kernel skips inputs
];

const name = (pc: PoolCase) => `${pc.shape.join()} window ${pc.k.join()} stride ${pc.stride.join()} padding ${pc.padding.join()}`;

describe.each(["float64", "float32"] as const)("pooling in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-6, atol: 1e-6 };

  test.each(cases.map((pc) => [name(pc), pc] as const))("maxPool2d and avgPool2d %s", (_name, pc) => {
    for (const kind of ["max", "avg"] as const) {
      const x = randomTensor(pc.shape, { dtype, seed: 1, requiresGrad: true });
      const options = { stride: pc.stride, padding: pc.padding };
      const y = kind === "max" ? maxPool2d(x, pc.k, options) : avgPool2d(x, pc.k, options);
      const g = randomTensor([...y.shape], { dtype, seed: 2 });
      const expected = directPool(kind, x, g, pc);
      expect(y.shape).toEqual(expected.shape);
      expect(y.dtype).toBe(dtype);
      expectClose(y.toArray(), expected.y, tol);
      y.backward(g);
      expectClose(x.grad!.toArray(), expected.dx, tol);
    }
  });

  test("avgPool2d with countIncludePad false divides by the positions inside the input", () => {
    const pc: PoolCase = { shape: [2, 2, 5, 6], k: [3, 3], stride: [2, 2], padding: [1, 1] };
    const x = randomTensor(pc.shape, { dtype, seed: 3, requiresGrad: true });
    const y = avgPool2d(x, pc.k, { stride: pc.stride, padding: pc.padding, countIncludePad: false });
    const g = randomTensor([...y.shape], { dtype, seed: 4 });
    const expected = directPool("avg", x, g, pc, false);
    expectClose(y.toArray(), expected.y, tol);
    y.backward(g);
    expectClose(x.grad!.toArray(), expected.dx, tol);
  });

  test("1-D pooling is 2-D pooling of a 1 × L image", () => {
    for (const [k, stride, padding] of [[2, 2, 0], [3, 1, 1], [5, 2, 2], [1, 3, 0]]) {
      const x = randomTensor([3, 2, 11], { dtype, seed: 5, requiresGrad: true });
      const y = maxPool1d(x, k, { stride, padding });
      const g = randomTensor([...y.shape], { dtype, seed: 6 });
      const pc: PoolCase = { shape: [3, 2, 1, 11], k: [1, k], stride: [1, stride], padding: [0, padding] };
      const expected = directPool("max", x, g, pc);
      expect(y.shape).toEqual([3, 2, expected.shape[3]]);
      expectClose(y.toArray(), expected.y, tol);
      y.backward(g);
      expectClose(x.grad!.toArray(), expected.dx, tol);
      const xa = randomTensor([3, 2, 11], { dtype, seed: 7, requiresGrad: true });
      const ya = avgPool1d(xa, k, { stride, padding });
      const expectedAvg = directPool("avg", xa, g, pc);
      expectClose(ya.toArray(), expectedAvg.y, tol);
      ya.backward(g);
      expectClose(xa.grad!.toArray(), expectedAvg.dx, tol);
    }
  });

  test("the default stride is the kernel size; unbatched and non-contiguous inputs work", () => {
    const x = randomTensor([2, 6, 4], { dtype, seed: 8 }); // (C, H, W)
    const expected = directPool("max", x, null, { shape: [1, 2, 6, 4], k: [3, 2], stride: [3, 2], padding: [0, 0] });
    const y = maxPool2d(x, [3, 2]);
    expect(y.shape).toEqual([2, 2, 2]);
    expectClose(y.toArray(), expected.y, tol);
    const view = randomTensor([2, 8, 3], { dtype, seed: 9 }).permute(0, 2, 1); // (N, C, L) over (N, L, C) storage
    expectClose(avgPool1d(view, 4).toArray(), directPool("avg", view, null, { shape: [2, 3, 1, 8], k: [1, 4], stride: [1, 4], padding: [0, 0] }).y, tol);
  });
});

describe("max pooling details", () => {
  test("on ties the gradient goes to the first maximum in row-major order; overlaps accumulate", () => {
    const x = tensor([[[[1, 3, 3], [3, 0, 2], [1, 1, 1]]]], { requiresGrad: true }); // (1, 1, 3, 3)
    const y = maxPool2d(x, 2, { stride: 1 }); // windows overlap: every window's max is 3
    expect(y.tolist()).toEqual([[[[3, 3], [3, 2]]]]);
    y.sum().backward();
    // windows (0,0) and (0,1) pick x[0,1] (first 3 in row-major order), window (1,0) picks x[1,0], window (1,1) picks x[1,2]
    expect(x.grad!.tolist()).toEqual([[[[0, 2, 0], [1, 0, 1], [0, 0, 0]]]]);
  });

  test("padding never wins a max over negative inputs, and NaN propagates", () => {
    const x = tensor([[[-5, -4, -3, NaN, -1]]]);
    expect(maxPool1d(x, 2, { padding: 1 }).tolist()).toEqual([[[-5, -3, NaN]]]);
  });

  test("gradcheck (float64): max away from ties, average with padding", () => {
    const x = randomTensor([2, 2, 5, 4], { seed: 10, requiresGrad: true });
    expect(gradcheck((x) => maxPool2d(x, [3, 2], { stride: [2, 1], padding: [1, 1] }), [x]).ok).toBe(true);
    expect(gradcheck((x) => avgPool2d(x, 3, { stride: 2, padding: 1 }), [x]).ok).toBe(true);
    expect(gradcheck((x) => avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }), [x]).ok).toBe(true);
    const s = randomTensor([2, 3, 9], { seed: 11, requiresGrad: true });
    expect(gradcheck((s) => maxPool1d(s, 3, { stride: 2, padding: 1 }).square().sum(), [s]).ok).toBe(true);
    expect(gradcheck((s) => avgPool1d(s, 4, { stride: 1 }), [s]).ok).toBe(true);
  });
});

describe("pooling errors", () => {
  test("padding larger than half the window, empty outputs, bad sizes and ranks", () => {
    expect(() => maxPool1d(randomTensor([1, 1, 8]), 3, { padding: 2 })).toThrow("maxPool1d: padding 2 is more than half the kernel size 3");
    expect(() => avgPool2d(randomTensor([1, 1, 8, 8]), [2, 4], { padding: [1, 3] })).toThrow("avgPool2d: padding 3 is more than half the kernel size 4");
    expect(() => maxPool2d(randomTensor([1, 1, 3, 8]), 4)).toThrow("maxPool2d: the output height would be 0 for input height 3, kernel 4, padding 0, dilation 1");
    expect(() => avgPool1d(randomTensor([1, 1, 8]), 0)).toThrow("avgPool1d: kernelSize must be a positive integer, got 0");
    expect(() => maxPool2d(randomTensor([8, 8]), 2)).toThrow("maxPool2d: expected an input of shape (N, C, H, W) or (C, H, W), got [8, 8]");
  });
});
