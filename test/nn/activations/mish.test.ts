import { expect, test } from "vitest";
import { Mish, mish } from "../../../src/nn/activations/mish";
import { tensor } from "../../../src/index";
import { checkActivation, sigma } from "./check-activation";

// Definicja 6: Mish(z) = z tanh(ln(1 + eᶻ));  d/dz = tanh(sp) + z·sech²(sp)·σ(z), sp = ln(1 + eᶻ)
const sp = (z: number) => Math.log1p(Math.exp(z));
checkActivation({
  name: "mish",
  fn: mish,
  module: new Mish(),
  value: (z) => z * Math.tanh(sp(z)),
  derivative: (z) => Math.tanh(sp(z)) + (z * sigma(z)) / Math.cosh(sp(z)) ** 2,
});

test("mish is finite with a finite gradient at ±1e3: ≈ z for z ≫ 0, ≈ 0 for z ≪ 0", () => {
  const x = tensor([-1000, 1000], { requiresGrad: true });
  const y = mish(x);
  expect(y.tolist()).toEqual([-0, 1000]);
  y.sum().backward();
  expect(x.grad!.tolist()).toEqual([0, 1]);
});
