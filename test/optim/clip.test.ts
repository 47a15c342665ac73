import { expect, test } from "vitest";
import { tensor } from "../../src/index";
import { clipGradNorm_, clipGradValue_ } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";

test("clipGradValue_ clamps to [−1, 1] (Algorytm 6)", () => {
  const p = tensor([0, 0, 0]).requiresGrad_(true);
  p.grad = tensor([-3, 0.5, 2]);
  clipGradValue_([p]);
  expectClose(p.grad.toArray(), [-1, 0.5, 1]);
});

test("clipGradNorm_ rescales all gradients jointly and returns the norm before", () => {
  const a = tensor([0, 0]).requiresGrad_(true);
  const b = tensor([0]).requiresGrad_(true);
  a.grad = tensor([3, 4]);
  b.grad = tensor([12]);
  const total = clipGradNorm_([a, b], 2);
  expectClose([total], [Math.sqrt(9 + 16 + 144)]);
  const scale = 2 / (13 + 1e-6);
  expectClose([...a.grad.toArray(), ...b.grad.toArray()], [3 * scale, 4 * scale, 12 * scale]);
  a.grad = tensor([3, -4]);
  expectClose([clipGradNorm_([a], 100, Infinity)], [4]);
  expectClose(a.grad.toArray(), [3, -4]); // under the limit: unchanged
  expect(() => clipGradNorm_([a], 1, 0.5)).toThrow("clipGradNorm_: normType must be a number ≥ 1 or Infinity, got 0.5");
});
