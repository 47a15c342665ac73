// axpy (y ← y + α·x), the SGD update's kernel: closed forms on values exact in binary, WASM against
// the reference on lengths around the SIMD width (the scalar tail), subarray views, and bad input.
import { describe, expect, it } from "vitest";
import { referenceKernel, wasmKernel } from "../../src/core";
import { RandomState } from "../../src/data/random";
import { expectClose } from "../helpers/expect-close";

const dtypes = [
  ["float32", Float32Array],
  ["float64", Float64Array],
] as const;

describe.each([wasmKernel, referenceKernel])("$name axpy", (kernel) => {
  describe.each(dtypes)("%s", (_name, ArrayType) => {
    it("computes y + α·x exactly on dyadic values", () => {
      const x = ArrayType.from([1, -2, 0.5, 4, 8]);
      const y = ArrayType.from([0.25, 1, 1, -1, 0]);
      kernel.axpy(-0.5, x, y); // [0.25 − 0.5, 1 + 1, 1 − 0.25, −1 − 2, 0 − 4]
      expect(Array.from(y)).toEqual([-0.25, 2, 0.75, -3, -4]);
    });

    it("updates a subarray view in place and leaves its neighbours alone", () => {
      const storage = ArrayType.from([9, 1, 2, 3, 9]);
      kernel.axpy(2, ArrayType.from([1, 1, 1]), storage.subarray(1, 4));
      expect(Array.from(storage)).toEqual([9, 3, 4, 5, 9]);
    });

    it("refuses arrays of different lengths or types", () => {
      expect(() => kernel.axpy(1, new ArrayType(3), new ArrayType(4))).toThrow("axpy: x has 3 elements but y has 4");
      const other = ArrayType === Float32Array ? new Float64Array(2) : new Float32Array(2);
      expect(() => kernel.axpy(1, other, new ArrayType(2))).toThrow(/axpy: x and y must share one element type/);
    });
  });
});

describe("wasm axpy matches the reference", () => {
  it.each(dtypes)("%s, lengths 0…9, 1023, 200 704 (the 784·256 weight)", (dtype, ArrayType) => {
    const rng = new RandomState(3);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1023, 200_704]) {
      const x = ArrayType.from(Array.from({ length: n }, () => rng.standardNormal()));
      const y = ArrayType.from(Array.from({ length: n }, () => rng.standardNormal()));
      const expected = y.slice();
      referenceKernel.axpy(-0.01, x, expected);
      wasmKernel.axpy(-0.01, x, y);
      // float32: WASM rounds α and α·x to float32 before the sum, JS rounds only the sum.
      expectClose(y, expected, dtype === "float32" ? { rtol: 1e-6, atol: 1e-7 } : { rtol: 1e-15, atol: 1e-16 });
    }
  });
});
