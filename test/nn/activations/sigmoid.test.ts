import { expect, test } from "vitest";
import { Sigmoid, sigmoid } from "../../../src/nn/activations/sigmoid";
import { checkActivation, sigma } from "./check-activation";

checkActivation({ name: "sigmoid", fn: sigmoid, module: new Sigmoid(), value: sigma, derivative: (z) => sigma(z) * (1 - sigma(z)) });

test("Sigmoid prints like PyTorch", () => {
  expect(new Sigmoid().toString()).toBe("Sigmoid()");
});
