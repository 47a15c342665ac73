import { expect, test } from "vitest";
import { constant_, normal_, uniform_, zeros_ } from "../../src/init/basic";
import { Linear } from "../../src/nn/linear";
import { RandomState, zeros } from "../../src/index";

test("zeros_ and constant_ fill a parameter in place (no noGrad needed by the caller)", () => {
  const layer = new Linear(3, 2);
  expect(zeros_(layer.bias!)).toBe(layer.bias);
  expect(layer.bias!.tolist()).toEqual([0, 0]);
  constant_(layer.weight, 0.5);
  expect(layer.weight.tolist()).toEqual([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]);
});

test("uniform_ and normal_ draw row-major from the generator and validate their arguments", () => {
  const g = new RandomState(1);
  expect(Array.from(uniform_(zeros([3]), 2, 4, { generator: new RandomState(1) }).toArray())).toEqual([0, 0, 0].map(() => 2 + 2 * g.randomSample()));
  expect(() => uniform_(zeros([3]), 1, 0)).toThrow(/low 1 must not exceed high 0/);
  expect(() => normal_(zeros([3]), 0, -1)).toThrow(/std must be non-negative \(got -1\)/);
});
