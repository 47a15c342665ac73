// The few NumPy numerics the data generators need, written to give NumPy's bits rather than just
// NumPy's values: MNIST-1D (and anything else replayed from a Python reference) must match its
// reference to ~1e-12, so linspace, interp and sum follow NumPy's own formulas and summation order.
// Sources: numpy/_core/function_base.py (linspace), numpy/_core/src/multiarray/compiled_base.c
// (arr_interp), numpy/_core/src/umath/loops_utils.h.src (pairwise_sum).

/**
 * `np.linspace(start, stop, num)`: start + i·step with step = (stop − start)/(num − 1), last = stop.
 * @example
 * expect(Array.from(data.linspaceNumpy(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
 */
export function linspaceNumpy(start: number, stop: number, num: number): Float64Array {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer (got ${num})`);
  const out = new Float64Array(num);
  if (num === 0) return out;
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * `np.interp(x, xp, fp)` for increasing `xp` (what scipy's `interp1d(kind="linear")` delegates to for
 * 1-D float64 data): fp[j] at an exact knot or at the last knot, otherwise
 * slope·(x − xp[j]) + fp[j] with slope = (fp[j+1] − fp[j])/(xp[j+1] − xp[j]); clamped outside.
 * @example
 * expect(Array.from(data.interp([0.5, 1.5, 3], [0, 1, 2], [0, 10, 30]))).toEqual([5, 20, 30]);  // clamped at the end
 */
export function interp(x: ArrayLike<number>, xp: ArrayLike<number>, fp: ArrayLike<number>): Float64Array {
  if (xp.length !== fp.length || xp.length === 0) {
    throw new RangeError(`interp: xp and fp must be non-empty and of equal length (got ${xp.length} and ${fp.length})`);
  }
  const last = xp.length - 1;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < xp[0]) {
      out[i] = fp[0];
      continue;
    }
    if (v > xp[last]) {
      out[i] = fp[last];
      continue;
    }
    // j: the largest index with xp[j] <= v
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (xp[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    const j = lo;
    if (j === last || xp[j] === v) {
      out[i] = fp[j];
      continue;
    }
    const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    out[i] = slope * (v - xp[j]) + fp[j];
  }
  return out;
}

/**
 * NumPy's pairwise summation of a[start .. start+n): plain loop below 8 elements, eight interleaved
 * partial sums up to 128, otherwise split in two halves (the first a multiple of 8) and recurse.
 * @example
 * const tenths = new Array<number>(10).fill(0.1);
 * expect(data.pairwiseSum(tenths)).toBe(1);                       // np.sum(np.full(10, 0.1)) → 1.0
 * expect(tenths.reduce((s, v) => s + v, 0)).toBe(0.9999999999999999); // a plain loop differs in the last bit
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let k = 0; k < 8; k++) r[k] += a[start + i + k];
    }
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

/**
 * `a.mean()` as NumPy computes it: pairwise sum divided by the count.
 * @example
 * expect(data.meanNumpy([1, 2, 3, 4])).toBe(2.5);
 */
export function meanNumpy(a: ArrayLike<number>): number {
  if (a.length === 0) throw new RangeError("mean: empty array");
  return pairwiseSum(a) / a.length;
}

/**
 * `a.std()` (ddof 0) as NumPy computes it: sqrt(pairwise Σ(a − mean)² / n).
 * @example
 * expect(data.stdNumpy([1, 2, 3, 4])).toBe(Math.sqrt(1.25));      // population std (ddof 0), as np.std
 */
export function stdNumpy(a: ArrayLike<number>): number {
  const mean = meanNumpy(a);
  const squares = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - mean;
    squares[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(squares) / a.length);
}
