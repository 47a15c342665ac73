// Exponential scheduling (the notes' list, lecture 4): "decrease by a given multiplicative constant
// every given number of steps":
//   α(t) = α(0) · γ^⌊t/stepSize⌋        (staircase: true, the default — the notes' wording; PyTorch StepLR)
//   α(t) = α(0) · γ^(t/stepSize)        (staircase: false — Géron's smooth form; PyTorch ExponentialLR for stepSize 1)

import { checkNonNegative } from "../optim/optimizer";
import { checkPositive, checkStep } from "./check";

export interface ExponentialOptions {
  lr0: number;
  /** γ: the factor applied every stepSize steps (0 < γ ≤ 1 to decay). */
  gamma: number;
  /** Steps between two multiplications by γ; default 1. */
  stepSize?: number;
  staircase?: boolean;
}

/**
 * step ↦ lr0·γ^⌊step/stepSize⌋ (a staircase), or lr0·γ^(step/stepSize) with staircase: false.
 * @example
 * const lr = schedules.exponential({ lr0: 1, gamma: 0.5, stepSize: 10 });
 * expect([lr(0), lr(9), lr(10), lr(25)]).toEqual([1, 1, 0.5, 0.25]);   // a staircase
 * const smooth = schedules.exponential({ lr0: 1, gamma: 0.5, stepSize: 10, staircase: false });
 * expect(smooth(5)).toBeCloseTo(Math.SQRT1_2, 15);                     // 0.5^(5/10)
 */
export function exponential({ lr0, gamma, stepSize = 1, staircase = true }: ExponentialOptions): (step: number) => number {
  checkNonNegative("exponential schedule", "lr0", lr0);
  checkPositive("exponential schedule", "gamma", gamma);
  checkPositive("exponential schedule", "stepSize", stepSize);
  return (step) => {
    checkStep("exponential schedule", step);
    const k = staircase ? Math.floor(step / stepSize) : step / stepSize;
    return lr0 * gamma ** k;
  };
}
