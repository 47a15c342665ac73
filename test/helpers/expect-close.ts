// The one closeness assertion shared by all tests. On failure it names the worst
// element — its index, both values and the difference — the way llm.c prints "maxdiff", so a
// failing kernel test says where to look instead of just "arrays differ".

export interface CloseOptions {
  /** Absolute tolerance; default 0. */
  atol?: number;
  /** Relative tolerance, scaled by |expected[i]|; default 1e-12. */
  rtol?: number;
}

/**
 * Asserts |actual[i] − expected[i]| ≤ atol + rtol·|expected[i]| for every i (numpy.allclose's rule),
 * and equal lengths. NaN matches NaN, and ±Infinity matches itself.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, { atol = 0, rtol = 1e-12 }: CloseOptions = {}): void {
  if (actual.length !== expected.length) {
    throw new Error(`expectClose: length ${actual.length} differs from expected length ${expected.length}`);
  }
  let failures = 0;
  let worst = -1; // index of the failing element that exceeds its tolerance by the largest difference
  let worstDiff = -1;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a === e || (Number.isNaN(a) && Number.isNaN(e))) continue;
    const diff = Math.abs(a - e);
    if (diff <= atol + rtol * Math.abs(e)) continue;
    failures++;
    const rank = Number.isNaN(diff) ? Infinity : diff;
    if (rank > worstDiff) {
      worstDiff = rank;
      worst = i;
    }
  }
  if (failures > 0) {
    const a = actual[worst];
    const e = expected[worst];
    throw new Error(
      `expectClose: ${failures} of ${actual.length} elements differ (atol ${atol}, rtol ${rtol}); ` +
        `largest difference at index ${worst}: actual ${a}, expected ${e}, |diff| ${Math.abs(a - e)} > ${atol + rtol * Math.abs(e)}`,
    );
  }
}

/**
 * Normwise relative error max_i |a[i] − b[i]| / max_i |b[i]|, with b the reference (0 when both are
 * all zero). Normwise rather than per element because a matrix product's small entries come from
 * cancellation, and their per-element relative error says nothing about the kernel.
 */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxRelativeError: lengths ${a.length} and ${b.length} differ`);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    maxRef = Math.max(maxRef, Math.abs(b[i]));
  }
  if (maxDiff === 0) return 0;
  return maxRef === 0 ? Infinity : maxDiff / maxRef;
}
