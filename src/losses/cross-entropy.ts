// Cross-entropy of a categorical distribution p = softmax(z) (Algorytm 1 with a categorical
// distribution): −Σ_c q_c log p_c, with q the one-hot target (class-index targets) or a given
// distribution (probability targets). log p comes from logSoftmax, which subtracts the maximum first,
// so logits of ±1e4 give a finite loss and gradient. Label smoothing (Szegedy et al. 2016) replaces
// q by (1 − ε)q + ε/C, as PyTorch's label_smoothing does. With class indices and no smoothing the
// sum over a one-hot row is one term, −log p_target, read directly (selectPerRow) instead of built
// from an (N, C) one-hot matrix: the same numbers, and the common case of every training loop.

import { add, eq, logSoftmax, mul, neg, sum } from "../autograd/ops";
import { selectPerRow } from "../autograd/primitives/select-per-row";
import { arange, tensor } from "../tensor/creation";
import { formatShape, sameShape } from "../tensor/shape";
import { Tensor, type NestedArray } from "../tensor/tensor";
import { reduce, type ReductionOption } from "./reduction";

/** Class indices (one per row) or, as a tensor of the logits' shape, target probabilities. */
export type ClassTargets = Int32Array | readonly number[] | Tensor;

export interface CrossEntropyOptions extends ReductionOption {
  /** ε ∈ [0, 1]: the target becomes (1 − ε)q + ε/C (default 0). */
  labelSmoothing?: number;
}

/** Checks class-index targets against `classes` and returns them as an Int32Array (the same one when given one). */
function classIndices(op: string, targets: Int32Array | readonly number[] | Tensor, rows: number, classes: number, logitsShape: readonly number[]): Int32Array {
  if (targets instanceof Tensor && targets.ndim !== 1) {
    throw new RangeError(`${op}: class-index targets must be 1-D (got shape ${formatShape(targets.shape)} for logits of shape ${formatShape(logitsShape)})`);
  }
  const values = targets instanceof Tensor ? targets.toArray() : targets;
  if (values.length !== rows) {
    throw new RangeError(`${op}: ${values.length} targets for ${rows} rows of logits (logits shape ${formatShape(logitsShape)})`);
  }
  for (let i = 0; i < values.length; i++) {
    const t = values[i];
    if (!Number.isInteger(t)) throw new RangeError(`${op}: target ${t} at index ${i} is not an integer class index`);
    if (t < 0 || t >= classes) throw new RangeError(`${op}: target ${t} at index ${i} is out of range for ${classes} classes`);
  }
  return values instanceof Int32Array ? values : Int32Array.from(values);
}

/**
 * −Σ_c q_c log softmax(z)_c per row of (N, C) logits, then reduced (mean over rows by default).
 * @example
 * const logits = tensor([[0, 0, 0], [0, Math.log(3), 0]]);
 * // row 1: −log(1/3); row 2: −log(3/5)
 * const expected = (Math.log(3) - Math.log(3 / 5)) / 2;
 * expect(losses.crossEntropy(logits, Int32Array.of(0, 1)).item()).toBeCloseTo(expected, 15);
 * // label smoothing 0.3 on 3 classes: q = 0.7·onehot + 0.3/3 = (0.1, 0.8, 0.1); softmax = (1/5, 3/5, 1/5)
 * const smoothed = losses.crossEntropy(tensor([[0, Math.log(3), 0]]), Int32Array.of(1), { labelSmoothing: 0.3 }).item();
 * expect(smoothed).toBeCloseTo(-(0.2 * Math.log(0.2) + 0.8 * Math.log(0.6)), 15);
 */
export function crossEntropy(logits: Tensor, targets: ClassTargets | NestedArray, options: CrossEntropyOptions = {}): Tensor {
  if (logits.ndim !== 2) throw new RangeError(`crossEntropy: logits must be (N, C), got shape ${formatShape(logits.shape)}`);
  const [rows, classes] = logits.shape;
  const eps = options.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`crossEntropy: labelSmoothing must lie in [0, 1] (got ${eps})`);
  const probabilities = targets instanceof Tensor && targets.ndim === 2;
  if (!probabilities && eps === 0) {
    const indices = classIndices("crossEntropy", targets as ClassTargets, rows, classes, logits.shape);
    const perRow = neg(selectPerRow(logSoftmax(logits, -1), indices)); // (N): −log p_target
    return reduce(perRow, options.reduction ?? "mean", "crossEntropy");
  }
  let q: Tensor; // (N, C)
  if (probabilities) {
    if (!sameShape(targets.shape, logits.shape)) {
      throw new RangeError(`crossEntropy: probability targets of shape ${formatShape(targets.shape)} do not match logits of shape ${formatShape(logits.shape)}`);
    }
    q = targets;
  } else {
    const indices = classIndices("crossEntropy", targets as ClassTargets, rows, classes, logits.shape);
    const dtype = logits.dtype;
    q = eq(tensor(indices, { dtype }).view(rows, 1), arange(classes, undefined, 1, { dtype })); // (N, C) one-hot
  }
  if (eps > 0) q = add(mul(q, 1 - eps), eps / classes);
  const perRow = neg(sum(mul(q, logSoftmax(logits, -1)), -1)); // (N)
  return reduce(perRow, options.reduction ?? "mean", "crossEntropy");
}
