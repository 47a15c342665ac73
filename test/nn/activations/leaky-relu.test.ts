import { expect, test } from "vitest";
import { LeakyReLU, leakyRelu } from "../../../src/nn/activations/leaky-relu";
import { tensor } from "../../../src/index";
import { checkActivation } from "./check-activation";

// The notes' example slope α = 0.2 (Definicja 1): LeakyReLU(z) = max(αz, z)
checkActivation({
  name: "leakyRelu(α = 0.2)",
  fn: (x) => leakyRelu(x, 0.2),
  module: new LeakyReLU(0.2),
  value: (x) => Math.max(0.2 * x, x),
  derivative: (x) => (x > 0 ? 1 : 0.2),
});

test("default slope is PyTorch's 0.01, and the gradient at 0 is α", () => {
  const m = new LeakyReLU();
  expect(m.negativeSlope).toBe(0.01);
  expect(m.toString()).toBe("LeakyReLU(negativeSlope=0.01)");
  const x = tensor([-2, 0, 3], { requiresGrad: true });
  const y = leakyRelu(x);
  expect(y.tolist()).toEqual([-2 * 0.01, 0, 3]);
  y.sum().backward();
  expect(x.grad!.tolist()).toEqual([0.01, 0.01, 1]);
});
