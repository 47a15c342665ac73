// A NumPy-compatible random generator: MT19937 with the legacy `numpy.random.RandomState` conventions
// (init_genrand seeding, 53-bit doubles from two 32-bit draws, polar Box–Muller normals that cache
// their second value). With the same seed it yields the same bits as `np.random.seed(s)` followed by
// `np.random.rand` / `np.random.randn`, so the book's NumPy examples reproduce to the last digit.
// Matsumoto & Nishimura 1998, "Mersenne Twister: a 623-dimensionally equidistributed uniform PRNG".
// The integer draws (randint, permutation, shuffle, choice) follow numpy's legacy C code:
// `random_bounded_uint64_fill` with use_masked=True (bitmask rejection) and `random_interval`
// (numpy/random/src/distributions/distributions.c), called in the same order as numpy/random/mtrand.pyx.

import { logExact } from "./log-exact";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * NumPy's legacy generator (np.random.RandomState): MT19937 with the same seeding and the same draws, bit for bit.
 * @example
 * const rs = new RandomState(0);
 * // NumPy: np.random.RandomState(0).rand(2) → [0.5488135 , 0.71518937]
 * expect(Array.from(rs.rand(2))).toEqual([0.5488135039273248, 0.7151893663724195]);
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private gauss = 0;
  private hasGauss = false;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /**
   * Re-seeds like `np.random.seed(seed)` for an integer 0 ≤ seed < 2³².
   * @example
   * const rs = new RandomState(1);
   * rs.seed(0);
   * expect(rs.randomSample()).toBe(0.5488135039273248);
   */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer between 0 and 2**32 - 1 (got ${seed})`);
    }
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /**
   * The next 32-bit output of MT19937, as an unsigned integer.
   * @example
   * // The C++ standard's check of mt19937: the 10000th output after the default seed 5489 is 4123659995.
   * const rs = new RandomState(5489);
   * expect(rs.nextUint32()).toBe(3499211612);           // the first
   * for (let i = 2; i < 10000; i++) rs.nextUint32();
   * expect(rs.nextUint32()).toBe(4123659995);
   */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }

  /**
   * Uniform on [0, 1) with 53 random bits, like `np.random.random_sample()`.
   * @example
   * expect(new RandomState(0).randomSample()).toBe(0.5488135039273248); // np.random.RandomState(0).random_sample()
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Standard normal, like `np.random.standard_normal()` (legacy polar method with a cached pair).
   * @example
   * expect(new RandomState(0).standardNormal()).toBe(1.764052345967664); // np.random.RandomState(0).standard_normal()
   */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // numpy calls C's log here; Math.log differs from glibc's in the last bit for ~9% of arguments.
    const f = Math.sqrt((-2 * logExact(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * `n` uniforms on [0, 1), like `np.random.rand(n)`.
   * @example
   * expect(Array.from(new RandomState(0).rand(3))).toEqual([0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
   */
  rand(n: number): Float64Array {
    const out = new Float64Array(checkCount(n, "rand"));
    for (let i = 0; i < out.length; i++) out[i] = this.randomSample();
    return out;
  }

  /**
   * `n` standard normals, like `np.random.randn(n)` (shares the cached second value with standardNormal).
   * @example
   * expect(Array.from(new RandomState(0).randn(3))).toEqual([1.764052345967664, 0.4001572083672233, 0.9787379841057392]);
   */
  randn(n: number): Float64Array {
    const out = new Float64Array(checkCount(n, "randn"));
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal();
    return out;
  }

  /**
   * `n` uniforms on [low, high): low + (high − low)·u, like `np.random.uniform(low, high, n)`.
   * @example
   * // NumPy: np.random.RandomState(0).uniform(-2.5, 3.0, 2)
   * expect(Array.from(new RandomState(0).uniform(-2.5, 3, 2))).toEqual([0.5184742716002861, 1.433541515048307]);
   */
  uniform(low: number, high: number, n: number): Float64Array {
    const range = high - low;
    if (!Number.isFinite(range)) throw new RangeError(`uniform: range high - low must be finite (got low ${low}, high ${high})`);
    const out = new Float64Array(checkCount(n, "uniform"));
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.randomSample();
    return out;
  }

  /**
   * `n` normals loc + scale·z, like `np.random.normal(loc, scale, n)`.
   * @example
   * // NumPy: np.random.RandomState(0).normal(10, 2, 2)
   * expect(Array.from(new RandomState(0).normal(10, 2, 2))).toEqual([13.528104691935328, 10.800314416734446]);
   */
  normal(loc: number, scale: number, n: number): Float64Array {
    if (!(scale >= 0)) throw new RangeError(`normal: scale must be non-negative (got ${scale})`);
    const out = new Float64Array(checkCount(n, "normal"));
    for (let i = 0; i < out.length; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  /**
   * `n` integers uniform on [low, high), like `np.random.randint(low, high, n)` (default int64 dtype):
   * with rng = high − 1 − low, draw 32-bit words (or 64-bit pairs when rng ≥ 2³²), keep the bits
   * under the smallest mask ≥ rng and reject values above rng. Works for ranges up to 2⁵³.
   * @example
   * expect(Array.from(new RandomState(0).randint(0, 10, 5))).toEqual([5, 0, 3, 3, 7]);  // np.random.RandomState(0).randint(0, 10, 5)
   */
  randint(low: number, high: number, n: number): Int32Array | Float64Array {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new RangeError(`randint: low and high must be safe integers (got low ${low}, high ${high})`);
    }
    if (low >= high) throw new RangeError(`randint: low >= high (got low ${low}, high ${high})`);
    const rng = high - 1 - low;
    const count = checkCount(n, "randint");
    const fitsInt32 = low >= -0x80000000 && high - 1 <= 0x7fffffff;
    const out = fitsInt32 ? new Int32Array(count) : new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = low + this.boundedMasked(rng);
    return out;
  }

  /** One integer uniform on [0, rng] by bitmask rejection (numpy's `buffered_bounded_masked_uint32` / `bounded_masked_uint64`). */
  private boundedMasked(rng: number): number {
    if (rng === 0) return 0; // numpy draws nothing for a single-value range
    if (rng === 0xffffffff) return this.nextUint32();
    if (rng < 0x100000000) {
      const mask = maskFor32(rng);
      let value: number;
      do value = (this.nextUint32() & mask) >>> 0;
      while (value > rng);
      return value;
    }
    return this.masked64(rng);
  }

  /**
   * A value in [0, rng] for rng ≥ 2³² from 64-bit words: numpy's `next_uint64` for MT19937 is
   * (first draw << 32) | second draw, masked by the smallest all-ones mask ≥ rng. With rng < 2⁵³ the
   * masked value fits a double exactly, so the two halves are masked separately.
   */
  private masked64(rng: number): number {
    const maskHigh = maskFor32(Math.floor(rng / 0x100000000));
    let value: number;
    do {
      const high = (this.nextUint32() & maskHigh) >>> 0;
      const low = this.nextUint32();
      value = high * 0x100000000 + low;
    } while (value > rng);
    return value;
  }

  /**
   * An integer uniform on [0, max], numpy's `random_interval` (used by shuffle): same bitmask
   * rejection as randint, but a 64-bit word only when max ≥ 2³².
   */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max < 0x100000000) {
      const mask = maskFor32(max);
      let value: number;
      do value = (this.nextUint32() & mask) >>> 0;
      while (value > max);
      return value;
    }
    return this.masked64(max);
  }

  /**
   * Shuffles `array` in place like `np.random.shuffle` on a 1-D array: Fisher–Yates from the last
   * element down to index 1, swapping x[i] with x[random_interval(i)].
   * @example
   * expect(new RandomState(0).shuffle([0, 1, 2, 3, 4])).toEqual([2, 0, 1, 3, 4]);    // NumPy, on np.arange(5)
   */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A shuffled arange(n), like `np.random.permutation(n)`.
   * @example
   * expect(Array.from(new RandomState(0).permutation(5))).toEqual([2, 0, 1, 3, 4]);  // np.random.RandomState(0).permutation(5)
   */
  permutation(n: number): Int32Array {
    const out = new Int32Array(checkCount(n, "permutation"));
    for (let i = 0; i < out.length; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * `size` indices drawn from range(n), like `np.random.choice(n, size, replace, p)` (legacy):
   * with replacement and no p → randint(0, n, size); without replacement and no p →
   * permutation(n)[:size]; with p and replacement → searchsorted(cdf, random_sample, 'right') with
   * cdf = cumsum(p)/cdf[-1]; with p and no replacement → numpy's loop that redraws, zeroes the
   * probabilities already taken and keeps the first occurrence of each new index.
   * @example
   * expect(Array.from(new RandomState(0).choice(5, 3, { replace: false }))).toEqual([2, 0, 1]);
   * expect(Array.from(new RandomState(0).choice(5, 4, { p: [0.1, 0, 0.3, 0.2, 0.4] }))).toEqual([3, 4, 4, 3]); // NumPy's values
   */
  choice(n: number, size: number, options: ChoiceOptions = {}): Int32Array {
    const { replace = true, p } = options;
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`choice: n must be a non-negative integer (got ${n})`);
    const count = checkCount(size, "choice");
    if (n === 0 && count > 0) throw new RangeError("choice: cannot take a non-empty sample from an empty population (n 0)");
    const probabilities = p === undefined ? undefined : checkProbabilities(p, n);
    if (replace) {
      if (probabilities === undefined) return Int32Array.from(this.randint(0, n, count));
      const cdf = normalisedCdf(probabilities);
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = searchSortedRight(cdf, this.randomSample());
      return out;
    }
    if (count > n) throw new RangeError(`choice: cannot take a larger sample (size ${count}) than the population (n ${n}) when replace is false`);
    if (probabilities === undefined) return this.permutation(n).slice(0, count);
    return this.choiceWithoutReplacement(probabilities.slice(), count);
  }

  private choiceWithoutReplacement(p: Float64Array, count: number): Int32Array {
    let nonZero = 0;
    for (const v of p) if (v > 0) nonZero++;
    if (nonZero < count) throw new RangeError(`choice: fewer non-zero entries in p (${nonZero}) than size (${count})`);
    const found = new Int32Array(count);
    let taken = 0;
    while (taken < count) {
      const draws = this.rand(count - taken);
      for (let k = 0; k < taken; k++) p[found[k]] = 0;
      const cdf = normalisedCdf(p);
      // np.unique(new, return_index=True) then sorting the indices keeps each index at its first draw.
      const seen = new Set<number>();
      for (const u of draws) {
        const index = searchSortedRight(cdf, u);
        if (seen.has(index)) continue;
        seen.add(index);
        found[taken++] = index;
      }
    }
    return found;
  }
}

export interface ChoiceOptions {
  /** Draw with replacement (default true, as in numpy). */
  replace?: boolean;
  /** Probabilities of 0..n-1; must be non-negative and sum to 1 within sqrt(float64 eps). */
  p?: ArrayLike<number>;
}

/** The smallest all-ones mask ≥ max, for 0 < max < 2³² (numpy's gen_mask). */
function maskFor32(max: number): number {
  let mask = max >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

function checkCount(n: number, op: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${op}: size must be a non-negative integer (got ${n})`);
  return n;
}

function checkProbabilities(p: ArrayLike<number>, n: number): Float64Array {
  if (p.length !== n) throw new RangeError(`choice: p must have one entry per element of the population (got ${p.length} entries for n ${n})`);
  const out = Float64Array.from(p);
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    if (!(out[i] >= 0 && out[i] <= 1)) throw new RangeError(`choice: probabilities must lie in [0, 1] (p[${i}] = ${out[i]})`);
    total += out[i];
  }
  if (Math.abs(total - 1) > Math.sqrt(Number.EPSILON)) throw new RangeError(`choice: probabilities do not sum to 1 (sum ${total})`);
  return out;
}

/** cumsum(p) / cdf[-1], summed left to right like np.cumsum. */
function normalisedCdf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let running = 0;
  for (let i = 0; i < p.length; i++) {
    running += p[i];
    cdf[i] = running;
  }
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/** The first index i with sorted[i] > value (np.searchsorted(..., side="right")). */
function searchSortedRight(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
