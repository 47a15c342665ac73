// Kernel.linearForward / linearBackward (nn.Linear's y = x·Wᵀ + b and its three gradients), every
// implementation: a closed form by hand, and the argument checks. Then the WASM core (both builds) on
// random and awkward shapes (1, primes, non-multiples of the micro-tile) in both precisions: bit for
// bit against the same core's gemm calls with the bias added (and the bias gradient summed) in plain
// loops — the composition the kernel replaces — and against the reference kernel within rounding.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/core";
import { referenceKernel } from "../../src/core";
import { wasmKernelFor } from "../../src/core/wasm-kernel";
import { expectClose, maxRelativeError } from "../helpers/expect-close";
import { ArrayOf, seededArray } from "../helpers/seeded-arrays";

const kernels: Kernel[] = [referenceKernel, wasmKernelFor("relaxed"), wasmKernelFor("simd128")];

describe.each(kernels)("$name linear kernels: by hand", (kernel) => {
  it.each(["float32", "float64"] as const)("%s: a (2, 3) batch through a 3 → 2 layer, and back", (dtype) => {
    // x = [[1, 2, 3], [4, 5, 6]], W = [[1, 0, -1], [2, 1, 0]] (out = 2, in = 3), b = [10, 20]
    // y = x·Wᵀ + b = [[1 − 3 + 10, 2 + 2 + 20], [4 − 6 + 10, 8 + 5 + 20]] = [[8, 24], [8, 33]]
    const A = ArrayOf[dtype];
    const x = A.of(1, 2, 3, 4, 5, 6);
    const w = A.of(1, 0, -1, 2, 1, 0);
    const y = new A(4);
    kernel.linearForward(2, 2, 3, x, w, A.of(10, 20), y);
    expect(Array.from(y)).toEqual([8, 24, 8, 33]);
    // dy = [[1, 0], [1, 2]]: dx = dy·W = [[1, 0, −1], [1 + 4, 2, −1]], dW = dyᵀ·x = [[5, 7, 9], [8, 10, 12]], db = [2, 2]
    const dx = new A(6).fill(NaN);
    const dw = new A(6).fill(NaN);
    const db = new A(2).fill(NaN);
    kernel.linearBackward(2, 2, 3, x, w, A.of(1, 0, 1, 2), dx, dw, db);
    expect(Array.from(dx)).toEqual([1, 0, -1, 5, 2, -1]);
    expect(Array.from(dw)).toEqual([5, 7, 9, 8, 10, 12]);
    expect(Array.from(db)).toEqual([2, 2]);
  });

  it("no bias, and gradients that are not asked for are left alone", () => {
    const y = new Float64Array(2);
    kernel.linearForward(1, 2, 1, Float64Array.of(3), Float64Array.of(2, -1), null, y);
    expect(Array.from(y)).toEqual([6, -3]);
    const dw = new Float64Array(2);
    kernel.linearBackward(1, 2, 1, Float64Array.of(3), Float64Array.of(2, -1), Float64Array.of(1, 1), null, dw, null);
    expect(Array.from(dw)).toEqual([3, 3]);
  });

  it("k = 0 gives y = bias; m = 0 writes nothing", () => {
    const y = new Float32Array(4).fill(NaN);
    kernel.linearForward(2, 2, 0, new Float32Array(0), new Float32Array(0), Float32Array.of(1, 2), y);
    expect(Array.from(y)).toEqual([1, 2, 1, 2]);
    const untouched = Float32Array.of(7);
    kernel.linearForward(0, 1, 1, new Float32Array(0), Float32Array.of(1), null, untouched);
    expect(untouched[0]).toBe(7);
  });

  it("refuses arrays that do not fit the shape or mix element types", () => {
    expect(() => kernel.linearForward(2, 2, 2, new Float32Array(3), new Float32Array(4), null, new Float32Array(4))).toThrow("linearForward: x (m, k) has 3 elements, needs 4");
    expect(() => kernel.linearForward(1, 1, 1, new Float32Array(1), new Float64Array(1), null, new Float32Array(1))).toThrow(/linearForward: weight must have the element type of x/);
    expect(() => kernel.linearBackward(1, 2, 1, new Float64Array(1), new Float64Array(2), new Float64Array(2), null, null, new Float64Array(1))).toThrow("linearBackward: db (n) has 1 elements, needs 2");
  });
});

describe.each([wasmKernelFor("relaxed"), wasmKernelFor("simd128")])("$name linear kernels against gemm and the reference", (kernel) => {
  const shapes = [
    [1, 1, 1], [7, 13, 5], [100, 8, 40], [128, 10, 256], [37, 41, 43], [5, 300, 2],
  ];
  describe.each(["float32", "float64"] as const)("%s", (dtype) => {
    it.each(shapes)("(m, n, k) = (%i, %i, %i)", (m, n, k) => {
      const A = ArrayOf[dtype];
      const x = seededArray(dtype, m * k, 1);
      const w = seededArray(dtype, n * k, 2);
      const b = seededArray(dtype, n, 3);
      const dy = seededArray(dtype, m * n, 4);
      // forward: the same core's gemm, then the bias added row by row — the same bits
      const y = new A(m * n);
      kernel.linearForward(m, n, k, x, w, b, y);
      const expected = new A(m * n);
      kernel.gemm(false, true, m, n, k, x, w, expected);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expected[i * n + j] += b[j];
      expectClose(y, expected, { rtol: 0 });
      // backward: the gemms the composition ran, and the bias gradient summed in row order
      const dx = new A(m * k);
      const dw = new A(n * k);
      const db = new A(n);
      kernel.linearBackward(m, n, k, x, w, dy, dx, dw, db);
      const dxExpected = new A(m * k);
      const dwExpected = new A(n * k);
      const dbExpected = new A(n);
      kernel.gemm(false, false, m, k, n, dy, w, dxExpected);
      kernel.gemm(true, false, n, k, m, dy, x, dwExpected);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) dbExpected[j] += dy[i * n + j];
      expectClose(dx, dxExpected, { rtol: 0 });
      expectClose(dw, dwExpected, { rtol: 0 });
      expectClose(db, dbExpected, { rtol: 0 });
      // and the reference kernel, up to the rounding of a different summation order
      const yRef = new A(m * n);
      referenceKernel.linearForward(m, n, k, x, w, b, yRef);
      const dwRef = new A(n * k);
      referenceKernel.linearBackward(m, n, k, x, w, dy, null, dwRef, null);
      const bound = dtype === "float32" ? 1e-5 : 1e-13;
      expect(maxRelativeError(y, yRef)).toBeLessThan(bound);
      expect(maxRelativeError(dw, dwRef)).toBeLessThan(bound);
    });
  });
});
