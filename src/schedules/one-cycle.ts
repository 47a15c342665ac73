// 1cycle scheduling (the notes' list, lecture 4); Smith 2018 ("A disciplined approach to neural
// network hyper-parameters"), Smith & Topin 2019. The step grid follows torch.optim.lr_scheduler.OneCycleLR:
//   1) warm-up, steps 0 … e₁ with e₁ = warmupFraction·totalSteps − 1: from initialLr up to maxLr;
//   2) annealing, steps e₁ … totalSteps − 1: from maxLr down to finalLr.
// Each phase interpolates with pct ∈ [0, 1] either linearly, (1 − pct)·a + pct·b (anneal "linear", the
// notes' and Smith's form), or along a half cosine, b + (a − b)·(1 + cos(π·pct))/2 (anneal "cos",
// PyTorch's default) — the same shape is used in both phases, as in PyTorch.
// Defaults follow the notes: half the run warms up, initialLr = maxLr/10 ("α0 10 razy mniejsze niż
// α1"), and the end is "a few orders of magnitude" below α0: finalLr = initialLr/1e4 (PyTorch's
// final_div_factor). The linear form is written (1−pct)·a + pct·b, not a + (b−a)·pct, so the last step
// is finalLr to the last bit instead of 1 + (1e-5 − 1) with its cancellation. maxLr is chosen with the LR range test (lr-finder.ts).

import { checkNonNegative } from "../optim/optimizer";
import { checkPositive } from "./check";

export interface OneCycleOptions {
  maxLr: number;
  totalSteps: number;
  /** Fraction of the run spent warming up; default 0.5 (the notes). */
  warmupFraction?: number;
  /** Default maxLr/10. */
  initialLr?: number;
  /** Default initialLr/1e4. */
  finalLr?: number;
  /** Default "linear". */
  anneal?: "linear" | "cos";
}

/**
 * 1cycle: lr rises from initialLr to maxLr over the first warmupFraction of the run, then falls to finalLr.
 * @example
 * const lr = schedules.oneCycle({ maxLr: 1, totalSteps: 10 });   // warm up over steps 0–4, anneal over 4–9
 * expect(lr(0)).toBeCloseTo(0.1, 15);        // initialLr = maxLr/10
 * expect(lr(2)).toBeCloseTo(0.55, 15);       // half-way up
 * expect(lr(4)).toBe(1);
 * expect(lr(9)).toBeCloseTo(1e-5, 20);       // finalLr = initialLr/1e4
 */
export function oneCycle({ maxLr, totalSteps, warmupFraction = 0.5, initialLr = maxLr / 10, finalLr = initialLr / 1e4, anneal = "linear" }: OneCycleOptions): (step: number) => number {
  const name = "oneCycle schedule";
  checkPositive(name, "maxLr", maxLr);
  checkNonNegative(name, "initialLr", initialLr);
  checkNonNegative(name, "finalLr", finalLr);
  if (!Number.isInteger(totalSteps) || totalSteps < 2) throw new Error(`${name}: totalSteps must be an integer ≥ 2, got ${totalSteps}`);
  if (anneal !== "linear" && anneal !== "cos") throw new Error(`${name}: anneal must be "linear" or "cos", got ${JSON.stringify(anneal)}`);
  const warmupEnd = warmupFraction * totalSteps - 1; // e₁, the step at which lr = maxLr
  const last = totalSteps - 1;
  if (!(warmupEnd > 0 && warmupEnd < last)) {
    throw new Error(`${name}: warmupFraction must leave at least one step in each phase (0 < fraction·totalSteps − 1 < totalSteps − 1), got warmupFraction ${warmupFraction} with totalSteps ${totalSteps}`);
  }
  const interpolate = (a: number, b: number, pct: number): number =>
    anneal === "linear" ? (1 - pct) * a + pct * b : b + ((a - b) * (1 + Math.cos(Math.PI * pct))) / 2;
  return (step) => {
    if (!Number.isInteger(step) || step < 0 || step > last) {
      throw new Error(`${name}: step must be an integer in [0, ${last}] (totalSteps ${totalSteps}), got ${step}`);
    }
    // 1) warm-up
    if (step <= warmupEnd) return interpolate(initialLr, maxLr, step / warmupEnd);
    // 2) annealing
    return interpolate(maxLr, finalLr, (step - warmupEnd) / (last - warmupEnd));
  };
}
