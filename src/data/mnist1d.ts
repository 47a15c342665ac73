// MNIST-1D (Greydanus & Steinbach, "Scaling down deep learning with MNIST-1D", ICML 2024;
// github.com/greydanus/mnist1d): ten 12-point digit templates, each padded, stretched, scaled,
// shifted, noised, sheared and subsampled to 40 points. The UDL book (Prince 2023, ch. 8) uses it for
// bias/variance and double descent, so this generator reproduces `mnist1d.data.make_dataset` with
// its default arguments value for value (checked against the reference at 1e-12 for all 5000
// samples): same numpy-legacy RandomState, same order of draws, NumPy's interp/linspace/sum, scipy's
// gaussian_filter. The code is our own; the comments name the reference step each block mirrors.
import { Tensor } from "../tensor/tensor";
import { gaussianFilter1d } from "./gaussian-filter";
import { interp, linspaceNumpy, meanNumpy, stdNumpy } from "./numpy-compat";
import { RandomState } from "./random";

export interface Mnist1dOptions {
  /** Total samples; numSamples // 10 per class (default 5000). */
  numSamples?: number;
  /** Fraction of the shuffled samples used for training, int(n·trainSplit) (default 0.8). */
  trainSplit?: number;
  /** Length of the digit templates; with padding[1] it fixes the working length (default 12). */
  templateLen?: number;
  /** Zeros appended to a template, uniform on [low, high] (default [36, 60]). */
  padding?: readonly [number, number];
  /** Amplitude factor 1 + scaleCoeff·(u − ½) (default 0.4). */
  scaleCoeff?: number;
  /** Circular shift k ∈ [0, maxTranslation) (default 48). */
  maxTranslation?: number;
  /** σ of the Gaussian noise put (smoothed) where the signal is zero (default 0.25). */
  corrNoiseScale?: number;
  /** σ of the white noise added everywhere (default 0.02). */
  iidNoiseScale?: number;
  /** Linear trend −c·linspace(−½, ½) with c = shearScale·(u − ½) (default 0.75). */
  shearScale?: number;
  /** Permute the 40 time steps with one fixed permutation (default false). */
  shuffleSeq?: boolean;
  /** Output length (default 40). */
  finalSeqLength?: number;
  /** Seed of the numpy-legacy generator (default 42). */
  seed?: number;
  /**
   * Fraction of training labels replaced by random labels (default 0), for double descent (UDL
   * §8.4). Exactly round(labelNoise·nTrain) training samples are picked as
   * RandomState(labelNoiseSeed).permutation(nTrain)[:k], and in that order each gets
   * randint(0, 10) from the same generator — which may equal its true label, as in Zhang et al. 2017.
   * The inputs and the test set are untouched.
   */
  labelNoise?: number;
  /** Seed of the label-noise generator (default: seed). */
  labelNoiseSeed?: number;
}

export interface Mnist1d {
  xTrain: Float64Array; // (nTrain, 40) row-major
  yTrain: Int32Array; // (nTrain,)
  xTest: Float64Array; // (nTest, 40)
  yTest: Int32Array; // (nTest,)
  /** The time grid of the final signals, divided by the data set's standard deviation as in the reference. */
  t: Float64Array; // (40,)
  templates: Mnist1dTemplates;
  /** Samples per row (finalSeqLength). */
  length: number;
  /** Training indices whose label was replaced (empty without labelNoise). */
  noisyIndices: Int32Array;
  /** The training inputs as an (nTrain, length) float64 tensor sharing xTrain's storage; likewise for the test inputs. */
  xTrainTensor(): Tensor;
  xTestTensor(): Tensor;
}

export interface Mnist1dTemplates {
  x: Float64Array; // (10, 12) row-major
  t: Float64Array; // (12,)
  y: Int32Array; // (10,)
}

/** The ten raw digit shapes of the reference `get_templates` (values from mnist1d/data.py). */
const DIGITS: readonly (readonly number[])[] = [
  [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],
  [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],
  [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],
  [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],
  [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],
  [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],
  [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],
  [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],
  [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],
  [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],
];

