// The MNIST loader against the package's JSON files read directly (a second path to the same bytes):
// image r of a split is image order[r] of the digit-major list, the splits are disjoint, the same seed
// gives the same bits, and bad sizes are refused by name.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mnist } from "../../src/data/mnist";
import { RandomState } from "../../src/data/random";

const digitFile = (d: number) =>
  (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), "utf8")) as { data: number[] }).data;

describe("mnist", () => {
  const files = Array.from({ length: 10 }, (_, d) => digitFile(d));
  const counts = files.map((f) => f.length / 784);

  test("the package holds 10 000 images of 28 × 28 pixels in [0, 1], per digit as in its files", () => {
    const { classCounts } = mnist({ numTrain: 0, numTest: 0 });
    expect(classCounts).toEqual(counts);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    for (const f of files) expect(f.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  test("image r of the split is image permutation[r] of the digit-major list", () => {
    const { xTrain, yTrain, xTest, yTest } = mnist({ numTrain: 30, numTest: 12, seed: 5 });
    const order = new RandomState(5).permutation(10000);
    const digitMajor = (k: number): { digit: number; pixels: number[] } => {
      let d = 0;
      while (k >= counts[d]) k -= counts[d++];
      return { digit: d, pixels: files[d].slice(k * 784, (k + 1) * 784) };
    };
    const check = (x: number[], y: Int32Array, from: number) => {
      for (let r = 0; r < y.length; r++) {
        const expected = digitMajor(order[from + r]);
        expect(y[r]).toBe(expected.digit);
        expect(x.slice(r * 784, (r + 1) * 784)).toEqual(expected.pixels);
      }
    };
    check(Array.from(xTrain.toArray()), yTrain, 0);
    check(Array.from(xTest.toArray()), yTest, 30);
  });

  test("the training and test sets are disjoint and together a sample of the package", () => {
    const { xTrain, xTest } = mnist({ numTrain: 9000, numTest: 1000, seed: 2, dtype: "float32" });
    expect(xTrain.dtype).toBe("float32");
    const key = (x: Float32Array | Float64Array, r: number) => Array.from(x.subarray(r * 784, (r + 1) * 784)).join(",");
    const train = xTrain.toArray();
    const seen = new Set(Array.from({ length: 9000 }, (_, r) => key(train, r)));
    const test = xTest.toArray();
    const shared = Array.from({ length: 1000 }, (_, r) => key(test, r)).filter((k) => seen.has(k));
    expect(shared).toEqual([]);
  });

  test("the same seed gives the same bits; another seed another order", () => {
    const a = mnist({ numTrain: 50, numTest: 0, seed: 3 });
    const b = mnist({ numTrain: 50, numTest: 0, seed: 3 });
    const c = mnist({ numTrain: 50, numTest: 0, seed: 4 });
    expect(Array.from(a.xTrain.toArray())).toEqual(Array.from(b.xTrain.toArray()));
    expect(Array.from(a.yTrain)).not.toEqual(Array.from(c.yTrain));
  });

  test("sizes beyond the package or not integers are refused by name", () => {
    expect(() => mnist({ numTrain: 9000, numTest: 2000 })).toThrow(/numTrain 9000 \+ numTest 2000 = 11000 exceeds the 10000 images/);
    expect(() => mnist({ numTrain: -1 })).toThrow(/numTrain must be a non-negative integer/);
    expect(() => mnist({ numTest: 2.5 })).toThrow(/numTest must be a non-negative integer/);
  });
});
