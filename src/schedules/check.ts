// Argument checks shared by the schedules, so every one rejects a bad step or rate with the same
// kind of message: `power schedule: step must be a non-negative integer, got -1`.

export function checkStep(name: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new Error(`${name}: step must be a non-negative integer, got ${step}`);
}

export function checkPositive(name: string, key: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new Error(`${name}: ${key} must be a positive number, got ${value}`);
}

export function checkNonNegative(name: string, key: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`${name}: ${key} must be a non-negative number, got ${value}`);
}
