import { expect, test } from "vitest";
import { gaussianKL } from "../../src/losses/gaussian-kl";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

/** ∫ p log(p/q) by the trapezoid rule on μ₁ ± 12σ₁ — independent of the closed form. */
function klByQuadrature(m1: number, v1: number, m2: number, v2: number): number {
  const pdf = (x: number, m: number, v: number) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
  const s = Math.sqrt(v1);
  const n = 20000;
  const h = (24 * s) / n;
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const x = m1 - 12 * s + i * h;
    const p = pdf(x, m1, v1);
    const f = p === 0 ? 0 : p * (Math.log(p) - Math.log(pdf(x, m2, v2)));
    total += (i === 0 || i === n ? 0.5 : 1) * f;
  }
  return total * h;
}

test("closed form against numerical integration, and KL(p‖p) = 0", () => {
  const cases: [number, number, number, number][] = [[0, 1, 0, 1], [0.5, 2, -1, 0.5], [3, 0.3, 2, 1.7]];
  for (const [m1, v1, m2, v2] of cases) {
    expectClose([gaussianKL(tensor(m1), v1, m2, v2).item()], [klByQuadrature(m1, v1, m2, v2)], { rtol: 1e-9, atol: 1e-12 });
  }
  expect(gaussianKL(tensor([1, 2]), tensor([3, 4]), tensor([1, 2]), tensor([3, 4])).item()).toBe(0);
});

test("the VAE regulariser: KL(N(μ, σ²)‖N(0, 1)) = ½(σ² + μ² − 1 − log σ²), summed over dimensions; float32 stays float32", () => {
  const mu = randomTensor([4]);
  const v = randomTensor([4], { low: 0.2, high: 2, seed: 2 });
  const expected = Array.from(mu.toArray()).reduce((s, m, i) => s + 0.5 * (v.toArray()[i] + m * m - 1 - Math.log(v.toArray()[i])), 0);
  expectClose([gaussianKL(mu, v, 0, 1).item()], [expected], { rtol: 1e-14 });
  expect(gaussianKL(mu.to("float32"), v.to("float32"), 0, 1).dtype).toBe("float32");
});

test("gaussianKL gradcheck in all four arguments", () => {
  const args = [randomTensor([3]), randomTensor([3], { low: 0.3, high: 2, seed: 2 }), randomTensor([3], { seed: 3 }), randomTensor([3], { low: 0.3, high: 2, seed: 4 })];
  args.forEach((a) => a.requiresGrad_());
  expect(gradcheck((a, b, c, d) => gaussianKL(a, b, c, d), args).ok).toBe(true);
});
