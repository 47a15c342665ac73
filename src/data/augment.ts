// Data augmentation for batches of 1-D signals (MNIST-1D rows): a random circular shift and a random
// amplitude scale per row, the two invariances the MNIST-1D generator itself builds in (translate,
// scale). Seeded: each call draws from the RandomState it is given, one value per row in row order.
import { RandomState } from "./random";

export interface AugmentOptions {
  /** Generator to draw from (its stream advances); otherwise a fresh RandomState(seed ?? 0). */
  generator?: RandomState;
  seed?: number;
}

function rowsOf(x: ArrayLike<number>, length: number, op: string): number {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`${op}: length must be a positive integer (got ${length})`);
  if (x.length % length !== 0) throw new RangeError(`${op}: ${x.length} values do not split into rows of length ${length}`);
  return x.length / length;
}

/**
 * Rolls each row right by k, k = randint(−maxShift, maxShift + 1) per row (np.roll(row, k)):
 * out[(j + k) mod L] = row[j].
 * @example
 * // shifts k = RandomState(3).randint(−1, 2, 2) = [1, −1] (NumPy), then np.roll per row
 * const out = data.circularShift([1, 2, 3, 4, 5, 6, 7, 8], 4, 1, { seed: 3 });
 * expect(Array.from(out)).toEqual([4, 1, 2, 3, 6, 7, 8, 5]);
 */
export function circularShift(x: ArrayLike<number>, length: number, maxShift: number, options: AugmentOptions = {}): Float64Array {
  const rows = rowsOf(x, length, "circularShift");
  if (!Number.isInteger(maxShift) || maxShift < 0) throw new RangeError(`circularShift: maxShift must be a non-negative integer (got ${maxShift})`);
  const rng = options.generator ?? new RandomState(options.seed ?? 0);
  const shifts = rng.randint(-maxShift, maxShift + 1, rows);
  const src = Float64Array.from(x);
  const out = new Float64Array(src.length);
  for (let r = 0; r < rows; r++) {
    const k = ((shifts[r] % length) + length) % length;
    const row = src.subarray(r * length, (r + 1) * length);
    out.set(row.subarray(length - k), r * length); // the last k values wrap to the front
    out.set(row.subarray(0, length - k), r * length + k);
  }
  return out;
}

/**
 * Multiplies each row by a factor uniform on [low, high) (rng.uniform(low, high, rows)).
 * @example
 * // the factor is RandomState(0).uniform(0.5, 1.5) = 0.5 + 0.5488135039273248 (NumPy)
 * const out = data.amplitudeScale([1, 2], 2, 0.5, 1.5, { seed: 0 });
 * expect(out[1]).toBeCloseTo(2 * 1.0488135039273248, 15);
 */
export function amplitudeScale(x: ArrayLike<number>, length: number, low: number, high: number, options: AugmentOptions = {}): Float64Array {
  const rows = rowsOf(x, length, "amplitudeScale");
  if (!(high >= low)) throw new RangeError(`amplitudeScale: need low <= high (got low ${low}, high ${high})`);
  const rng = options.generator ?? new RandomState(options.seed ?? 0);
  const factors = rng.uniform(low, high, rows);
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < length; j++) out[r * length + j] = x[r * length + j] * factors[r];
  }
  return out;
}
