// Performance scheduling (the notes' list, lecture 4): "every N steps check the validation error and
// divide α by a fixed λ when the error stops decreasing". The one schedule that needs memory (the best
// error so far, how long since it improved), so it is a small stateful object instead of a pure
// function; it still only returns a number — apply it with setLr(optimizer, lr).
// Semantics follow torch.optim.lr_scheduler.ReduceLROnPlateau in "min" mode: an observation improves
// when loss < best·(1 − threshold) ("rel") or loss < best − threshold ("abs"); after more than
// `patience` observations without improvement, lr ← max(lr·factor, minLr) (factor = 1/λ of the notes),
// then `cooldown` observations are ignored before counting again.

import { checkNonNegative } from "../optim/optimizer";

export interface PlateauOptions {
  /** The starting learning rate. */
  lr: number;
  /** Multiplier on a plateau (the notes' 1/λ); default 0.1. */
  factor?: number;
  /** Observations without improvement tolerated before reducing; default 10. */
  patience?: number;
  /** Minimum improvement that counts; default 1e-4. */
  threshold?: number;
  thresholdMode?: "rel" | "abs";
  /** Observations to wait after a reduction before counting bad ones again; default 0. */
  cooldown?: number;
  /** The learning rate never goes below this; default 0. */
  minLr?: number;
}

/**
 * Performance scheduling: multiplies lr by `factor` once the validation loss has not improved for more than `patience` observations.
 * @example
 * const plateau = new schedules.ReduceLROnPlateau({ lr: 1, factor: 0.5, patience: 1 });
 * expect(plateau.observe(1.0)).toBe(1);      // the best so far
 * expect(plateau.observe(1.0)).toBe(1);      // one observation without improvement: still patient
 * expect(plateau.observe(1.0)).toBe(0.5);    // two: lr halves
 * expect(plateau.observe(0.5)).toBe(0.5);    // improves again
 */
export class ReduceLROnPlateau {
  private currentLr: number;
  private best = Infinity;
  private badObservations = 0;
  private cooldownLeft = 0;
  private readonly factor: number;
  private readonly patience: number;
  private readonly threshold: number;
  private readonly thresholdMode: "rel" | "abs";
  private readonly cooldown: number;
  private readonly minLr: number;

  constructor({ lr, factor = 0.1, patience = 10, threshold = 1e-4, thresholdMode = "rel", cooldown = 0, minLr = 0 }: PlateauOptions) {
    const name = "ReduceLROnPlateau";
    checkNonNegative(name, "lr", lr);
    if (!(factor > 0 && factor < 1)) throw new Error(`${name}: factor must be a number in (0, 1), got ${factor}`);
    if (!Number.isInteger(patience) || patience < 0) throw new Error(`${name}: patience must be a non-negative integer, got ${patience}`);
    if (!Number.isInteger(cooldown) || cooldown < 0) throw new Error(`${name}: cooldown must be a non-negative integer, got ${cooldown}`);
    checkNonNegative(name, "threshold", threshold);
    checkNonNegative(name, "minLr", minLr);
    if (thresholdMode !== "rel" && thresholdMode !== "abs") throw new Error(`${name}: thresholdMode must be "rel" or "abs", got ${JSON.stringify(thresholdMode)}`);
    this.currentLr = lr;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLr = minLr;
  }

  /** The learning rate to use now. */
  get lr(): number {
    return this.currentLr;
  }

  /** Records one validation loss; returns the learning rate to use from now on. A NaN loss counts as no improvement. */
  observe(loss: number): number {
    if (typeof loss !== "number") throw new Error(`ReduceLROnPlateau.observe: loss must be a number, got ${String(loss)}`);
    const bar = this.thresholdMode === "rel" ? this.best * (1 - this.threshold) : this.best - this.threshold;
    if (loss < bar) {
      this.best = loss;
      this.badObservations = 0;
    } else {
      this.badObservations++;
    }
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.badObservations = 0;
    }
    if (this.badObservations > this.patience) {
      this.currentLr = Math.max(this.currentLr * this.factor, this.minLr);
      this.cooldownLeft = this.cooldown;
      this.badObservations = 0;
    }
    return this.currentLr;
  }
}
