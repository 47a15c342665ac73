// Power scheduling (the notes' list, lecture 4; Géron, Hands-On ML, ch. 11; Darken & Moody 1990):
//   α(t) = α(0) / (1 + t/s)^c
// s is the number of steps over which α halves (for c = 1); c = 1 in practice (the notes).

import { checkNonNegative } from "../optim/optimizer";
import { checkPositive, checkStep } from "./check";

export interface PowerOptions {
  /** α(0) */
  lr0: number;
  /** s: steps per "unit" of decay. */
  s: number;
  /** c: the exponent; default 1. */
  c?: number;
}

/**
 * step ↦ α(0)/(1 + step/s)^c.
 * @example
 * const lr = schedules.power({ lr0: 0.1, s: 10 });
 * expect(lr(0)).toBe(0.1);
 * expect(lr(10)).toBe(0.05);                 // halved after s steps (c = 1)
 * expect(lr(30)).toBe(0.025);
 */
export function power({ lr0, s, c = 1 }: PowerOptions): (step: number) => number {
  checkNonNegative("power schedule", "lr0", lr0);
  checkPositive("power schedule", "s", s);
  checkNonNegative("power schedule", "c", c);
  return (step) => {
    checkStep("power schedule", step);
    return lr0 / (1 + step / s) ** c;
  };
}
