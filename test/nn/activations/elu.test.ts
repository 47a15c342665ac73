import { expect, test } from "vitest";
import { ELU, elu } from "../../../src/nn/activations/elu";
import { checkActivation } from "./check-activation";

// Definicja 2: α(eᶻ − 1) for z < 0, z otherwise
checkActivation({
  name: "elu(α = 1.5)",
  fn: (x) => elu(x, 1.5),
  module: new ELU(1.5),
  value: (x) => (x < 0 ? 1.5 * (Math.exp(x) - 1) : x),
  derivative: (x) => (x < 0 ? 1.5 * Math.exp(x) : 1),
});

test("ELU prints its α", () => {
  expect(new ELU().toString()).toBe("ELU(alpha=1)");
});
