// gradcheck itself: it passes correct gradients, catches a wrong one and names the input, the element
// and both values, has a fast projection mode, and — the lecture slide — fails in float32 with a tiny
// step because rounding error δ/ε swamps the derivative.
import { describe, expect, test } from "vitest";
import { gradcheck, Tensor, tensor } from "../../src/index";
import { record } from "../../src/autograd/engine";
import { randomTensor } from "../helpers/random-tensor";

/** x³ with a deliberately wrong backward (2x² instead of 3x²), to see gradcheck catch it. */
function brokenCube(x: Tensor): Tensor {
  const out = x.detach().mul(x.detach()).mul(x.detach());
  return record(out, "brokenCube", [x], (g) => [g.mul(x.detach().square()).mul(2)]);
}

describe("gradcheck", () => {
  test("passes a correct gradient and reports what it compared", () => {
    const x = randomTensor([2, 3], { requiresGrad: true });
    const w = randomTensor([3, 2], { requiresGrad: true, seed: 2 });
    const result = gradcheck((x, w) => x.matmul(w).tanh(), [x, w]);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(2 * 2 * (6 + 6));
    expect(result.maxAbsError).toBeLessThan(1e-8);
    expect(result.message).toMatch(/^gradcheck passed: 48 Jacobian entries/);
  });

  test("catches a wrong backward and names the input, the element and both values", () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const result = gradcheck((x) => brokenCube(x).sum(), [x], { raiseException: false });
    expect(result.ok).toBe(false);
    expect(result.mismatches[1]).toMatchObject({ input: 0, element: [0, 1], output: [], analytic: 8 });
    expect(result.mismatches[1].numeric).toBeCloseTo(12, 6);
    expect(result.message).toMatch(/input 0 \(shape \[2, 2\], float64\) element \[0, 1\] → output \[\]: analytic 8, numeric (11\.9999|12\.0000)/);
    expect(() => gradcheck((x) => brokenCube(x).sum(), [x])).toThrow(/^gradcheck failed: 4 of 4 compared values/);
  });

  test("fast mode compares one projection vᵀJu and still catches the wrong backward", () => {
    const x = randomTensor([40, 30], { requiresGrad: true });
    const good = gradcheck((x) => x.sin().mul(x), [x], { fast: true });
    expect(good.ok && good.checked === 1).toBe(true);
    const bad = gradcheck((x) => brokenCube(x), [x], { fast: true, raiseException: false });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain("the random projection vᵀJu");
  });

  test("does not modify the caller's tensors", () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    gradcheck((x) => x.exp(), [x]);
    expect(x.tolist()).toEqual([0.5, 1.5]);
    expect(x.grad).toBeNull();
  });

  test("float32 with eps = 1e-6 fails: the step is below float32 resolution near 1, so rounding error δ/ε ≈ 0.06 swamps the derivative", () => {
    // Near x = 1.3 float32 values are 2⁻²³ ≈ 1.2e-7 apart: x ± 1e-6 rounds to a neighbouring grid point,
    // and f(x+ε) − f(x−ε) carries a rounding error of ~6e-8 relative to f, divided by 2ε = 2e-6.
    const x = tensor([1.3, 0.7, 2.1], { dtype: "float32", requiresGrad: true });
    const f = (x: Tensor) => x.exp().mul(x);
    const result = gradcheck(f, [x], { eps: 1e-6, raiseException: false });
    expect(result.ok).toBe(false);
    // the same function in float64 passes
    expect(gradcheck(f, [x.double().detach().requiresGrad_()]).ok).toBe(true);
  });

  test("refuses inputs without requiresGrad", () => {
    expect(() => gradcheck((x) => x.exp(), [tensor([1])])).toThrow("gradcheck: no input has requiresGrad: true, so there is no gradient to check");
  });
});