/**
 * The templates: each digit whitened (mean 0, std 1), shifted to start at 0, divided by 6; t = linspace(−5, 5, 12)/6.
 * @example
 * const { x, t, y } = data.mnist1dTemplates();          // x (10, 12)
 * expect(Array.from(y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 * expect([t[0], t[11]]).toEqual([-5 / 6, 5 / 6]);
 * // digit 0 in NumPy: d = [5, 6, 6.5, …]; w = (d − d.mean())/d.std(); (w − w[0])/6
 * expect(x[0]).toBe(0);
 * expect(x[1]).toBeCloseTo(0.23693955110363696, 15);
 */
export function mnist1dTemplates(): Mnist1dTemplates {
  const len = DIGITS[0].length;
  const x = new Float64Array(DIGITS.length * len);
  for (let d = 0; d < DIGITS.length; d++) {
    const row = Float64Array.from(DIGITS[d]);
    const mean = meanNumpy(row);
    for (let i = 0; i < len; i++) row[i] -= mean;
    const std = stdNumpy(row);
    for (let i = 0; i < len; i++) row[i] /= std;
    const first = row[0];
    for (let i = 0; i < len; i++) x[d * len + i] = (row[i] - first) / 6;
  }
  const t = linspaceNumpy(-5, 5, len).map((v) => v / 6);
  return { x, t, y: Int32Array.from(DIGITS.keys()) };
}

/** The reference `interpolate(x, N)`: linear resampling of x onto N equally spaced points of [0, 1]. */
function resample(x: ArrayLike<number>, n: number): Float64Array {
  return interp(linspaceNumpy(0, 1, n), linspaceNumpy(0, 1, x.length), x);
}

interface TransformArgs {
  padding: readonly [number, number];
  workLength: number;
  scaleCoeff: number;
  maxTranslation: number;
  corrNoiseScale: number;
  iidNoiseScale: number;
  shearScale: number;
  finalSeqLength: number;
}

/** One sample from one template: the reference `transform`, drawing from `rng` in the same order. */
function transform(template: Float64Array, args: TransformArgs, rng: RandomState): Float64Array {
  const eps = 1e-8; // lifts the template off zero so the mask below finds only the padding
  // 1) pad: p zeros, p = low + int(u·(high − low + 1))
  const [low, high] = args.padding;
  const p = low + Math.trunc(rng.randomSample() * (high - low + 1));
  const padded = new Float64Array(template.length + p);
  for (let i = 0; i < template.length; i++) padded[i] = template[i] + eps;
  // 2) dilate to templateLen + padding[1] points
  const x = resample(padded, args.workLength); // (L,)
  const L = x.length;
  // 3) scale
  const factor = 1 + args.scaleCoeff * (rng.randomSample() - 0.5);
  for (let i = 0; i < L; i++) x[i] *= factor;
  // 4) translate: concatenate([x[-k:], x[:-k]]) with k = choice(maxTranslation), a right roll by k
  const k = rng.randint(0, args.maxTranslation, 1)[0];
  const shifted = new Float64Array(L);
  for (let i = 0; i < L; i++) shifted[(i + k) % L] = x[i];
  // 5) correlated noise where the signal is exactly zero (the padding), white noise everywhere
  const corr = rng.randn(L);
  for (let i = 0; i < L; i++) corr[i] *= args.corrNoiseScale;
  const smooth = gaussianFilter1d(corr, 2);
  const iid = rng.randn(L);
  for (let i = 0; i < L; i++) {
    const base = shifted[i] !== 0 ? shifted[i] : smooth[i];
    shifted[i] = base + args.iidNoiseScale * iid[i];
  }
  // 6) shear: subtract c·linspace(−½, ½, L), c = shearScale·(u − ½)
  const coeff = args.shearScale * (rng.randomSample() - 0.5);
  const ramp = linspaceNumpy(-0.5, 0.5, L);
  for (let i = 0; i < L; i++) shifted[i] -= coeff * ramp[i];
  // 7) subsample to finalSeqLength points
  return resample(shifted, args.finalSeqLength);
}

function checkPositiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`mnist1d: ${name} must be a positive integer (got ${value})`);
  return value;
}

function checkFraction(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`mnist1d: ${name} must lie in [0, 1] (got ${value})`);
  return value;
}

/**
 * Generates MNIST-1D like `mnist1d.data.make_dataset(get_dataset_args())`.
 * @example
 * const set = data.mnist1d({ numSamples: 100 });
 * expect(set.xTrain.length).toBe(80 * 40);
 * expect(set.yTest.length).toBe(20);
 */
