import { expect, test } from "vitest";
import { ReLU, relu } from "../../../src/nn/activations/relu";
import { tensor } from "../../../src/index";
import { checkActivation } from "./check-activation";

checkActivation({ name: "relu", fn: relu, module: new ReLU(), value: (x) => (x > 0 ? x : 0), derivative: (x) => (x > 0 ? 1 : 0) });

test("ReLU prints like PyTorch", () => {
  expect(new ReLU().toString()).toBe("ReLU()");
  expect(new ReLU().forward(tensor([-1, 0, 2])).tolist()).toEqual([0, 0, 2]);
});
