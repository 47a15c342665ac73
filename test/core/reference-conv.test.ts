// The convolution kernels (Kernel.im2col, col2im, convForward, convBackward): the reference's im2col
// against the definition of the column matrix entry by entry, col2im as its adjoint (⟨im2col(x), C⟩ =
// ⟨x, col2im(C)⟩), then both WASM builds against the reference — bit for bit for the data movement,
// within the GEMM's rounding for the products — on awkward geometries: kernel larger than the input
// with padding, stride larger than the kernel, dilation, 1×1 kernels, prime sizes, 1-D, per-axis
// hyper-parameters; both dtypes, and the argument checks.
// End-to-end conv1d / conv2d with gradients are tested in test/autograd/primitives/conv.test.ts.

import { describe, expect, it } from "vitest";
import type { Kernel, Window2d } from "../../src/core";
import { referenceKernel } from "../../src/core";
import { wasmKernelFor } from "../../src/core/wasm-kernel";
import { maxRelativeError } from "../helpers/expect-close";
import { ArrayOf, seededArray } from "../helpers/seeded-arrays";


/** The geometry of a window; OH and OW by PyTorch's formula. */
function window(n: number, c: number, [h, w]: [number, number], [kh, kw]: [number, number], [strideH, strideW] = [1, 1], [padH, padW] = [0, 0], [dilationH, dilationW] = [1, 1]): Window2d {
  const oh = Math.floor((h + 2 * padH - dilationH * (kh - 1) - 1) / strideH) + 1;
  const ow = Math.floor((w + 2 * padW - dilationW * (kw - 1) - 1) / strideW) + 1;
  return { n, c, h, w, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW, oh, ow };
}

const geometries: [string, Window2d][] = [
  ["3×3, padding 1 (the bench layer, small)", window(2, 3, [8, 8], [3, 3], [1, 1], [1, 1])],
  ["kernel larger than the input, padding 2", window(2, 2, [2, 3], [5, 4], [1, 1], [2, 2])],
  ["stride larger than the kernel", window(3, 2, [11, 13], [2, 2], [3, 4])],
  ["dilation 2 × 3 with padding", window(1, 3, [9, 10], [3, 2], [1, 2], [2, 1], [2, 3])],
  ["1×1 kernel, stride 2", window(2, 5, [7, 5], [1, 1], [2, 2])],
  ["prime sizes", window(3, 7, [13, 11], [5, 3], [2, 1], [1, 2])],
  ["1-D: MNIST-1D layer 1 (L 40, K 5, stride 2, padding 1)", window(5, 1, [1, 40], [1, 5], [1, 2], [0, 1])],
  ["1-D, dilation 3, wide rows (v128 runs and tails)", window(2, 4, [1, 67], [1, 4], [1, 1], [0, 5], [1, 3])],
  ["stride 2, long rows (even-lane shuffles and tails)", window(2, 3, [5, 37], [3, 4], [2, 2], [1, 2])],
  ["1-D, stride 2, odd length", window(1, 2, [1, 25], [1, 3], [1, 2], [0, 1])],
];

const sizes = (g: Window2d) => ({
  image: g.n * g.c * g.h * g.w,
  rows: g.c * g.kh * g.kw,
  columns: g.n * g.oh * g.ow,
});

describe("reference im2col and col2im", () => {
  it.each(geometries)("im2col follows the definition entry by entry: %s", (_name, g) => {
    const { image, rows, columns } = sizes(g);
    const x = seededArray("float64", image, 1);
    const cols = new Float64Array(rows * columns).fill(NaN);
    referenceKernel.im2col(g, x, cols);
    for (let c = 0; c < g.c; c++)
      for (let i = 0; i < g.kh; i++)
        for (let j = 0; j < g.kw; j++)
          for (let b = 0; b < g.n; b++)
            for (let y = 0; y < g.oh; y++)
              for (let xo = 0; xo < g.ow; xo++) {
                const iy = y * g.strideH - g.padH + i * g.dilationH;
                const ix = xo * g.strideW - g.padW + j * g.dilationW;
                const inside = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w;
                const expected = inside ? x[((b * g.c + c) * g.h + iy) * g.w + ix] : 0;
                const r = (c * g.kh + i) * g.kw + j;
                const q = (b * g.oh + y) * g.ow + xo;
                expect(cols[r * columns + q]).toBe(expected);
              }
  });

  it.each(geometries)("col2im is the adjoint of im2col, ⟨im2col(x), C⟩ = ⟨x, col2im(C)⟩: %s", (_name, g) => {
    const { image, rows, columns } = sizes(g);
    // Integers, so both inner products are exact.
    const x = Float64Array.from(seededArray("float64", image, 2), (v) => Math.round(8 * v));
    const c = Float64Array.from(seededArray("float64", rows * columns, 3), (v) => Math.round(8 * v));
    const cols = new Float64Array(rows * columns);
    referenceKernel.im2col(g, x, cols);
    const dx = new Float64Array(image).fill(NaN); // col2im overwrites
    referenceKernel.col2im(g, c, dx);
    let left = 0;
    let right = 0;
    for (let i = 0; i < cols.length; i++) left += cols[i] * c[i];
    for (let i = 0; i < image; i++) right += x[i] * dx[i];
    expect(right).toBe(left);
  });
});

