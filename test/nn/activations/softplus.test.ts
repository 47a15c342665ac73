import { expect, test } from "vitest";
import { Softplus, softplus } from "../../../src/nn/activations/softplus";
import { tensor } from "../../../src/index";
import { checkActivation, sigma } from "./check-activation";

checkActivation({ name: "softplus", fn: softplus, module: new Softplus(), value: (z) => Math.log(1 + Math.exp(z)), derivative: sigma, low: -20, high: 20 });

test("softplus at 0 and at ±1e3: log 2 with gradient ½; z and 0 in the tails", () => {
  const x = tensor([-1000, 0, 1000], { requiresGrad: true });
  const y = softplus(x);
  expect(y.tolist()).toEqual([0, Math.log(2), 1000]);
  y.sum().backward();
  expect(x.grad!.tolist()).toEqual([0, 0.5, 1]);
});
