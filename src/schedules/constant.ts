// The "constant" schedule of the notes' list (lecture 4): one α for the whole run, chosen with the LR
// range test (lr-finder.ts). Here for uniformity: every schedule is a pure function step → lr.

import { checkNonNegative } from "../optim/optimizer";
import { checkStep } from "./check";

/**
 * step ↦ lr, the same at every step.
 * @example
 * const lr = schedules.constant(0.01);
 * expect([lr(0), lr(1000)]).toEqual([0.01, 0.01]);
 */
export function constant(lr: number): (step: number) => number {
  checkNonNegative("constant schedule", "lr", lr);
  return (step) => {
    checkStep("constant schedule", step);
    return lr;
  };
}
