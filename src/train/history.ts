// What a training run leaves behind (fit.ts), the hook a callback gets after each epoch, and the
// error thrown when the loss stops being a number — kept apart from the loop so that callbacks
// (early-stopping.ts) and the loop import the same few types.

import type { Module } from "../nn/module";

/** One finished epoch. Epochs count from 1, as a progress bar shows them. */
export interface EpochLog {
  epoch: number;
  /** Mean training loss over the epoch's examples (each batch weighted by its size), in train mode. */
  trainLoss: number;
  /** Running means of the metrics over the epoch's training batches (train mode, as Keras reports them). */
  trainMetrics: Record<string, number>;
  /** Loss on the validation set after the epoch (eval mode, noGrad). */
  valLoss?: number;
  valMetrics?: Record<string, number>;
  /** Learning rate of the epoch's last step. */
  lr: number;
  seconds: number;
}

export interface History {
  epochs: EpochLog[];
  /** The loss of every optimizer step, in order (the per-step curve of the reference train.py). */
  stepLosses: number[];
  /** A callback ended training before the last epoch. */
  stoppedEarly: boolean;
  /**
   * The epoch with the best monitored value: set by EarlyStopping when one is used, otherwise the
   * epoch with the lowest valLoss (lowest trainLoss without validation); 0 when no epoch finished.
   */
  bestEpoch: number;
}

/** What a callback sees after each epoch. */
export interface CallbackContext {
  model: Module;
  history: History;
  /** The epoch just finished (the last entry of history.epochs). */
  log: EpochLog;
  /** Ends training after this epoch. */
  stop: () => void;
}

/** Hooks into fit(); both optional. */
export interface Callback {
  onEpochEnd?(context: CallbackContext): void;
  /** After the last epoch (or the early stop); may change the model and history.bestEpoch. */
  onTrainEnd?(context: { model: Module; history: History }): void;
}

/** The parameter whose gradient was not finite, and the first offending value. */
export interface NonFiniteGradient {
  /** `parameter "0.weight"` (its name in the model), or `parameter i of group g` when it has none. */
  parameter: string;
  value: number;
}

/**
 * The loss of a batch was NaN or ±Infinity, or the loss was finite but a gradient was not. Training
 * stopped before that batch's update; the history of the finished epochs and the step losses so far
 * (the failing one included) are attached.
 * @example
 * const model = new nn.Linear(1, 1);
 * const run = () => train.fit(model, {
 *   train: { x: tensor([[1]]), y: tensor([[1]]) }, loss: () => tensor(NaN), optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }),
 *   epochs: 1, batchSize: 1, progress: false,
 * });
 * expect(run).toThrow(train.TrainingDivergedError);
 * expect(run).toThrow(/the loss is NaN at epoch 1/);
 */
export class TrainingDivergedError extends Error {
  constructor(
    readonly loss: number,
    /** The epoch, counted from 1. */
    readonly epoch: number,
    /** The optimizer step of the whole run, counted from 0 (the number a schedule receives). */
    readonly step: number,
    readonly lr: number,
    readonly history: History,
    /** Set when the loss was finite and a gradient was not. */
    readonly gradient?: NonFiniteGradient,
  ) {
    const what = gradient === undefined
      ? `the loss is ${loss}`
      : `the loss is ${loss} but the gradient of ${gradient.parameter} has a ${gradient.value} entry`;
    super(`training diverged: ${what} at epoch ${epoch}, step ${step} of the run (epochs count from 1, steps from 0 as schedules see them; lr ${lr})`);
    this.name = "TrainingDivergedError";
  }
}
