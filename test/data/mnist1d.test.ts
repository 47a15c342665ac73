// MNIST-1D against the reference generator greydanus/mnist1d: fixtures/mnist1d.json holds, for every
// one of the 5000 default samples, three correctly rounded checksums, all labels, whole rows, t and
// the templates (produced by fixtures/make-mnist1d.py with NumPy 2.4.6 / SciPy 1.17.1), plus the
// NumPy/SciPy outputs of the numerics the generator is built from.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { expectClose } from "../helpers/expect-close";
import { mnist1d, mnist1dTemplates, type Mnist1d, type Mnist1dOptions } from "../../src/data/mnist1d";
import { gaussianFilter1d } from "../../src/data/gaussian-filter";
import { interp, linspaceNumpy, meanNumpy, pairwiseSum, stdNumpy } from "../../src/data/numpy-compat";
import { RandomState } from "../../src/data/random";

interface Summary {
  yTrain: string;
  yTest: string;
  trainChecksums: number[][];
  testChecksums: number[][];
  trainRows: Record<string, number[]>;
  testRows: Record<string, number[]>;
  t: number[];
}
const ref = JSON.parse(readFileSync(join(__dirname, "fixtures", "mnist1d.json"), "utf8")) as {
  default: Summary;
  custom: Summary;
  customArgs: Mnist1dOptions;
  templates: { x: number[]; t: number[] };
  gaussianFilter: { x: number[]; y: number[] }[];
  gaussianFilterSigma: { x: number[]; sigma: number; y: number[] };
  linspace: { args: [number, number, number]; y: number[] }[];
  interp: { x: number[]; xp: number[]; fp: number[]; y: number[] };
  sum: { n: number; sum: number; mean: number; std: number }[];
};

/** Per row: Σ x_j, Σ (j+1)·x_j, Σ (−1)^j x_j/(j+1) — the fixture's checksums (there summed exactly with fsum). */
function checksums(x: Float64Array, width: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.length / width; r++) {
    let plain = 0;
    let ramp = 0;
    let alternating = 0;
    for (let j = 0; j < width; j++) {
      const v = x[r * width + j];
      plain += v;
      ramp += (j + 1) * v;
      alternating += ((j % 2 === 0 ? 1 : -1) / (j + 1)) * v;
    }
    out.push(plain, ramp, alternating);
  }
  return out;
}

function row(x: Float64Array, i: number, width: number): Float64Array {
  return x.subarray(i * width, (i + 1) * width);
}

/** Compares a generated set with a fixture summary: labels exactly, values to 1e-12. */
function expectMatches(data: Mnist1d, expected: Summary): void {
  const w = data.length;
  expect(Array.from(data.yTrain).join("")).toBe(expected.yTrain);
  expect(Array.from(data.yTest).join("")).toBe(expected.yTest);
  expectClose(checksums(data.xTrain, w), expected.trainChecksums.flat(), { atol: 1e-12, rtol: 1e-12 });
  expectClose(checksums(data.xTest, w), expected.testChecksums.flat(), { atol: 1e-12, rtol: 1e-12 });
  for (const [i, values] of Object.entries(expected.trainRows)) expectClose(row(data.xTrain, Number(i), w), values, { atol: 1e-12 });
  for (const [i, values] of Object.entries(expected.testRows)) expectClose(row(data.xTest, Number(i), w), values, { atol: 1e-12 });
  expectClose(data.t, expected.t, { atol: 1e-12 });
}

