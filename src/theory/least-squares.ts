// Least squares in plain TypeScript for the theory experiments (lecture 2, noise/bias/variance):
// polynomial fits by a Householder QR solve. QR rather than the normal equations AᵀA c = Aᵀy because
// forming AᵀA squares the condition number of the Vandermonde matrix, which for degree 9 on [0, 1]
// is already ~1e7 — the normal equations would lose ~14 of 16 digits; QR loses about half as many.
// Kept here, not in src/nn, so the theory code depends on nothing the training stack provides.

/**
 * Solves min ‖A c − y‖₂ for A (m×n, m ≥ n, full column rank) given as rows.
 * @example
 * const [a, b] = theory.leastSquares([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);   // consistent: residual 0
 * expect(a).toBeCloseTo(1, 15);
 * expect(b).toBeCloseTo(2, 15);
 * const c = theory.leastSquares([[1], [1]], [1, 2]);                                    // the mean
 * expect(c[0]).toBeCloseTo(1.5, 15);
 */
export function leastSquares(A: readonly (readonly number[])[], y: readonly number[]): number[] {
  const m = A.length;
  if (m === 0) throw new Error("leastSquares: A has no rows");
  const n = A[0].length;
  if (y.length !== m) throw new Error(`leastSquares: y has length ${y.length}, A has ${m} rows`);
  if (m < n) throw new Error(`leastSquares: need at least as many rows as columns (got ${m}×${n})`);
  const R = A.map((row, i) => {
    if (row.length !== n) throw new Error(`leastSquares: row ${i} of A has length ${row.length}, expected ${n}`);
    return Array.from(row);
  }); // (m, n), overwritten by R
  const b = Array.from(y); // (m), overwritten by Qᵀy
  let scale = 0;
  for (const row of R) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let k = 0; k < n; k++) {
    // Householder reflector H = I − 2vvᵀ/vᵀv zeroing column k below the diagonal
    let norm = 0;
    for (let i = k; i < m; i++) norm += R[i][k] * R[i][k];
    norm = Math.sqrt(norm);
    if (norm <= 1e-14 * scale * Math.sqrt(m)) throw new Error(`leastSquares: A is rank deficient (column ${k} depends on the earlier ones)`);
    const alpha = R[k][k] > 0 ? -norm : norm; // the sign that avoids cancellation in v_k
    const v = new Array<number>(m).fill(0);
    for (let i = k; i < m; i++) v[i] = R[i][k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i] * R[i][j];
      const f = (2 * dot) / vv;
      for (let i = k; i < m; i++) R[i][j] -= f * v[i];
    }
    let dot = 0;
    for (let i = k; i < m; i++) dot += v[i] * b[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < m; i++) b[i] -= f * v[i];
  }
  // back substitution R[0:n, 0:n] c = (Qᵀy)[0:n]
  const c = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= R[i][j] * c[j];
    c[i] = s / R[i][i];
  }
  return c;
}

/**
 * Coefficients c_0 … c_p of the least-squares polynomial Σ c_j x^j of degree p through (x, y).
 * @example
 * const c = theory.fitPolynomial([0, 1, 2], [1, 3, 7], 2);               // y = 1 + x + x²
 * c.forEach((v) => expect(v).toBeCloseTo(1, 14));
 */
export function fitPolynomial(x: readonly number[], y: readonly number[], degree: number): number[] {
  if (!Number.isInteger(degree) || degree < 0) throw new Error(`fitPolynomial: degree must be a non-negative integer (got ${degree})`);
  if (x.length !== y.length) throw new Error(`fitPolynomial: x has length ${x.length}, y has ${y.length}`);
  if (x.length < degree + 1) throw new Error(`fitPolynomial: degree ${degree} needs at least ${degree + 1} points (got ${x.length})`);
  const vandermonde = x.map((xi) => Array.from({ length: degree + 1 }, (_, j) => xi ** j)); // (m, p+1)
  return leastSquares(vandermonde, y);
}

/**
 * Σ c_j x^j by Horner's rule.
 * @example
 * expect(theory.polyval([1, 2, 3], 2)).toBe(17);                          // 1 + 2·2 + 3·4
 */
export function polyval(coefficients: readonly number[], x: number): number {
  let s = 0;
  for (let j = coefficients.length - 1; j >= 0; j--) s = s * x + coefficients[j];
  return s;
}
