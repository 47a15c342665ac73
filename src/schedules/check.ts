// Argument checks shared by the schedules, so every one rejects a bad step or rate with the same
// kind of message: `power schedule: step must be a non-negative integer, got -1`. A rate that may be
// zero goes through checkNonNegative of optim/optimizer.ts, the optimizers' own check, so a learning
// rate is refused with the same words wherever it is given.

export function checkStep(name: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new Error(`${name}: step must be a non-negative integer, got ${step}`);
}

export function checkPositive(name: string, key: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new Error(`${name}: ${key} must be a positive number, got ${value}`);
}
