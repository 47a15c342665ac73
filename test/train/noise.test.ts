// Algorytm 22 — noise. Input noise against x + σ·randn from a second generator with the same seed;
// label noise against the MNIST-1D generator's own labelNoise (the same procedure, written
// separately in src/data/mnist1d.ts), and the "different class" variant against its definition.
import { describe, expect, test } from "vitest";
import { RandomState, data, randn, tensor } from "../../src/index";
import { addInputNoise, addLabelNoise } from "../../src/train";
import { expectClose } from "../helpers/expect-close";

describe("addInputNoise", () => {
  test("x + σ·z with z = RandomState(seed).randn in row-major order; dtype and shape kept", () => {
    const x = randn([3, 4], { generator: new RandomState(1) });
    const noisy = addInputNoise(x, 0.3, new RandomState(9));
    const z = new RandomState(9).randn(12);
    expect(noisy.shape).toEqual([3, 4]);
    expectClose(noisy.toArray(), Array.from(x.toArray(), (v, i) => v + 0.3 * z[i]), { rtol: 0, atol: 0 });
    const x32 = x.float();
    expect(addInputNoise(x32, 0.3, new RandomState(9)).dtype).toBe("float32");
  });

  test("σ = 0 returns a copy of x; a bad σ is named", () => {
    const x = tensor([1, 2, 3]);
    expect(Array.from(addInputNoise(x, 0, new RandomState(0)).toArray())).toEqual([1, 2, 3]);
    expect(() => addInputNoise(x, -1, new RandomState(0))).toThrow(/sigma .*\(got -1\)/);
    expect(() => addInputNoise(x, NaN, new RandomState(0))).toThrow(/got NaN/);
  });
});

describe("addLabelNoise", () => {
  test("equals the MNIST-1D generator's labelNoise with the same seed", () => {
    const clean = data.mnist1d({ numSamples: 500 });
    const noisy = data.mnist1d({ numSamples: 500, labelNoise: 0.15, labelNoiseSeed: 7 });
    const result = addLabelNoise(clean.yTrain, 0.15, 10, new RandomState(7));
    expect(Array.from(result.y)).toEqual(Array.from(noisy.yTrain));
    expect(Array.from(result.noisyIndices)).toEqual(Array.from(noisy.noisyIndices));
    expect(result.noisyIndices.length).toBe(Math.round(0.15 * 400));
  });

  test("differentClass: every picked label changes, to randint(0, C − 1) shifted past the true class", () => {
    const y = Int32Array.from({ length: 1000 }, (_, i) => i % 4);
    const result = addLabelNoise(y, 0.5, 4, new RandomState(5), { differentClass: true });
    const rng = new RandomState(5);
    const picked = Array.from(rng.permutation(1000)).slice(0, 500);
    expect(Array.from(result.noisyIndices)).toEqual(picked);
    for (const i of picked) {
      const r = rng.randint(0, 3, 1)[0];
      expect(result.y[i]).toBe(r >= y[i] ? r + 1 : r);
      expect(result.y[i]).not.toBe(y[i]);
    }
    const changed = Array.from(y).filter((v, i) => result.y[i] !== v).length;
    expect(changed).toBe(500);
    expect(Array.from(y.slice(0, 4))).toEqual([0, 1, 2, 3]); // the input is not modified
  });

  test("the same seed gives the same labels; bad input is named", () => {
    const y = Int32Array.from({ length: 50 }, (_, i) => i % 10);
    expect(addLabelNoise(y, 0.4, 10, new RandomState(1)).y).toEqual(addLabelNoise(y, 0.4, 10, new RandomState(1)).y);
    expect(addLabelNoise(y, 0, 10, new RandomState(1)).noisyIndices.length).toBe(0);
    expect(() => addLabelNoise(y, 1.5, 10, new RandomState(1))).toThrow(/fraction must lie in \[0, 1\] \(got 1.5\)/);
    expect(() => addLabelNoise(y, 0.1, 5, new RandomState(1))).toThrow(/label 5 at index 5 is out of range for 5 classes/);
    expect(() => addLabelNoise(y, 0.1, 1, new RandomState(1), { differentClass: true })).toThrow(/numClasses must be an integer ≥ 2 \(got 1\)/);
  });
});
