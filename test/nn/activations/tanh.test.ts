import { expect, test } from "vitest";
import { Tanh, tanh } from "../../../src/nn/activations/tanh";
import { checkActivation } from "./check-activation";

// tanh z = (e^{2z} − 1)/(e^{2z} + 1);  d/dz = 4/(eᶻ + e^{−z})²
checkActivation({
  name: "tanh",
  fn: tanh,
  module: new Tanh(),
  value: (z) => (Math.exp(2 * z) - 1) / (Math.exp(2 * z) + 1),
  derivative: (z) => 4 / (Math.exp(z) + Math.exp(-z)) ** 2,
});

test("Tanh prints like PyTorch", () => {
  expect(new Tanh().toString()).toBe("Tanh()");
});
