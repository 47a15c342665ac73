// Algorytm 4: σ² = 1/D_f.
import { expect, test } from "vitest";
import { lecunNormal_, lecunUniform_, lecunVariance } from "../../src/init/lecun";
import { RandomState, zeros } from "../../src/index";
import { expectVariance } from "./check-variance";

test("LeCun variance 1/D_f, normal and uniform", () => {
  expect(lecunVariance(zeros([300, 120]))).toBe(1 / 120);
  expectVariance(lecunNormal_(zeros([300, 120]), { generator: new RandomState(7) }), 1 / 120, "normal");
  expectVariance(lecunUniform_(zeros([300, 120]), { generator: new RandomState(8) }), 1 / 120, "uniform");
});

test("normal draws are σ·(standard normal) in row-major order", () => {
  const w = lecunNormal_(zeros([2, 4]), { generator: new RandomState(9) });
  const g = new RandomState(9);
  expect(Array.from(w.toArray())).toEqual(Array.from({ length: 8 }, () => 0 + Math.sqrt(1 / 4) * g.standardNormal()));
});
