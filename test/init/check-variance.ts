// Sample moments of an initialised tensor against the target variance, with bounds from the
// sampling distribution rather than a guess: with the known mean 0, s² = Σx²/n has standard error
// √((μ₄ − σ⁴)/n), where μ₄ = 3σ⁴ for a normal (so s² ~ σ²χ²ₙ/n) and 9σ⁴/5 for a uniform. Five
// standard errors: a correct initialiser fails with probability < 1e-6 (and the seed is fixed).
import { expect } from "vitest";
import type { Tensor } from "../../src/index";

export function expectVariance(t: Tensor, variance: number, distribution: "normal" | "uniform"): void {
  const x = t.toArray();
  const n = x.length;
  let s1 = 0;
  let s2 = 0;
  for (const v of x) {
    s1 += v;
    s2 += v * v;
  }
  const mean = s1 / n;
  const s2n = s2 / n;
  const kurtosis = distribution === "normal" ? 3 : 9 / 5; // μ₄/σ⁴
  expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / n));
  expect(Math.abs(s2n - variance)).toBeLessThan(5 * variance * Math.sqrt((kurtosis - 1) / n));
  if (distribution === "uniform") {
    const r = Math.sqrt(3 * variance);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(-r);
    expect(hi).toBeLessThan(r);
  }
}
