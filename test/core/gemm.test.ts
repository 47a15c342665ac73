// Kernel.gemm, both implementations: the reference against closed forms, the WASM core — both of its
// builds, relaxed SIMD (FMA, 6-row tile) and SIMD128 (4-row tile) — against the reference on random
// and awkward shapes (0, 1, primes, non-multiples of the micro-tiles and of the KC = 256 / MC cache
// blocks), all four transpose variants, both precisions; then against an accurate product within the
// rounding-error bound, relaxed against SIMD128, and NaN / ±Inf propagation as in a reference BLAS.
// Thread splits are tested in threads.test.ts, the choice of build in simd.test.ts.

import { describe, expect, it } from "vitest";
import type { FloatArray, Kernel } from "../../src/core";
import { referenceKernel, setNumThreads, getNumThreads } from "../../src/core";
import { PARALLEL_MIN_FLOPS } from "../../src/core/wasm";
import { wasmKernelFor } from "../../src/core/wasm-kernel";
import { accurateGemm, expectWithinGemmBound } from "../helpers/accurate-gemm";
import { expectClose, maxRelativeError } from "../helpers/expect-close";

type Dtype = "float32" | "float64";
const ArrayOf = { float32: Float32Array, float64: Float64Array } as const;
const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** mulberry32: a tiny seeded PRNG, so every run tests the same numbers. Returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** (rows, cols) of uniform values in [-1, 1). */
function randomMatrix(dtype: Dtype, rows: number, cols: number, rand: () => number): FloatArray {
  const out = new ArrayOf[dtype](rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = 2 * rand() - 1;
  return out;
}

/** The (cols, rows) transpose of a row-major (rows, cols) matrix. */
function transpose(x: ArrayLike<number>, rows: number, cols: number, dtype: Dtype): FloatArray {
  const out = new ArrayOf[dtype](rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j];
  return out;
}

/** How op(X) of shape (rows, cols) is stored: as is, or as its (cols, rows) transpose. */
function stored(x: ArrayLike<number>, rows: number, cols: number, trans: boolean, dtype: Dtype): FloatArray {
  return trans ? transpose(x, rows, cols, dtype) : ArrayOf[dtype].from(x);
}

function identity(n: number, dtype: Dtype): FloatArray {
  const out = new ArrayOf[dtype](n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

// vitest runs with --experimental-wasm-relaxed-simd (vitest.config.mts), so both builds load here.
const wasmKernels: Kernel[] = [wasmKernelFor("relaxed"), wasmKernelFor("simd128")];
const kernels: Kernel[] = [referenceKernel, ...wasmKernels];
const dtypes: Dtype[] = ["float32", "float64"];

describe.each(kernels)("$name gemm: closed forms", (kernel) => {
  describe.each(dtypes)("%s", (dtype) => {
    it.each(TRANSPOSES)("2×3 · 3×2 by hand (transA %s, transB %s)", (transA, transB) => {
      // A = [[1, 2, 3],     B = [[ 7,  8],
      //      [4, 5, 6]]          [ 9, 10],
      //                          [11, 12]]
      // C[0][0] = 1·7 + 2·9 + 3·11 = 7 + 18 + 33 = 58     C[0][1] = 1·8 + 2·10 + 3·12 = 8 + 20 + 36 = 64
      // C[1][0] = 4·7 + 5·9 + 6·11 = 28 + 45 + 66 = 139   C[1][1] = 4·8 + 5·10 + 6·12 = 32 + 50 + 72 = 154
      const a = stored([1, 2, 3, 4, 5, 6], 2, 3, transA, dtype); // transA: stored (3, 2) = [1, 4, 2, 5, 3, 6]
      const b = stored([7, 8, 9, 10, 11, 12], 3, 2, transB, dtype); // transB: stored (2, 3) = [7, 9, 11, 8, 10, 12]
      const c = new ArrayOf[dtype](4);
      kernel.gemm(transA, transB, 2, 2, 3, a, b, c);
      expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    });

    it.each(TRANSPOSES)("identity: I·B = B and A·I = A (transA %s, transB %s)", (transA, transB) => {
      const rand = mulberry32(1);
      const [m, n] = [7, 13];
      const x = randomMatrix(dtype, m, n, rand); // (7, 13)
      const c = new ArrayOf[dtype](m * n);
      kernel.gemm(transA, transB, m, n, m, identity(m, dtype), stored(x, m, n, transB, dtype), c); // I (7, 7) · X (7, 13)
      expect(Array.from(c)).toEqual(Array.from(x));
      c.fill(NaN);
      kernel.gemm(transA, transB, m, n, n, stored(x, m, n, transA, dtype), identity(n, dtype), c); // X (7, 13) · I (13, 13)
      expect(Array.from(c)).toEqual(Array.from(x));
    });

    it("rank-1: an outer product u·vᵀ, and k copies of it", () => {
      const u = [1, -2, 3, 0.5, 4]; // (5, 1)
      const v = [2, 0, -1, 8, 3, -0.25, 1, 5, 6]; // (1, 9)
      const outer = u.flatMap((ui) => v.map((vj) => ui * vj)); // exact: small integers and halves
      const c = new ArrayOf[dtype](u.length * v.length);
      kernel.gemm(false, false, u.length, v.length, 1, ArrayOf[dtype].from(u), ArrayOf[dtype].from(v), c);
      expectClose(c, outer, { rtol: 0 }); // exact; and unlike toEqual, 0 matches the -0 of 0·(-2)
      // A (5, 3) with every column u, B (3, 9) with every row v: C = 3·u·vᵀ.
      const k = 3;
      const a = ArrayOf[dtype].from(u.flatMap((ui) => [ui, ui, ui]));
      const b = ArrayOf[dtype].from([...v, ...v, ...v]);
      kernel.gemm(false, false, u.length, v.length, k, a, b, c);
      expectClose(c, outer.map((x) => k * x), { rtol: 0 });
    });

    it("k = 0 gives C = 0; m = 0 or n = 0 leaves C untouched", () => {
      const empty = new ArrayOf[dtype](0);
      const c = new ArrayOf[dtype](6).fill(NaN);
      kernel.gemm(false, false, 2, 3, 0, empty, empty, c);
      expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
      c.fill(7);
      kernel.gemm(false, true, 0, 3, 4, empty, new ArrayOf[dtype](12), c);
      kernel.gemm(true, false, 2, 0, 4, new ArrayOf[dtype](8), empty, c);
      expect(Array.from(c)).toEqual([7, 7, 7, 7, 7, 7]);
    });

    it("1×1·1×1", () => {
      const c = new ArrayOf[dtype](1);
      kernel.gemm(true, true, 1, 1, 1, ArrayOf[dtype].of(3), ArrayOf[dtype].of(-0.5), c);
      expect(c[0]).toBe(-1.5);
    });

    it("reads subarrays at any offset and writes only the first m·n elements of C", () => {
      const rand = mulberry32(2);
      const [m, n, k] = [5, 11, 9];
      const aBuffer = randomMatrix(dtype, 1, m * k + 10, rand);
      const bBuffer = randomMatrix(dtype, 1, k * n + 10, rand);
      const a = aBuffer.subarray(3, 3 + m * k + 4); // offset 3, and 4 spare elements that must be ignored
      const b = bBuffer.subarray(7, 7 + k * n);
      const cBuffer = new ArrayOf[dtype](m * n + 10).fill(42);
      const c = cBuffer.subarray(5); // offset 5, 5 spare elements past m·n
      kernel.gemm(false, false, m, n, k, a, b, c);
      const expected = new ArrayOf[dtype](m * n);
      kernel.gemm(false, false, m, n, k, a.slice(0, m * k), b.slice(), expected); // same kernel on fresh dense copies
      expectClose(c.subarray(0, m * n), expected, { rtol: 0 });
      expect(Array.from(cBuffer.subarray(0, 5))).toEqual([42, 42, 42, 42, 42]);
      expect(Array.from(cBuffer.subarray(5 + m * n))).toEqual([42, 42, 42, 42, 42]);
    });

    it("rejects mixed element types and arrays shorter than their shape", () => {
      const other = dtype === "float32" ? Float64Array : Float32Array;
      const a = new ArrayOf[dtype](6);
      expect(() => kernel.gemm(false, false, 2, 3, 3, a, new other(9), new ArrayOf[dtype](6))).toThrow(TypeError);
      expect(() => kernel.gemm(false, false, 2, 3, 3, a, new ArrayOf[dtype](8), new ArrayOf[dtype](6))).toThrow(/b has 8 elements, needs 9/);
      expect(() => kernel.gemm(false, false, 2, 3, -1, a, a, a)).toThrow(RangeError);
    });
  });
});

describe.each(wasmKernels)("$name gemm matches the reference", (wasmKernel) => {
  // [m, n, k]: degenerate, primes, tile (4 or 6 rows × 8 f32 / 4 f64 columns) and block (KC 256,
  // MC 128 / 192) edges, n past the packed-B block width (NC = 4096 floats / 2048 doubles).
  const shapes: [number, number, number][] = [
    [1, 1, 1], [1, 1, 7], [1, 13, 1], [13, 1, 1], [2, 3, 5], [4, 8, 4], [5, 9, 3], [7, 13, 31],
    [8, 8, 256], [3, 5, 257], [31, 97, 13], [97, 31, 129], [13, 7, 513], [64, 64, 64], [67, 129, 257],
    [129, 67, 100], [130, 9, 300], [193, 11, 40], [257, 5, 3], [17, 8, 1], [3, 4097, 5],
  ];
  const tolerance = { float32: 1e-5, float64: 1e-12 };

  describe.each(dtypes)("%s", (dtype) => {
    it.each(shapes)("m=%i n=%i k=%i, all four transpose variants", (m, n, k) => {
      const rand = mulberry32(m * 1_000_003 + n * 1009 + k);
      const a = randomMatrix(dtype, m, k, rand); // op(A) (m, k); its storage is the same length either way
      const b = randomMatrix(dtype, k, n, rand); // op(B) (k, n)
      for (const [transA, transB] of TRANSPOSES) {
        const expected = new ArrayOf[dtype](m * n);
        const actual = new ArrayOf[dtype](m * n).fill(NaN);
        referenceKernel.gemm(transA, transB, m, n, k, a, b, expected);
        wasmKernel.gemm(transA, transB, m, n, k, a, b, actual);
        expect(maxRelativeError(actual, expected), `transA ${transA}, transB ${transB}`).toBeLessThanOrEqual(tolerance[dtype]);
      }
    });

    it("every small shape m, n ≤ 10, k ∈ {1, 3, 4, 9}", () => {
      const rand = mulberry32(3);
      let worst = 0;
      for (let m = 1; m <= 10; m++) {
        for (let n = 1; n <= 10; n++) {
          for (const k of [1, 3, 4, 9]) {
            const a = randomMatrix(dtype, m, k, rand);
            const b = randomMatrix(dtype, k, n, rand);
            for (const [transA, transB] of TRANSPOSES) {
              const expected = new ArrayOf[dtype](m * n);
              const actual = new ArrayOf[dtype](m * n);
              referenceKernel.gemm(transA, transB, m, n, k, a, b, expected);
              wasmKernel.gemm(transA, transB, m, n, k, a, b, actual);
              worst = Math.max(worst, maxRelativeError(actual, expected));
            }
          }
        }
      }
      expect(worst).toBeLessThanOrEqual(tolerance[dtype]);
    });

    it("stays correct when the arena grows between calls (typed-array views are re-taken)", () => {
      const rand = mulberry32(4);
      const run = (m: number, n: number, k: number) => {
        const a = randomMatrix(dtype, m, k, rand);
        const b = randomMatrix(dtype, k, n, rand);
        const expected = new ArrayOf[dtype](m * n);
        const actual = new ArrayOf[dtype](m * n);
        referenceKernel.gemm(false, true, m, n, k, a, b, expected);
        wasmKernel.gemm(false, true, m, n, k, a, b, actual);
        expect(maxRelativeError(actual, expected)).toBeLessThanOrEqual(tolerance[dtype]);
      };
      run(6, 5, 4);
      run(300, 200, 700); // several MiB more arena: memory.grow
      run(9, 3, 2);
    });
  });
});

/** Seeded (rows, cols) matrices with entries of mixed magnitudes, so that the products cancel. */
function cancellingMatrix(dtype: Dtype, rows: number, cols: number, rand: () => number): FloatArray {
  const out = new ArrayOf[dtype](rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rand() - 1) * 2 ** Math.floor(8 * rand() - 4);
  return out;
}

describe("wasm gemm against an accurate product: |ĉ − c| ≤ γ_k·Σ|a||b|", () => {
  // k across one and several KC = 256 blocks; m, n across the micro-tile and MC edges.
  const shapes: [number, number, number][] = [[1, 1, 1], [6, 8, 256], [7, 13, 31], [67, 29, 257], [13, 7, 700], [197, 9, 300]];
  describe.each(dtypes)("%s", (dtype) => {
    it.each(wasmKernels.map((k) => [k.name, k] as const))("%s, all four transpose variants", (_name, kernel) => {
      const rand = mulberry32(11);
      for (const [m, n, k] of shapes) {
        const a = cancellingMatrix(dtype, m, k, rand);
        const b = cancellingMatrix(dtype, k, n, rand);
        for (const [transA, transB] of TRANSPOSES) {
          const c = new ArrayOf[dtype](m * n);
          kernel.gemm(transA, transB, m, n, k, a, b, c);
          expectWithinGemmBound(c, accurateGemm(transA, transB, m, n, k, a, b), k, dtype);
        }
      }
    });

    it("relaxed (fused multiply-add) and SIMD128 differ by at most 2·γ_k·Σ|a||b|", () => {
      // Both are within γ_k·S of the exact product; where they differ, FMA's single rounding per
      // term is the reason. Compared directly: |ĉ_relaxed − ĉ_simd128| ≤ 2·γ_k·S.
      const rand = mulberry32(12);
      const [m, n, k] = [37, 45, 600];
      const a = cancellingMatrix(dtype, m, k, rand);
      const b = cancellingMatrix(dtype, k, n, rand);
      const exact = accurateGemm(false, true, m, n, k, a, b);
      const relaxed = new ArrayOf[dtype](m * n);
      const simd128 = new ArrayOf[dtype](m * n);
      wasmKernelFor("relaxed").gemm(false, true, m, n, k, a, b, relaxed);
      wasmKernelFor("simd128").gemm(false, true, m, n, k, a, b, simd128);
      expectWithinGemmBound(relaxed, { c: Float64Array.from(simd128), s: exact.s }, k, dtype, 2);
    });
  });
});

describe("NaN and ±Inf propagate through the wasm gemm as in a reference BLAS", () => {
  /**
   * Random (m, k) and (k, n) operands of op(A), op(B), then: a NaN in op(A) row 1 (row 1 of C is
   * NaN), +Inf in op(A) row 3 at p = 2 with op(B) row 2 holding a 0 at column 4 (C[3][4] = Inf·0 =
   * NaN, the rest of row 3 ±Inf), −Inf in op(B) column 6 at p = 5 with op(A) column 5 holding a 0 in
   * row 0 (C[0][6] = NaN, the rest of column 6 ±Inf) — and C[3][6] sums two infinite terms (NaN or
   * ±Inf, by their signs).
   */
  function poisoned(m: number, n: number, k: number, seed: number): { a: number[]; b: number[] } {
    const rand = mulberry32(seed);
    const a = Array.from({ length: m * k }, () => 2 * rand() - 1); // op(A) (m, k) row-major
    const b = Array.from({ length: k * n }, () => 2 * rand() - 1); // op(B) (k, n) row-major
    a[1 * k + 0] = NaN;
    a[3 * k + 2] = Infinity;
    b[2 * n + 4] = 0;
    b[5 * n + 6] = -Infinity;
    a[0 * k + 5] = 0;
    return { a, b };
  }

  // The last shape is above PARALLEL_MIN_FLOPS, so with 2 threads it is split into chunks.
  const shapes: [number, number, number][] = [[7, 9, 8], [13, 17, 300], [70, 300, 1000]];
  it("the last shape takes the threaded path", () => {
    const [m, n, k] = shapes[shapes.length - 1];
    expect(2 * m * n * k).toBeGreaterThanOrEqual(PARALLEL_MIN_FLOPS);
  });

  describe.each(dtypes)("%s", (dtype) => {
    it.each(shapes)("m=%i n=%i k=%i: both builds, all transposes, 1 and 2 threads", (m, n, k) => {
      const { a, b } = poisoned(m, n, k, m + n + k);
      const exact = accurateGemm(false, false, m, n, k, stored(a, m, k, false, dtype), stored(b, k, n, false, dtype)); // one op(A)·op(B) for every storage
      const threads = getNumThreads();
      try {
        for (const kernel of wasmKernels) {
          for (const [transA, transB] of TRANSPOSES) {
            const aStored = stored(a, m, k, transA, dtype);
            const bStored = stored(b, k, n, transB, dtype);
            const expected = new ArrayOf[dtype](m * n);
            referenceKernel.gemm(transA, transB, m, n, k, aStored, bStored, expected);
            expect(Number.isNaN(expected[1 * n + 0]) && Number.isNaN(expected[3 * n + 4]) && Number.isNaN(expected[0 * n + 6])).toBe(true);
            for (const t of [1, 2]) {
              setNumThreads(t);
              const c = new ArrayOf[dtype](m * n);
              kernel.gemm(transA, transB, m, n, k, aStored, bStored, c);
              // Same NaN / ±Inf pattern as the reference kernel, finite entries within the bound.
              for (let i = 0; i < c.length; i++) {
                if (!Number.isFinite(expected[i])) expect(c[i], `${kernel.name}, element ${i}, ${t} thread(s), transA ${transA}, transB ${transB}`).toBe(expected[i]);
              }
              expectWithinGemmBound(c, exact, k, dtype);
            }
          }
        }
      } finally {
        setNumThreads(threads);
      }
    });
  });
});