describe("mnist1d", () => {
  const data = mnist1d();

  test("default set: the first 20 labels and 6 values of xTrain as the reference prints them (6 decimals)", () => {
    expect(Array.from(data.yTrain.slice(0, 20))).toEqual([2, 6, 4, 5, 6, 6, 6, 0, 3, 1, 6, 9, 4, 3, 4, 5, 1, 9, 0, 3]);
    expectClose(data.xTrain.slice(0, 6), [-0.332006, -0.47191, -0.778697, -1.009741, -0.882353, 0.103935], { atol: 5e-7 });
  });

  test("default set: all 5000 samples match the reference generator to 1e-12", () => {
    expect(data.xTrain.length).toBe(4000 * 40);
    expect(data.xTest.length).toBe(1000 * 40);
    expectMatches(data, ref.default);
  });

  test("templates match the reference get_templates", () => {
    const templates = mnist1dTemplates();
    expectClose(templates.x, ref.templates.x, { atol: 1e-15 });
    expectClose(templates.t, ref.templates.t, { atol: 0, rtol: 0 });
    expect(Array.from(templates.y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("non-default arguments (203 samples, shuffleSeq, other padding/translation/length) match the reference", () => {
    expectMatches(mnist1d(ref.customArgs), ref.custom);
  });

  test("the whole set is standardised: mean 0 and std 1 over train and test together", () => {
    const all = new Float64Array([...data.xTrain, ...data.xTest]);
    expect(Math.abs(meanNumpy(all))).toBeLessThan(1e-14);
    expect(Math.abs(stdNumpy(all) - 1)).toBeLessThan(1e-14);
  });

  test("tensor views have shape (n, 40) and share the arrays", () => {
    const x = data.xTrainTensor();
    expect(x.shape).toEqual([4000, 40]);
    expect(x.storage).toBe(data.xTrain);
    expect(data.xTestTensor().shape).toEqual([1000, 40]);
  });

  test("labelNoise replaces exactly round(fraction·nTrain) training labels, reproducibly, and nothing else", () => {
    const noisy = mnist1d({ labelNoise: 0.15 });
    expect(noisy.noisyIndices.length).toBe(600);
    expect(new Set(noisy.noisyIndices).size).toBe(600);
    expect(noisy.xTrain).toEqual(data.xTrain);
    expect(noisy.yTest).toEqual(data.yTest);
    const picked = new Set(noisy.noisyIndices);
    let changed = 0;
    for (let i = 0; i < 4000; i++) {
      if (!picked.has(i)) expect(noisy.yTrain[i]).toBe(data.yTrain[i]);
      else if (noisy.yTrain[i] !== data.yTrain[i]) changed++;
    }
    // A random label keeps the true one with probability 1/10: 600·0.9 = 540 changes expected, σ ≈ 7.3.
    expect(changed).toBeGreaterThan(540 - 5 * 7.3);
    expect(changed).toBeLessThan(540 + 5 * 7.3);
    expect(mnist1d({ labelNoise: 0.15 }).yTrain).toEqual(noisy.yTrain);
  });

  test("bad options name the value", () => {
    expect(() => mnist1d({ numSamples: 0 })).toThrow(/numSamples must be a positive integer \(got 0\)/);
    expect(() => mnist1d({ trainSplit: 1.5 })).toThrow(/trainSplit must lie in \[0, 1\] \(got 1.5\)/);
    expect(() => mnist1d({ padding: [10, 5] })).toThrow(/\[10, 5\]/);
    expect(() => mnist1d({ maxTranslation: 100 })).toThrow(/= 72 \(got 100\)/);
    expect(() => mnist1d({ labelNoise: -0.1 })).toThrow(/labelNoise .*-0.1/);
  });
});

describe("the NumPy/SciPy numerics behind mnist1d", () => {
  test("gaussianFilter1d matches scipy.ndimage.gaussian_filter (mode reflect), also on signals shorter than the kernel", () => {
    for (const c of ref.gaussianFilter) expectClose(gaussianFilter1d(c.x, 2), c.y, { atol: 1e-15, rtol: 1e-14 });
    const s = ref.gaussianFilterSigma;
    expectClose(gaussianFilter1d(s.x, s.sigma), s.y, { atol: 1e-15, rtol: 1e-14 });
  });

  test("linspaceNumpy matches np.linspace bit for bit", () => {
    for (const c of ref.linspace) expect(Array.from(linspaceNumpy(...c.args))).toEqual(c.y);
  });

  test("interp matches np.interp bit for bit, inside, outside and on the knots", () => {
    expect(Array.from(interp(ref.interp.x, ref.interp.xp, ref.interp.fp))).toEqual(ref.interp.y);
  });

  test("pairwiseSum, meanNumpy and stdNumpy match np.sum / mean / std", () => {
    // The arrays are redrawn: RandomState(3) after the draws the fixture script made before them.
    const rng = new RandomState(3);
    for (const n of [72, 17, 5, 1, 50]) rng.randn(n);
    for (const c of ref.sum) {
      const a = rng.randn(c.n);
      expectClose([pairwiseSum(a), meanNumpy(a), stdNumpy(a)], [c.sum, c.mean, c.std], { atol: 1e-15, rtol: 1e-14 });
    }
  });
});
