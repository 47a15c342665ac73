// Algorytm 3: σ² = 2/(D_f + D_f′); uniform on [−r, r] with r = √(3σ²).
import { expect, test } from "vitest";
import { xavierNormal_, xavierUniform_, xavierVariance } from "../../src/init/xavier";
import { RandomState, zeros } from "../../src/index";
import { expectVariance } from "./check-variance";

test("Xavier variance 2/(D_f + D_f′), normal and uniform", () => {
  const variance = 2 / (250 + 150);
  expect(xavierVariance(zeros([150, 250]))).toBe(variance);
  expectVariance(xavierNormal_(zeros([150, 250]), { generator: new RandomState(4) }), variance, "normal");
  expectVariance(xavierUniform_(zeros([150, 250]), { generator: new RandomState(5) }), variance, "uniform");
});

test("gain scales the standard deviation", () => {
  expect(xavierVariance(zeros([10, 30]), { gain: 2 })).toBe((4 * 2) / 40);
});

test("uniform draws are low + (high − low)·u with r = √(6/(D_f + D_f′))", () => {
  const w = xavierUniform_(zeros([2, 3]), { generator: new RandomState(6) });
  const g = new RandomState(6);
  const r = Math.sqrt(3 * (2 / 5));
  expect(Array.from(w.toArray())).toEqual(Array.from({ length: 6 }, () => -r + 2 * r * g.randomSample()));
});
