// −log N(y | μ, σ²) against the density written out in plain JS; homoscedastic and heteroscedastic
// (variance or log-variance); gradients and gradcheck.
import { describe, expect, test } from "vitest";
import { gaussianNLL } from "../../src/losses/gaussian-nll";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

const negLogPdf = (y: number, mu: number, v: number) => -Math.log(Math.exp(-((y - mu) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v));

describe.each(["float64", "float32"] as const)("gaussianNLL in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-14 } : { rtol: 3e-6, atol: 2e-6 };
  const mu = randomTensor([6], { dtype });
  const y = randomTensor([6], { dtype, seed: 5 });
  const ms = Array.from(mu.toArray());
  const ys = Array.from(y.toArray());

  test("homoscedastic (fixed σ²): full NLL equals −log of the density", () => {
    expectClose(gaussianNLL(mu, y, 0.7, { full: true, reduction: "none" }).toArray(), ys.map((v, i) => negLogPdf(v, ms[i], 0.7)), tol);
  });

  test("without the constant it is ½(log σ² + (y − μ)²/σ²); with σ² = 1 that is half the squared error", () => {
    expectClose(gaussianNLL(mu, y, 1, { reduction: "none" }).toArray(), ys.map((v, i) => 0.5 * (v - ms[i]) ** 2), tol);
  });

  test("heteroscedastic: σ² per output, given directly or as log σ²", () => {
    const v = randomTensor([6], { dtype, low: 0.2, high: 3, seed: 7 });
    const vs = Array.from(v.toArray());
    const expected = ys.map((yy, i) => negLogPdf(yy, ms[i], vs[i]));
    expectClose(gaussianNLL(mu, y, v, { full: true, reduction: "none" }).toArray(), expected, tol);
    expectClose(gaussianNLL(mu, y, v.log(), { full: true, logVariance: true, reduction: "none" }).toArray(), expected, tol);
    expectClose([gaussianNLL(mu, y, v, { full: true }).item()], [expected.reduce((a, b) => a + b, 0) / 6], tol);
  });
});

describe("gaussianNLL", () => {
  test("gradients: ∂/∂μ = (μ − y)/σ², ∂/∂s = ½(1 − (y − μ)²e^{−s}); gradcheck", () => {
    const mu = randomTensor([5], { requiresGrad: true });
    const s = randomTensor([5], { seed: 3, requiresGrad: true, low: -1, high: 1 });
    const y = randomTensor([5], { seed: 4 });
    gaussianNLL(mu, y, s, { logVariance: true, reduction: "sum" }).backward();
    const m = Array.from(mu.toArray());
    const ss = Array.from(s.toArray());
    const yy = Array.from(y.toArray());
    expectClose(mu.grad!.toArray(), m.map((v, i) => (v - yy[i]) / Math.exp(ss[i])), { rtol: 1e-13 });
    expectClose(s.grad!.toArray(), ss.map((v, i) => 0.5 * (1 - (yy[i] - m[i]) ** 2 * Math.exp(-v))), { rtol: 1e-13, atol: 1e-15 });
    expect(gradcheck((a, b) => gaussianNLL(a, y, b, { logVariance: true }), [mu, s]).ok).toBe(true);
    const v = randomTensor([5], { seed: 6, low: 0.5, high: 2, requiresGrad: true });
    expect(gradcheck((a, b) => gaussianNLL(a, y, b), [mu, v]).ok).toBe(true);
  });

  test("a non-positive variance is named", () => {
    expect(() => gaussianNLL(tensor([0, 0]), tensor([1, 1]), tensor([1, -0.5]))).toThrow(/variance -0.5 at flat index 1 is not positive/);
    expect(() => gaussianNLL(tensor([0]), tensor([1]), 0)).toThrow(/variance 0 is not positive/);
  });
});
