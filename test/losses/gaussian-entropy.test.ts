import { expect, test } from "vitest";
import { gaussianEntropy } from "../../src/losses/gaussian-entropy";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

test("½ log(2πeσ²) against −∫ p log p by the trapezoid rule", () => {
  for (const v of [0.25, 1, 3]) {
    const s = Math.sqrt(v);
    const n = 20000;
    const h = (24 * s) / n;
    let total = 0;
    for (let i = 0; i <= n; i++) {
      const x = -12 * s + i * h;
      const p = Math.exp(-(x * x) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
      total += (i === 0 || i === n ? 0.5 : 1) * (p === 0 ? 0 : -p * Math.log(p));
    }
    expectClose([gaussianEntropy(tensor(v)).item()], [total * h], { rtol: 1e-9 });
  }
});

test("diagonal Gaussian: entropies add; gradient 1/(2σ²); gradcheck", () => {
  const v = randomTensor([3], { low: 0.5, high: 2, requiresGrad: true });
  const vs = Array.from(v.toArray());
  expectClose([gaussianEntropy(v).item()], [vs.reduce((s, x) => s + 0.5 * Math.log(2 * Math.PI * Math.E * x), 0)], { rtol: 1e-14 });
  gaussianEntropy(v).backward();
  expectClose(v.grad!.toArray(), vs.map((x) => 1 / (2 * x)), { rtol: 1e-14 });
  expect(gradcheck((t) => gaussianEntropy(t), [v]).ok).toBe(true);
});