describe.each(["relaxed", "simd128"] as const)("wasm %s convolution kernels match the reference", (simd) => {
  const wasm: Kernel = wasmKernelFor(simd);

  describe.each(["float32", "float64"] as const)("%s", (dtype) => {
    it.each(geometries)("im2col and col2im bit for bit: %s", (_name, g) => {
      const { image, rows, columns } = sizes(g);
      const x = seededArray(dtype, image, 4);
      const expected = new ArrayOf[dtype](rows * columns);
      const actual = new ArrayOf[dtype](rows * columns).fill(NaN);
      referenceKernel.im2col(g, x, expected);
      wasm.im2col(g, x, actual);
      expect(Array.from(actual)).toEqual(Array.from(expected));
      // col2im adds overlapping windows in the reference's order: the same roundings.
      const dcols = seededArray(dtype, rows * columns, 5);
      const dxExpected = new ArrayOf[dtype](image);
      const dxActual = new ArrayOf[dtype](image).fill(NaN);
      referenceKernel.col2im(g, dcols, dxExpected);
      wasm.col2im(g, dcols, dxActual);
      expect(Array.from(dxActual)).toEqual(Array.from(dxExpected));
    });

    it("im2col and col2im bit for bit on every run length 1–24, strides 1, 2 and 3", () => {
      for (const stride of [1, 2, 3]) {
        for (let width = 1; width <= 24; width++) {
          const g = window(2, 2, [2, width], [2, 2], [1, stride], [1, 1]);
          const { image, rows, columns } = sizes(g);
          const x = seededArray(dtype, image, width);
          const expected = new ArrayOf[dtype](rows * columns);
          const actual = new ArrayOf[dtype](rows * columns).fill(NaN);
          referenceKernel.im2col(g, x, expected);
          wasm.im2col(g, x, actual);
          expect(Array.from(actual), `im2col, width ${width}, stride ${stride}`).toEqual(Array.from(expected));
          const dxExpected = new ArrayOf[dtype](image);
          const dxActual = new ArrayOf[dtype](image).fill(NaN);
          referenceKernel.col2im(g, expected, dxExpected);
          wasm.col2im(g, expected, dxActual);
          expect(Array.from(dxActual), `col2im, width ${width}, stride ${stride}`).toEqual(Array.from(dxExpected));
        }
      }
    });

    it.each(geometries)("convForward and convBackward within the GEMM's rounding: %s", (_name, g) => {
      const { image, rows } = sizes(g);
      const cOut = 5;
      const outputs = g.n * cOut * g.oh * g.ow;
      const x = seededArray(dtype, image, 6);
      const weight = seededArray(dtype, cOut * rows, 7);
      const bias = seededArray(dtype, cOut, 8);
      const dy = seededArray(dtype, outputs, 9);
      const tolerance = dtype === "float32" ? 1e-5 : 1e-13;
      for (const b of [bias, null]) {
        const expected = new ArrayOf[dtype](outputs);
        const actual = new ArrayOf[dtype](outputs).fill(NaN);
        referenceKernel.convForward(g, cOut, x, weight, b, expected);
        wasm.convForward(g, cOut, x, weight, b, actual);
        expect(maxRelativeError(actual, expected), b === null ? "no bias" : "bias").toBeLessThanOrEqual(tolerance);
      }
      const grads = (kernel: Kernel) => {
        const dx = new ArrayOf[dtype](image).fill(NaN);
        const dw = new ArrayOf[dtype](cOut * rows).fill(NaN);
        const db = new ArrayOf[dtype](cOut).fill(NaN);
        kernel.convBackward(g, cOut, x, weight, dy, dx, dw, db);
        return { dx, dw, db };
      };
      const expected = grads(referenceKernel);
      const actual = grads(wasm);
      expect(maxRelativeError(actual.dx, expected.dx), "dx").toBeLessThanOrEqual(tolerance);
      expect(maxRelativeError(actual.dw, expected.dw), "dw").toBeLessThanOrEqual(tolerance);
      expect(maxRelativeError(actual.db, expected.db), "db").toBeLessThanOrEqual(tolerance);
      // Each gradient alone (the others null): the same values.
      const onlyDx = new ArrayOf[dtype](image);
      wasm.convBackward(g, cOut, x, weight, dy, onlyDx, null, null);
      expect(maxRelativeError(onlyDx, expected.dx)).toBeLessThanOrEqual(tolerance);
      const onlyDb = new ArrayOf[dtype](cOut);
      wasm.convBackward(g, cOut, x, weight, dy, null, null, onlyDb);
      expect(maxRelativeError(onlyDb, expected.db)).toBeLessThanOrEqual(tolerance);
    });
  });
});

describe.each([referenceKernel, wasmKernelFor("relaxed")])("$name convolution kernels reject bad arguments", (kernel) => {
  const g = window(2, 3, [8, 8], [3, 3], [1, 1], [1, 1]);
  const { image, rows, columns } = sizes(g);

  it("a geometry whose output size does not match", () => {
    expect(() => kernel.im2col({ ...g, ow: 9 }, new Float32Array(image), new Float32Array(rows * columns * 2))).toThrow(
      "im2col: window output 8×9 does not match its input, kernel, stride, padding and dilation (8×8)",
    );
    expect(() => kernel.col2im({ ...g, strideH: 0 }, new Float32Array(rows * columns), new Float32Array(image))).toThrow("col2im: window.strideH must be an integer ≥ 1, got 0");
  });

  it("arrays too short for the geometry, or of mixed element types", () => {
    expect(() => kernel.im2col(g, new Float32Array(image - 1), new Float32Array(rows * columns))).toThrow(`im2col: image (N, C, H, W) has ${image - 1} elements, needs ${image}`);
    expect(() => kernel.convForward(g, 4, new Float64Array(image), new Float64Array(4 * rows), null, new Float64Array(10))).toThrow(
      `convForward: y (N, C_out, OH·OW) has 10 elements, needs ${2 * 4 * 64}`,
    );
    expect(() => kernel.convBackward(g, 4, new Float64Array(image), new Float32Array(4 * rows), new Float64Array(512), null, null, null)).toThrow(
      "convBackward: weight must have the element type of x (Float64Array), got Float32Array",
    );
  });
});
