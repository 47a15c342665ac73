// Mini-batches for training loops, like torch.utils.data.DataLoader over a TensorDataset: rows of x
// (and the matching y) in batches of batchSize, optionally reshuffled every epoch. The shuffle order
// of epoch e is the e-th `permutation(n)` of one RandomState(seed), so a NumPy notebook doing
// `rs = np.random.RandomState(seed)` and `rs.permutation(n)` per epoch sees the same batches.
// An empty data set gives no batches, and batchSize > n one short batch (none with dropLast); fit and
// evaluate refuse a loader without batches by name before any work.
import type { Tensor } from "../tensor/tensor";
import { gatherLabels, gatherRows } from "./gather";
import { RandomState } from "./random";

export interface DataLoaderOptions {
  batchSize?: number;
  /** Reshuffle the rows at the start of every epoch (default false). */
  shuffle?: boolean;
  /** Seed of the shuffling generator (default 0). */
  seed?: number;
  /** Skip the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
}

export interface Batch<Y extends Tensor | Int32Array> {
  x: Tensor; // (b, …)
  y: Y; // (b, …) or (b,)
}

/**
 * Iterating the loader runs one epoch.
 * @example
 * const loader = new data.DataLoader(arange(10).reshape([5, 2]), new Int32Array([0, 1, 2, 3, 4]), { batchSize: 2 });
 * expect([...loader].map((b) => Array.from(b.y))).toEqual([[0, 1], [2, 3], [4]]);
 */
export class DataLoader<Y extends Tensor | Int32Array> implements Iterable<Batch<Y>> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly rng: RandomState;

  constructor(readonly x: Tensor, readonly y: Y, options: DataLoaderOptions = {}) {
    const n = x.ndim === 0 ? -1 : x.shape[0];
    if (n < 0) throw new RangeError("DataLoader: x must have at least one dimension (got a 0-d tensor)");
    const ny = y instanceof Int32Array ? y.length : y.ndim === 0 ? -1 : y.shape[0];
    if (ny !== n) throw new RangeError(`DataLoader: x has ${n} rows but y has ${ny}`);
    this.batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`DataLoader: batchSize must be a positive integer (got ${this.batchSize})`);
    }
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.rng = new RandomState(options.seed ?? 0);
  }

  /** Number of samples (rows of x). */
  get numSamples(): number {
    return this.x.shape[0];
  }

  /** Batches per epoch. */
  get length(): number {
    return this.dropLast ? Math.floor(this.numSamples / this.batchSize) : Math.ceil(this.numSamples / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<Batch<Y>> {
    const n = this.numSamples;
    const order = this.shuffle ? this.rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    for (let b = 0; b < this.length; b++) {
      const idx = order.subarray(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize));
      const y = this.y instanceof Int32Array ? gatherLabels(this.y, idx) : gatherRows(this.y, idx);
      yield { x: gatherRows(this.x, idx), y: y as Y };
    }
  }
}
