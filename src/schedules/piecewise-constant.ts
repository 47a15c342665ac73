// Piecewise constant scheduling (the notes' list, lecture 4): a constant α, switched to another
// constant after some number of steps (or epochs — pass the epoch as the step).
//   α(t) = values[k] for boundaries[k−1] ≤ t < boundaries[k]   (boundaries[−1] = 0, boundaries[n] = ∞)
// So the step equal to a boundary is the first one at the new value (like PyTorch's MultiStepLR;
// TensorFlow's PiecewiseConstantDecay switches one step later).

import { checkNonNegative } from "../optim/optimizer";
import { checkStep } from "./check";

export interface PiecewiseConstantOptions {
  /** Strictly increasing positive integer steps where the value changes. */
  boundaries: number[];
  /** One more value than boundaries. */
  values: number[];
}

/**
 * step ↦ values[k] on [boundaries[k−1], boundaries[k]): a step equal to a boundary is the first at the new value.
 * @example
 * const lr = schedules.piecewiseConstant({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
 * expect([lr(0), lr(99), lr(100), lr(200)]).toEqual([0.1, 0.1, 0.01, 0.001]);
 */
export function piecewiseConstant({ boundaries, values }: PiecewiseConstantOptions): (step: number) => number {
  const name = "piecewiseConstant schedule";
  if (values.length !== boundaries.length + 1) {
    throw new Error(`${name}: values must have one more entry than boundaries, got ${values.length} values for ${boundaries.length} boundaries`);
  }
  boundaries.forEach((b, i) => {
    if (!Number.isInteger(b) || b <= 0 || (i > 0 && b <= boundaries[i - 1])) {
      throw new Error(`${name}: boundaries must be strictly increasing positive integers, got [${boundaries.join(", ")}]`);
    }
  });
  values.forEach((v) => checkNonNegative(name, "every value", v));
  return (step) => {
    checkStep(name, step);
    let k = 0;
    while (k < boundaries.length && step >= boundaries[k]) k++;
    return values[k];
  };
}
