// The check every optimizer step makes before it touches a parameter: one pass over each gradient,
// and an error naming the first parameter whose gradient holds a NaN or ±∞ — by its Module name when
// the optimizer was built from model.namedParameters(), otherwise by group, index and shape. A NaN
// gradient applied once turns the parameter (and, through it, every later loss) into NaN for good,
// and then nothing says where it came from.

import { denseElements, type Tensor } from "../tensor/tensor";
import { formatShape, unravelIndex } from "../tensor/shape";

/** Where a parameter sits in an optimizer: its name (when known) and its group and index. */
export interface ParameterPlace {
  name: string | null;
  group: number;
  index: number;
}

/**
 * A gradient holds NaN or ±∞; thrown by Optimizer.step() before any parameter was updated.
 * @example
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new optim.SGD([["w", w]], { lr: 0.1 });   // named, as model.namedParameters() gives them
 * w.grad = tensor([0.5, NaN]);
 * expect(() => opt.step()).toThrow(optim.NonFiniteGradientError);
 * expect(() => opt.step()).toThrow('SGD.step(): the gradient of parameter "w" (shape [2]) has 1 non-finite entry, the first NaN at [1], at step 1');
 * expect(w.tolist()).toEqual([1, 2]);   // nothing was updated
 */
export class NonFiniteGradientError extends Error {
  constructor(
    readonly optimizer: string,
    /** The parameter whose gradient is not finite. */
    readonly parameter: Tensor,
    readonly place: ParameterPlace,
    /** The first non-finite entry (row-major): its multi-index and value. */
    readonly element: number[],
    readonly value: number,
    /** How many entries of the gradient are not finite. */
    readonly count: number,
    /** The 1-based number of this optimizer's step() call that refused to update. */
    readonly step: number,
  ) {
    const entries = count === 1 ? "1 non-finite entry" : `${count} non-finite entries`;
    super(
      `${optimizer}.step(): the gradient of ${describePlace(place)} (shape ${formatShape(parameter.shape)}) has ${entries}, ` +
        `the first ${value} at [${element.join(", ")}], at step ${step}; no parameter was updated` +
        (place.name === null ? " (build the optimizer from model.namedParameters() to see parameter names)" : ""),
    );
    this.name = "NonFiniteGradientError";
  }
}

/** `parameter "0.weight"`, or `parameter 3 of group 0` when the optimizer has no names. */
export function describePlace(place: ParameterPlace): string {
  return place.name === null ? `parameter ${place.index} of group ${place.group}` : `parameter "${place.name}"`;
}

/**
 * Throws NonFiniteGradientError unless every entry of `grad` is finite. The scan is one pass with no
 * branch: Σ gᵢ·0 stays 0 for finite entries and becomes NaN at the first NaN or ±∞; only then is the
 * gradient read again to find and count the offending entries.
 */
export function checkFiniteGradient(optimizer: string, parameter: Tensor, grad: Tensor, place: ParameterPlace, step: number): void {
  const data = denseElements(grad);
  let probe = 0;
  for (let i = 0; i < data.length; i++) probe += data[i] * 0;
  if (probe === 0) return;
  let first = -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  throw new NonFiniteGradientError(optimizer, parameter, place, unravelIndex(first, grad.shape), data[first], count, step);
}
