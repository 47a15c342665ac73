// Small seeded data sets for the first lectures: 1-D regression with Gaussian noise, the UDL sine
// data, and 2-D classification (blobs, two moons, spirals). Every generator draws from its own
// numpy-legacy RandomState, in a documented order, so a NumPy notebook can replay the same points.
import { RandomState } from "./random";

export interface Toy2d {
  x: Float64Array; // (n, 2) row-major
  y: Int32Array; // (n,)
}

export interface Regression1d {
  x: Float64Array; // (n,)
  y: Float64Array; // (n,)
}

function checkCount(n: number, op: string, name: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${op}: ${name} must be a positive integer (got ${n})`);
  return n;
}

function checkNoise(noise: number, op: string): number {
  if (!(noise >= 0)) throw new RangeError(`${op}: noise must be non-negative (got ${noise})`);
  return noise;
}

export interface Regression1dOptions {
  /** Number of samples. */
  numSamples?: number;
  /** The noiseless function (default Math.sin). */
  fn?: (x: number) => number;
  /** Standard deviation of the Gaussian noise (default 0.1). */
  noise?: number;
  /** Interval of the inputs (default [0, 1]). */
  xRange?: readonly [number, number];
  seed?: number;
}

/**
 * y = fn(x) + noise·ε with x uniform on xRange: first all n inputs (`rng.uniform(lo, hi, n)`), then
 * all n noise values (`rng.normal(0, 1, n)`), from RandomState(seed). The inputs are not sorted.
 * @example
 * const { x, y } = data.regression1d({ numSamples: 3, fn: (v) => 2 * v, noise: 0 });
 * expect(y[1]).toBe(2 * x[1]);
 */
export function regression1d(options: Regression1dOptions = {}): Regression1d {
  const n = checkCount(options.numSamples ?? 50, "regression1d", "numSamples");
  const noise = checkNoise(options.noise ?? 0.1, "regression1d");
  const [lo, hi] = options.xRange ?? [0, 1];
  if (!(hi > lo)) throw new RangeError(`regression1d: xRange must be increasing (got [${lo}, ${hi}])`);
  const fn = options.fn ?? Math.sin;
  const rng = new RandomState(options.seed ?? 0);
  const x = rng.uniform(lo, hi, n);
  const eps = rng.normal(0, 1, n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = fn(x[i]) + noise * eps[i];
  return { x, y };
}

export interface SineDataOptions {
  /** Number of samples. */
  numSamples?: number;
  /** Standard deviation of the noise (default 0.2). */
  noise?: number;
  seed?: number;
}

/**
 * The sine data of the UDL bias–variance discussion (Prince 2023, §8.2): x uniform on [0, 1],
 * y = sin(2πx) + noise·ε. Convention: x = rng.rand(n) first, then ε = rng.randn(n), from
 * RandomState(seed) — in NumPy: `rs = np.random.RandomState(seed); x = rs.rand(n);
 * y = np.sin(2*np.pi*x) + noise*rs.randn(n)`.
 * @example
 * const { x, y } = data.sineData({ numSamples: 2, noise: 0.2, seed: 0 });
 * // NumPy: rs = RandomState(0); x = rs.rand(2); y = np.sin(2*np.pi*x) + 0.2*rs.randn(2)
 * expect(Array.from(x)).toEqual([0.5488135039273248, 0.7151893663724195]);
 * expect(y[0]).toBeCloseTo(-0.10617077394454316, 14);
 * expect(y[1]).toBeCloseTo(-0.5279969833097882, 14);
 */
export function sineData(options: SineDataOptions = {}): Regression1d {
  const n = checkCount(options.numSamples ?? 15, "sineData", "numSamples");
  const noise = checkNoise(options.noise ?? 0.2, "sineData");
  const rng = new RandomState(options.seed ?? 0);
  const x = rng.rand(n);
  const eps = rng.randn(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.sin(2 * Math.PI * x[i]) + noise * eps[i];
  return { x, y };
}

export interface BlobsOptions {
  /** Number of samples. */
  numSamples?: number;
  /** Class centres (default three: (−2, 0), (2, 0), (0, 2.5)). */
  centers?: readonly (readonly [number, number])[];
  /** Standard deviation around each centre (default 0.6). */
  std?: number;
  seed?: number;
}

/**
 * Gaussian blobs: sample i has label i mod k and x = centre + std·(ε₁, ε₂), ε drawn with rng.randn in sample order.
 * @example
 * const { x, y } = data.blobs({ numSamples: 2, seed: 0 });      // centres (−2, 0), (2, 0), …; std 0.6
 * expect(Array.from(y)).toEqual([0, 1]);
 * expect(x[0]).toBeCloseTo(-2 + 0.6 * 1.764052345967664, 15);   // NumPy: RandomState(0).randn() = 1.764052345967664
 */
export function blobs(options: BlobsOptions = {}): Toy2d {
  const n = checkCount(options.numSamples ?? 150, "blobs", "numSamples");
  const centers = options.centers ?? [[-2, 0], [2, 0], [0, 2.5]];
  if (centers.length < 1) throw new RangeError("blobs: centers must not be empty");
  const std = checkNoise(options.std ?? 0.6, "blobs");
  const rng = new RandomState(options.seed ?? 0);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % centers.length;
    y[i] = label;
    x[2 * i] = centers[label][0] + std * rng.standardNormal();
    x[2 * i + 1] = centers[label][1] + std * rng.standardNormal();
  }
  return { x, y };
}

export interface MoonsOptions {
  /** Number of samples. */
  numSamples?: number;
  /** Standard deviation of the Gaussian noise added to both coordinates (default 0.1). */
  noise?: number;
  seed?: number;
}

/**
 * Two interleaving half circles, with scikit-learn's `make_moons(shuffle=False)` geometry: the first
 * floor(n/2) points (label 0) at (cos θ, sin θ), the others (label 1) at (1 − cos θ, ½ − sin θ), θ
 * equally spaced on [0, π]; then noise·ε added to every coordinate in row-major order (rng.randn).
 * @example
 * const { x, y } = data.twoMoons({ numSamples: 4, noise: 0 });  // the half circles' ends, as make_moons
 * expect(Array.from(y)).toEqual([0, 0, 1, 1]);
 * expect([x[0], x[1], x[4], x[5]]).toEqual([1, 0, 0, 0.5]);     // (cos 0, sin 0) and (1 − cos 0, ½ − sin 0)
 * expect(x[2]).toBe(-1);                                          // cos π
 */
export function twoMoons(options: MoonsOptions = {}): Toy2d {
  const n = checkCount(options.numSamples ?? 200, "twoMoons", "numSamples");
  const noise = checkNoise(options.noise ?? 0.1, "twoMoons");
  const rng = new RandomState(options.seed ?? 0);
  const nOuter = Math.floor(n / 2);
  const nInner = n - nOuter;
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  const angle = (i: number, count: number): number => (count === 1 ? 0 : (Math.PI * i) / (count - 1));
  for (let i = 0; i < nOuter; i++) {
    const t = angle(i, nOuter);
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nInner; i++) {
    const t = angle(i, nInner);
    const k = nOuter + i;
    x[2 * k] = 1 - Math.cos(t);
    x[2 * k + 1] = 0.5 - Math.sin(t);
    y[k] = 1;
  }
  const eps = rng.randn(2 * n);
  for (let i = 0; i < 2 * n; i++) x[i] += noise * eps[i];
  return { x, y };
}

export interface SpiralsOptions {
  /** Points per class (default 100). */
  samplesPerClass?: number;
  classes?: number;
  /** Standard deviation of the angle noise (default 0.2). */
  noise?: number;
  seed?: number;
}

/**
 * Interleaved spirals (the CS231n "spiral data"): for class j, point i has radius r = i/(m−1) and
 * angle θ = 4j + 4i/(m−1) + noise·ε (ε = rng.standardNormal() in sample order), x = (r sin θ, r cos θ).
 * @example
 * const { x, y } = data.spirals({ samplesPerClass: 2, classes: 2, noise: 0 });
 * expect(Array.from(y)).toEqual([0, 0, 1, 1]);
 * expect([x[2], x[3]]).toEqual([Math.sin(4), Math.cos(4)]);     // class 0, radius 1, angle 4
 * expect([x[6], x[7]]).toEqual([Math.sin(8), Math.cos(8)]);     // class 1, radius 1, angle 4 + 4
 */
export function spirals(options: SpiralsOptions = {}): Toy2d {
  const m = checkCount(options.samplesPerClass ?? 100, "spirals", "samplesPerClass");
  const classes = checkCount(options.classes ?? 3, "spirals", "classes");
  const noise = checkNoise(options.noise ?? 0.2, "spirals");
  const rng = new RandomState(options.seed ?? 0);
  const n = m * classes;
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let j = 0; j < classes; j++) {
    for (let i = 0; i < m; i++) {
      const k = j * m + i;
      const r = m === 1 ? 0 : i / (m - 1);
      const theta = 4 * j + 4 * r + noise * rng.standardNormal();
      x[2 * k] = r * Math.sin(theta);
      x[2 * k + 1] = r * Math.cos(theta);
      y[k] = j;
    }
  }
  return { x, y };
}
