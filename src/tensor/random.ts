// The library-wide default generator behind rand/randn. It starts from seed 0 (so a notebook that
// never seeds is still reproducible) and manualSeed(s) resets it, like torch.manual_seed.

import { RandomState } from "../data/random";

let generator = new RandomState(0);

/**
 * Re-seeds the default generator; the same seed gives the same bits on every machine.
 * @example
 * manualSeed(0);
 * const a = rand(3);
 * manualSeed(0);
 * expect(rand(3).tolist()).toEqual(a.tolist());      // the same seed gives the same bits
 * expect(a.tolist()[0]).toBe(0.5488135039273248);     // NumPy: np.random.seed(0); np.random.rand()
 */
export function manualSeed(seed: number): void {
  generator = new RandomState(seed);
}

export function defaultGenerator(): RandomState {
  return generator;
}
