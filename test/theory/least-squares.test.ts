import { describe, expect, it } from "vitest";
import { lusolve, multiply, transpose } from "mathjs";
import { RandomState } from "../../src/data/random";
import { fitPolynomial, leastSquares, polyval } from "../../src/theory/least-squares";
import { expectClose } from "../helpers/expect-close";

describe("leastSquares (Householder QR)", () => {
  it("solves a 3×2 problem by hand", () => {
    // fit y = a + b x through (0, 1), (1, 2), (2, 4): AᵀA = [[3, 3], [3, 5]], Aᵀy = [7, 10]
    // → a = (7·5 − 3·10)/(15 − 9) = 5/6, b = (3·10 − 3·7)/6 = 3/2
    expectClose(leastSquares([[1, 0], [1, 1], [1, 2]], [1, 2, 4]), [5 / 6, 3 / 2], { rtol: 1e-14 });
  });

  it("agrees with mathjs' LU solve of the normal equations on a random well-conditioned problem", () => {
    const rng = new RandomState(3);
    const A = Array.from({ length: 30 }, () => Array.from({ length: 5 }, () => rng.standardNormal()));
    const y = Array.from({ length: 30 }, () => rng.standardNormal());
    const At = transpose(A);
    const reference = (lusolve(multiply<number[]>(At, A), multiply<number[]>(At, y)) as number[][]).map((r) => r[0]);
    expectClose(leastSquares(A, y), reference, { rtol: 1e-10 });
    // and the residual is orthogonal to every column: Aᵀ(y − Ac) = 0
    const c = leastSquares(A, y);
    const residual = A.map((row, i) => y[i] - row.reduce((s, v, j) => s + v * c[j], 0));
    expectClose(multiply<number[]>(At, residual), new Array(5).fill(0), { atol: 1e-12 });
  });

  it("recovers a polynomial from exact samples, also at degree 9 where the normal equations lose digits", () => {
    const coefficients = [0.5, -1, 2, 0.25, -3, 1, 0.5, -0.75, 2, -1];
    const x = Array.from({ length: 40 }, (_, i) => i / 39);
    const y = x.map((t) => polyval(coefficients, t));
    expectClose(fitPolynomial(x, y, 9), coefficients, { atol: 1e-6 });
    expectClose(fitPolynomial(x, x.map((t) => 3 - 2 * t), 1), [3, -2], { rtol: 1e-13 });
  });

  it("rejects bad input, naming the value", () => {
    expect(() => leastSquares([[1, 2]], [1])).toThrow(/1×2/);
    expect(() => leastSquares([[1, 1], [2, 2], [3, 3]], [1, 2, 3])).toThrow(/rank deficient \(column 1/);
    expect(() => fitPolynomial([0, 1], [0, 1], 2)).toThrow(/needs at least 3 points \(got 2\)/);
    expect(() => fitPolynomial([0, 1], [0, 1], -1)).toThrow(/got -1/);
  });
});
