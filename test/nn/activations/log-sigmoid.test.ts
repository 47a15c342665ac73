import { expect, test } from "vitest";
import { LogSigmoid, logSigmoid } from "../../../src/nn/activations/log-sigmoid";
import { tensor } from "../../../src/index";
import { checkActivation, sigma } from "./check-activation";

// log σ(z);  d/dz = 1 − σ(z)
checkActivation({ name: "logSigmoid", fn: logSigmoid, module: new LogSigmoid(), value: (z) => Math.log(sigma(z)), derivative: (z) => 1 - sigma(z), low: -20, high: 20 });

test("logSigmoid at ±1e3: z and −0 where log(σ(z)) would give −∞ and 0; gradient 1 and 0", () => {
  const x = tensor([-1000, 1000], { requiresGrad: true });
  const y = logSigmoid(x);
  expect(y.tolist()).toEqual([-1000, -0]);
  y.sum().backward();
  expect(x.grad!.tolist()).toEqual([1, -0]); // −σ(−1000), a negative zero
});
