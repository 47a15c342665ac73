// An accurate matrix product to test GEMM kernels against, and the error bound they must meet.
//
// accurateGemm computes every element with Dot2 (Ogita, Rump & Oishi 2005: TwoProduct by Dekker's
// splitting + TwoSum, error ≤ u·|c| + γ_k²·Σ|a·b| with u = 2⁻⁵³), so for float32 inputs it is exact
// to far below float32's rounding and for float64 inputs about as accurate as if computed in twice
// the precision. It also returns S = Σ_p |a_ip|·|b_pj| per element, the scale of the classic bound
//   |ĉ − c| ≤ γ_k·S,   γ_k = k·u / (1 − k·u),   u = 2⁻²⁴ (float32) or 2⁻⁵³ (float64),
// which any order of summation meets with one rounding per product and per sum — SIMD128's mul + add
// and relaxed SIMD's fused multiply-add alike (Higham, Accuracy and Stability, §3.1).

import type { FloatArray } from "../../src/core";

const SPLITTER = 134217729; // 2^27 + 1

/** a·b = p + e exactly (Dekker), barring overflow. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, al * bl - (((p - ah * bh) - al * bh) - ah * bl)];
}

/** a + b = s + e exactly (Knuth). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const z = s - a;
  return [s, (a - (s - z)) + (b - z)];
}

/** C = op(A)·op(B) by Dot2 in float64, and S = Σ|a||b|; A stored (m, k) or (k, m) if transA, B (k, n) or (n, k) if transB. */
export function accurateGemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: ArrayLike<number>, b: ArrayLike<number>): { c: Float64Array; s: Float64Array } {
  const c = new Float64Array(m * n);
  const s = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let compensation = 0;
      let scale = 0;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        const bpj = transB ? b[j * k + p] : b[p * n + j];
        const [product, productError] = twoProduct(aip, bpj);
        const [next, sumError] = twoSum(sum, product);
        sum = next;
        compensation += productError + sumError;
        scale += Math.abs(aip * bpj);
      }
      c[i * n + j] = Number.isFinite(sum) ? sum + compensation : sum; // NaN / ±Inf: the plain sum says which
      s[i * n + j] = scale;
    }
  }
  return { c, s };
}

/** γ_k = k·u / (1 − k·u) for the unit roundoff of `dtype`. */
function gamma(k: number, dtype: "float32" | "float64"): number {
  const u = dtype === "float32" ? 2 ** -24 : 2 ** -53;
  return (k * u) / (1 - k * u);
}

/**
 * Asserts |actual − exact| ≤ factor·γ_k·S + (the reference's own error, u₅₃·|c| + γ_k(f64)²·S) for
 * every finite element, and that NaN and ±Inf sit exactly where the reference has them. Returns the
 * largest ratio |actual − exact| / (γ_k·S) seen, to show how far inside the bound the kernel stays.
 */
export function expectWithinGemmBound(actual: FloatArray, exact: { c: Float64Array; s: Float64Array }, k: number, dtype: "float32" | "float64", factor = 1): number {
  const g = gamma(k, dtype);
  const g64 = gamma(k, "float64");
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const x = actual[i];
    const c = exact.c[i];
    const s = exact.s[i];
    if (!Number.isFinite(c)) {
      if (!Object.is(x, c) && !(Number.isNaN(x) && Number.isNaN(c))) throw new Error(`element ${i}: expected ${c}, got ${x}`);
      continue;
    }
    const bound = factor * g * s + 2 ** -53 * Math.abs(c) + g64 * g64 * s;
    const error = Math.abs(x - c);
    if (!(error <= bound)) throw new Error(`element ${i}: |${x} − ${c}| = ${error} exceeds the bound ${bound} (k = ${k}, ${dtype})`);
    if (s > 0) worst = Math.max(worst, error / (g * s));
  }
  return worst;
}
