// Algorytm 2: σ² = 2/D_f, 2/D_f′ or the notes' average 4/(D_f + D_f′).
import { describe, expect, test } from "vitest";
import { heNormal_, heUniform_, heVariance } from "../../src/init/he";
import { Linear } from "../../src/nn/linear";
import { manualSeed, RandomState, zeros } from "../../src/index";
import { expectVariance } from "./check-variance";

describe("He initialisation", () => {
  const shape = [200, 300]; // (out, in): D_f = 300, D_f′ = 200
  test.each([
    ["fanIn", 2 / 300],
    ["fanOut", 2 / 200],
    ["average", 4 / (300 + 200)],
  ] as const)("mode %s: variance %f (normal and uniform with r = √(3σ²))", (mode, variance) => {
    expect(heVariance(zeros(shape), { mode })).toBeCloseTo(variance, 17);
    expectVariance(heNormal_(zeros(shape), { mode, generator: new RandomState(1) }), variance, "normal");
    expectVariance(heUniform_(zeros(shape), { mode, generator: new RandomState(2) }), variance, "uniform");
  });

  test("LeakyReLU slope a: σ² = 2/((1 + a²)D_f)", () => {
    expect(heVariance(zeros([4, 10]), { negativeSlope: 0.2 })).toBeCloseTo(2 / (1.04 * 10), 16);
  });

  test("in place on a parameter, same seed → same bits, default generator via manualSeed", () => {
    const layer = new Linear(50, 40);
    const w = layer.weight;
    expect(heNormal_(w, { generator: new RandomState(3) })).toBe(w);
    const again = heNormal_(zeros([40, 50]), { generator: new RandomState(3) });
    expect(Array.from(w.toArray())).toEqual(Array.from(again.toArray()));
    manualSeed(8);
    const a = Array.from(heUniform_(zeros([3, 3])).toArray());
    manualSeed(8);
    expect(Array.from(heUniform_(zeros([3, 3])).toArray())).toEqual(a);
  });

  test("float32 tensors are filled too", () => {
    const w = heNormal_(zeros([100, 100], { dtype: "float32" }), { generator: new RandomState(0) });
    expect(w.dtype).toBe("float32");
    expectVariance(w, 2 / 100, "normal");
  });
});
