import { expect, test } from "vitest";
import { tensor } from "../../src/index";
import { maxNorm_ } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";

test("maxNorm_ rescales each row (a neuron's incoming weights) longer than r to length r (Algorytm 21)", () => {
  const w = tensor([[3, 4], [0.3, 0.4]]).requiresGrad_(true); // row norms 5 and 0.5
  maxNorm_(w, 2);
  expectClose(w.toArray(), [(3 / 5) * 2, (4 / 5) * 2, 0.3, 0.4]);
  expect(() => maxNorm_(tensor([1, 2]), 1)).toThrow("maxNorm_: weight must have a neuron dimension and an input dimension");
});