export function mnist1d(options: Mnist1dOptions = {}): Mnist1d {
  const numSamples = checkPositiveInt(options.numSamples ?? 5000, "numSamples");
  const trainSplit = checkFraction(options.trainSplit ?? 0.8, "trainSplit");
  const templateLen = checkPositiveInt(options.templateLen ?? 12, "templateLen");
  const padding = options.padding ?? [36, 60];
  if (!Number.isInteger(padding[0]) || !Number.isInteger(padding[1]) || padding[0] < 0 || padding[1] < padding[0]) {
    throw new RangeError(`mnist1d: padding must be integers 0 <= low <= high (got [${padding.join(", ")}])`);
  }
  if (templateLen !== DIGITS[0].length) {
    throw new RangeError(`mnist1d: templateLen must be ${DIGITS[0].length}, the length of the built-in templates (got ${templateLen})`);
  }
  const workLength = templateLen + padding[1];
  const maxTranslation = checkPositiveInt(options.maxTranslation ?? 48, "maxTranslation");
  if (maxTranslation > workLength) {
    throw new RangeError(`mnist1d: maxTranslation must not exceed templateLen + padding[1] = ${workLength} (got ${maxTranslation})`);
  }
  const finalSeqLength = checkPositiveInt(options.finalSeqLength ?? 40, "finalSeqLength");
  const labelNoise = checkFraction(options.labelNoise ?? 0, "labelNoise");
  const seed = options.seed ?? 42;
  const args: TransformArgs = {
    padding,
    workLength,
    scaleCoeff: options.scaleCoeff ?? 0.4,
    maxTranslation,
    corrNoiseScale: options.corrNoiseScale ?? 0.25,
    iidNoiseScale: options.iidNoiseScale ?? 2e-2,
    shearScale: options.shearScale ?? 0.75,
    finalSeqLength,
  };

  const templates = mnist1dTemplates();
  const rng = new RandomState(seed);
  const classes = templates.y.length;
  const perClass = Math.floor(numSamples / classes);
  const n = perClass * classes;
  const len = finalSeqLength;

  // Samples in class order (all 0s, then all 1s, …), then one permutation of the rows.
  const ordered = new Float64Array(n * len); // (n, len)
  for (let label = 0; label < classes; label++) {
    const template = templates.x.subarray(label * templateLen, (label + 1) * templateLen);
    for (let e = 0; e < perClass; e++) ordered.set(transform(template, args, rng), (label * perClass + e) * len);
  }
  const order = rng.permutation(n);
  const xs = new Float64Array(n * len);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xs.set(ordered.subarray(order[i] * len, (order[i] + 1) * len), i * len);
    ys[i] = Math.floor(order[i] / perClass);
  }
  if (options.shuffleSeq) {
    const columns = rng.permutation(len);
    const row = new Float64Array(len);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < len; j++) row[j] = xs[i * len + columns[j]];
      xs.set(row, i * len);
    }
  }

  // Standardise with the statistics of the whole set; t is divided by the same std.
  const std = stdNumpy(xs);
  const mean = meanNumpy(xs);
  for (let i = 0; i < xs.length; i++) xs[i] = (xs[i] - mean) / std;
  const t = resample(resample(templates.t, workLength), len).map((v) => v / std);

  const split = Math.trunc(n * trainSplit);
  const yTrain = ys.slice(0, split);
  const noisyIndices = addLabelNoise(yTrain, labelNoise, options.labelNoiseSeed ?? seed, classes);
  const xTrain = xs.slice(0, split * len);
  const xTest = xs.slice(split * len);
  return {
    xTrain,
    yTrain,
    xTest,
    yTest: ys.slice(split),
    t,
    templates,
    length: len,
    noisyIndices,
    xTrainTensor: () => new Tensor(xTrain, [split, len]),
    xTestTensor: () => new Tensor(xTest, [n - split, len]),
  };
}

/** Replaces round(fraction·n) labels in place (see Mnist1dOptions.labelNoise); returns their indices. */
function addLabelNoise(labels: Int32Array, fraction: number, seed: number, classes: number): Int32Array {
  const count = Math.round(fraction * labels.length);
  if (count === 0) return new Int32Array(0);
  const rng = new RandomState(seed);
  const picked = rng.permutation(labels.length).slice(0, count);
  for (const i of picked) labels[i] = rng.randint(0, classes, 1)[0];
  return picked;
}
