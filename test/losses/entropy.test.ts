import { expect, test } from "vitest";
import { entropy } from "../../src/losses/entropy";
import { full, gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

test("uniform over C has entropy log C, a one-hot has 0, and a general row −Σ p log p", () => {
  expectClose([entropy(full([6], 1 / 6)).item()], [Math.log(6)], { rtol: 1e-15 });
  expect(entropy(tensor([0, 1, 0])).item()).toBe(0);
  const p = [0.1, 0.2, 0.7];
  expectClose([entropy(tensor(p)).item()], [-p.reduce((s, v) => s + v * Math.log(v), 0)], { rtol: 1e-15 });
});

test("entropy gradcheck; gradient −(log p + 1), finite at p = 0", () => {
  const p = randomTensor([2, 3], { low: 0.1, high: 1, requiresGrad: true });
  expect(gradcheck((t) => entropy(t, { reduction: "sum" }), [p]).ok).toBe(true);
  entropy(p, { reduction: "sum" }).backward();
  expectClose(p.grad!.toArray(), Array.from(p.toArray(), (v) => -(Math.log(v) + 1)), { rtol: 1e-14 });
  const q = tensor([0, 0.5, 0.5], { requiresGrad: true });
  entropy(q).backward();
  for (const g of q.grad!.toArray()) expect(Number.isFinite(g)).toBe(true);
});
