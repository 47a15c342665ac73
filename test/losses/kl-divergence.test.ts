import { expect, test } from "vitest";
import { klDivergence } from "../../src/losses/kl-divergence";
import { entropy } from "../../src/losses/entropy";
import { crossEntropy } from "../../src/losses/cross-entropy";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

test("Σ p log(p/q) per row against plain JS; KL(p‖p) = 0; 0·log 0 = 0 with finite gradients", () => {
  const p = tensor([[0.2, 0.3, 0.5], [0, 0.4, 0.6]], { requiresGrad: true });
  const q = tensor([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]], { requiresGrad: true });
  const expected = [
    0.2 * Math.log(0.2 / 0.1) + 0.3 * Math.log(0.3 / 0.6) + 0.5 * Math.log(0.5 / 0.3),
    0.4 * Math.log(0.4 / 0.25) + 0.6 * Math.log(0.6 / 0.25),
  ];
  expectClose(klDivergence(p, q, { reduction: "none" }).toArray(), expected, { rtol: 1e-14 });
  expect(klDivergence(q, q).item()).toBe(0);
  klDivergence(p, q).backward();
  for (const g of [...p.grad!.toArray(), ...q.grad!.toArray()]) expect(Number.isFinite(g)).toBe(true);
  // ∂/∂q_c = −p_c/q_c / (number of rows)
  expectClose(q.grad!.toArray(), [-2 / 2, -0.5 / 2, -(0.5 / 0.3) / 2, 0, -(0.4 / 0.25) / 2, -(0.6 / 0.25) / 2], { rtol: 1e-14 });
});

test("cross-entropy = entropy + KL (probability targets, q = softmax z)", () => {
  const z = randomTensor([3, 5]);
  const p = randomTensor([3, 5], { seed: 4 }).softmax();
  const ce = crossEntropy(z, p, { reduction: "none" }).toArray();
  const h = entropy(p, { reduction: "none" }).toArray();
  const kl = klDivergence(p, z.softmax(), { reduction: "none" }).toArray();
  expectClose(ce, Array.from(h, (v, i) => v + kl[i]), { rtol: 1e-13 });
});

test("klDivergence gradcheck (both arguments) and dim option", () => {
  const p = randomTensor([2, 4], { low: 0.1, high: 1, requiresGrad: true });
  const q = randomTensor([2, 4], { low: 0.1, high: 1, seed: 2, requiresGrad: true });
  expect(gradcheck((a, b) => klDivergence(a, b, { reduction: "sum" }), [p, q]).ok).toBe(true);
  const pt = p.detach().T;
  const qt = q.detach().T;
  expectClose(klDivergence(pt, qt, { dim: 0, reduction: "none" }).toArray(), klDivergence(p.detach(), q.detach(), { reduction: "none" }).toArray(), { rtol: 1e-15 });
  expect(() => klDivergence(p, randomTensor([4, 2]))).toThrow("klDivergence: p shape [2, 4] and q shape [4, 2] differ");
});
