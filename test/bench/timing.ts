// Timing helpers for the benchmarks: warm up first (V8 tiers up WASM and JS only after some calls),
// then take the median of repeated runs within a time budget.

/** Median seconds per call of `fn`, after `warmup` calls, over at least `minRuns` runs or `budget` seconds. */
export function medianSeconds(fn: () => void, { warmup = 3, minRuns = 5, maxRuns = 200, budget = 1 }: { warmup?: number; minRuns?: number; maxRuns?: number; budget?: number } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (times.length < maxRuns && performance.now() - start < budget * 1000)) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
