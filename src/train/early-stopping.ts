// Algorytm 18 — early stopping. The notes stop "when the training error reaches a fixed value", so
// that the weights do not grow large and the network does not overfit; in practice one watches the
// validation loss and stops when it has not improved for `patience` epochs, then returns to the
// best weights (Goodfellow, Bengio & Courville 2016, §7.8; Keras's EarlyStopping). Both are here:
// `stopAt` is the notes' fixed value, `patience` the validation rule.

import type { StateDict } from "../nn/module";
import type { Callback, CallbackContext, EpochLog, History } from "./history";
import type { Module } from "../nn/module";

/** "valLoss", "trainLoss", or a metric as "val.<name>" / "train.<name>" (e.g. "val.accuracy"). */
export type Monitor = "valLoss" | "trainLoss" | `val.${string}` | `train.${string}`;

export interface EarlyStoppingOptions {
  /** What to watch (default "valLoss"). */
  monitor?: Monitor;
  /** "min" for losses, "max" for metrics such as accuracy (default: "min" for *Loss, else "max"). */
  mode?: "min" | "max";
  /** Stop after this many epochs in a row without improvement (default 5; Keras's rule). */
  patience?: number;
  /** An improvement must beat the best value by more than this (default 0). */
  minDelta?: number;
  /** Stop as soon as the monitored value reaches this (the notes' fixed value); optional. */
  stopAt?: number;
  /** Copy the best epoch's stateDict back into the model at the end (default true). */
  restoreBest?: boolean;
}

function monitored(log: EpochLog, monitor: Monitor): number {
  let value: number | undefined;
  if (monitor === "valLoss") value = log.valLoss;
  else if (monitor === "trainLoss") value = log.trainLoss;
  else if (monitor.startsWith("val.")) value = log.valMetrics?.[monitor.slice(4)];
  else if (monitor.startsWith("train.")) value = log.trainMetrics[monitor.slice(6)];
  else throw new Error(`EarlyStopping: monitor must be "valLoss", "trainLoss", "val.<metric>" or "train.<metric>" (got "${monitor}")`);
  if (value === undefined) {
    throw new Error(`EarlyStopping: epoch ${log.epoch} has no "${monitor}" (is a validation set or that metric passed to fit?)`);
  }
  return value;
}

/**
 * @example
 * const stopper = new train.EarlyStopping({ patience: 2 });
 * expect(stopper.patience).toBe(2);
 */
export class EarlyStopping implements Callback {
  readonly monitor: Monitor;
  readonly mode: "min" | "max";
  readonly patience: number;
  readonly minDelta: number;
  readonly stopAt: number | undefined;
  readonly restoreBest: boolean;
  /** Best monitored value so far and its epoch (1-based; 0 before the first epoch). */
  best = NaN;
  bestEpoch = 0;
  private bestState: StateDict | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    this.monitor = options.monitor ?? "valLoss";
    this.mode = options.mode ?? (this.monitor.endsWith("Loss") ? "min" : "max");
    if (this.mode !== "min" && this.mode !== "max") throw new Error(`EarlyStopping: mode must be "min" or "max" (got "${this.mode}")`);
    this.patience = options.patience ?? 5;
    if (!Number.isInteger(this.patience) || this.patience < 1) throw new RangeError(`EarlyStopping: patience must be a positive integer (got ${this.patience})`);
    this.minDelta = options.minDelta ?? 0;
    if (!(this.minDelta >= 0)) throw new RangeError(`EarlyStopping: minDelta must be a non-negative number (got ${this.minDelta})`);
    this.stopAt = options.stopAt;
    if (this.stopAt !== undefined && !Number.isFinite(this.stopAt)) throw new RangeError(`EarlyStopping: stopAt must be a finite number (got ${this.stopAt})`);
    this.restoreBest = options.restoreBest ?? true;
  }

  private improves(value: number): boolean {
    if (this.bestEpoch === 0) return true;
    return this.mode === "min" ? value < this.best - this.minDelta : value > this.best + this.minDelta;
  }

  onEpochEnd({ model, log, stop }: CallbackContext): void {
    const value = monitored(log, this.monitor);
    if (this.improves(value)) {
      this.best = value;
      this.bestEpoch = log.epoch;
      if (this.restoreBest) this.bestState = model.stateDict();
    }
    const reached = this.stopAt !== undefined && (this.mode === "min" ? value <= this.stopAt : value >= this.stopAt);
    if (reached || log.epoch - this.bestEpoch >= this.patience) stop();
  }

  onTrainEnd({ model, history }: { model: Module; history: History }): void {
    if (this.bestEpoch === 0) return;
    history.bestEpoch = this.bestEpoch;
    if (this.restoreBest && this.bestState !== null) model.loadStateDict(this.bestState);
  }
}
