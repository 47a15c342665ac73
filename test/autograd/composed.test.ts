// Composed ops (no backward of their own): values against closed forms and second computations,
// numerical stability at logits of ±1e4, and gradcheck through the primitives they are built from.
import { describe, expect, test } from "vitest";
import { gradcheck, logsumexp, softmax, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

describe.each(["float64", "float32"] as const)("composed ops in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-13 } : { rtol: 2e-6, atol: 2e-6 };

  test("mean and var (unbiased by default, population with correction 0) against two-pass sums", () => {
    const x = randomTensor([4, 6], { dtype, seed: 2 });
    const rows = x.tolist() as number[][];
    const means = rows.map((r) => r.reduce((a, b) => a + b) / r.length);
    const ss = rows.map((r, i) => r.reduce((a, v) => a + (v - means[i]) ** 2, 0));
    expectClose(x.mean(1).toArray(), means, tol);
    expectClose(x.var(1).toArray(), ss.map((s) => s / 5), tol);
    expectClose(x.var(1, false, { correction: 0 }).toArray(), ss.map((s) => s / 6), tol);
    expectClose(x.std(1).toArray(), ss.map((s) => Math.sqrt(s / 5)), tol);
  });

  test("logsumexp equals log Σ exp where that does not overflow, and the closed form for two values", () => {
    const x = randomTensor([3, 5], { dtype, seed: 4 });
    const direct = (x.tolist() as number[][]).map((r) => Math.log(r.reduce((a, v) => a + Math.exp(v), 0)));
    expectClose(x.logsumexp(1).toArray(), direct, tol);
    // log(eᵃ + eᵇ) = max(a, b) + log(1 + e^{−|a−b|})
    const big = tensor([[1e4, 1e4 - 1], [-1e4, -1e4 - 3]], { dtype });
    const expected = [1e4 + Math.log1p(Math.exp(-1)), -1e4 + Math.log1p(Math.exp(-3))];
    expectClose(big.logsumexp(1).toArray(), expected, { rtol: dtype === "float64" ? 1e-15 : 1e-7 });
    expect(logsumexp(tensor([-Infinity, -Infinity], { dtype })).item()).toBe(-Infinity);
  });

  test("softmax is stable for logits of ±1e4: finite, sums to 1, finite gradient", () => {
    const x = tensor([[1e4, 0, -1e4], [-1e4, -1e4, -1e4 + 2]], { dtype, requiresGrad: true });
    const p = softmax(x, 1);
    const rows = p.tolist() as number[][];
    expect(rows[0]).toEqual([1, 0, 0]);
    // [e⁰, e⁰, e²] / (2 + e²)
    const z = 2 + Math.exp(2);
    expectClose(rows[1], [1 / z, 1 / z, Math.exp(2) / z], tol);
    p.select(0, 1).select(0, 2).log().backward(); // log p[1][2] = 2 − log(2 + e²)
    const grad = x.grad!.tolist() as number[][];
    expect(grad.flat().every(Number.isFinite)).toBe(true);
    // ∂ log pₖ / ∂xⱼ = [j = k] − pⱼ
    expectClose(grad[1], [-1 / z, -1 / z, 1 - Math.exp(2) / z], tol);
    const ls = x.logSoftmax(1).tolist() as number[][];
    expect(ls[0][2]).toBe(-2e4);
  });

  test("clamp, minimum, square", () => {
    const x = tensor([-2, 0.5, 3], { dtype });
    expect(x.clamp(-1, 1).tolist()).toEqual([-1, 0.5, 1]);
    expect(x.minimum(0).tolist()).toEqual([-2, 0, 0]);
    expect(x.square().tolist()).toEqual([4, 0.25, 9]);
  });
});

describe("composed ops pass gradcheck (float64)", () => {
  test.each([
    ["logsumexp", (x: ReturnType<typeof randomTensor>) => x.logsumexp(1)],
    ["logsumexp over all dims", (x: ReturnType<typeof randomTensor>) => x.logsumexp()],
    ["softmax", (x: ReturnType<typeof randomTensor>) => x.softmax(0)],
    ["logSoftmax", (x: ReturnType<typeof randomTensor>) => x.logSoftmax(-1)],
    ["std", (x: ReturnType<typeof randomTensor>) => x.std(0)],
    ["clamp", (x: ReturnType<typeof randomTensor>) => x.clamp(-0.5, 0.5)],
    ["minimum", (x: ReturnType<typeof randomTensor>) => x.minimum(x.T.reshape(3, 4))],
    ["flatten + unsqueeze", (x: ReturnType<typeof randomTensor>) => x.flatten().unsqueeze(0).sin()],
  ])("%s", (_name, fn) => {
    const x = randomTensor([3, 4], { requiresGrad: true, seed: 6 });
    expect(gradcheck(fn, [x]).ok).toBe(true);
  });

  test("logsumexp at logits of ±1e4 passes gradcheck", () => {
    const x = tensor([[1e4, 1e4 + 0.5, -1e4], [-1e4, -1e4 - 0.25, -1e4 + 1]], { requiresGrad: true });
    expect(gradcheck((x) => x.logsumexp(1), [x], { eps: 1e-4 }).ok).toBe(true);
  });
});

describe("softmax, logSoftmax and logsumexp on empty tensors (PyTorch's results)", () => {
  test("a batch of no rows gives no rows; an empty row has logsumexp log 0 = −∞ and an empty softmax", () => {
    const rows = randomTensor([0, 4], { requiresGrad: true }); // (N = 0, C = 4)
    expect(rows.softmax(-1).shape).toEqual([0, 4]);
    expect(rows.logSoftmax(-1).shape).toEqual([0, 4]);
    expect(rows.logsumexp(1).shape).toEqual([0]);
    rows.logSoftmax(-1).sum().backward();
    expect(rows.grad!.shape).toEqual([0, 4]);
    const noClasses = randomTensor([2, 0]); // (N = 2, C = 0)
    expect(noClasses.logsumexp(1).tolist()).toEqual([-Infinity, -Infinity]);
    expect(noClasses.softmax(1).shape).toEqual([2, 0]);
  });
});
