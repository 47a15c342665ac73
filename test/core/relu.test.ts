// Kernel.relu / reluBackward, every implementation: the values of `x > 0 ? x : 0` and
// `x > 0 ? dy : 0` on the awkward inputs (±0, NaN, ±∞, subnormals), the WASM core against the
// reference bit for bit on lengths around the SIMD width (the scalar tail), in place, and bad input.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/core";
import { referenceKernel } from "../../src/core";
import { wasmKernelFor } from "../../src/core/wasm-kernel";
import { RandomState } from "../../src/data/random";

const kernels: Kernel[] = [referenceKernel, wasmKernelFor("relaxed"), wasmKernelFor("simd128")];
const dtypes = [["float32", Float32Array], ["float64", Float64Array]] as const;

/** Bit patterns, so +0 and −0 (and NaN payloads) are told apart. */
function bits(a: Float32Array | Float64Array): string[] {
  return Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)));
}

describe.each(kernels)("$name relu", (kernel) => {
  describe.each(dtypes)("%s", (_name, A) => {
    it("keeps positives, sends everything else (−0, NaN, −∞) to +0", () => {
      const x = A.of(2, -3, 0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 0.5);
      const out = new A(x.length).fill(7);
      kernel.relu(x, out);
      const tiny = A === Float32Array ? "0" : "5e-324"; // 5e-324 is 0 in float32
      expect(bits(out)).toEqual(["2", "0", "0", "0", "0", "Infinity", "0", tiny, "0", "0.5"]);
    });

    it("passes dy where x > 0, +0 elsewhere (NaN dy included where x > 0)", () => {
      const x = A.of(1, -1, 0, NaN, 3, 4);
      const dy = A.of(5, 6, 7, 8, -0, NaN);
      const dx = new A(6).fill(9);
      kernel.reluBackward(dy, x, dx);
      expect(bits(dx)).toEqual(["5", "0", "0", "0", "-0", "NaN"]);
    });

    it("works in place", () => {
      const x = A.of(-1, 2, -3, 4, -5);
      kernel.relu(x, x);
      expect(Array.from(x)).toEqual([0, 2, 0, 4, 0]);
    });

    it("refuses arrays of different element types or too short an output", () => {
      const other = A === Float32Array ? new Float64Array(3) : new Float32Array(3);
      expect(() => kernel.relu(new A(3), other)).toThrow(/relu: all arrays must share one element type/);
      expect(() => kernel.reluBackward(new A(2), new A(3), new A(3))).toThrow("reluBackward: x has 3 elements, the other arrays 3 and 2");
    });
  });
});

describe.each([wasmKernelFor("relaxed"), wasmKernelFor("simd128")])("$name relu matches the reference bit for bit", (kernel) => {
  it.each(dtypes)("%s, lengths 0…9, 1023, 47 500", (_name, A) => {
    const rng = new RandomState(5);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1023, 47_500]) {
      const [x, dy] = [new A(n), new A(n)];
      for (let i = 0; i < n; i++) [x[i], dy[i]] = [rng.standardNormal(), rng.standardNormal()];
      const [out, expected] = [new A(n), new A(n)];
      kernel.relu(x, out);
      referenceKernel.relu(x, expected);
      expect(bits(out)).toEqual(bits(expected));
      kernel.reluBackward(dy, x, out);
      referenceKernel.reluBackward(dy, x, expected);
      expect(bits(out)).toEqual(bits(expected));
    }
  });
});
