// The in-place fills every initialiser is built from. They write under noGrad (a parameter requires
// a gradient, and an in-place write must not be recorded) and draw in row-major order from the
// `generator` option or the default generator, so manualSeed(s) makes an initialisation reproducible.

import { noGrad } from "../autograd/engine";
import type { RandomState } from "../data/random";
import { defaultGenerator } from "../tensor/random";
import { tensor } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";

export interface GeneratorOption {
  /** A generator of its own; the default generator (seeded by manualSeed) otherwise. */
  generator?: RandomState;
}

function fillFrom(t: Tensor, draw: () => number): Tensor {
  const values = new Float64Array(t.numel());
  for (let i = 0; i < values.length; i++) values[i] = draw();
  noGrad(() => t.copy_(tensor(values, { dtype: t.dtype }).reshape([...t.shape])));
  return t;
}

/**
 * Fills `t` with U(low, high) draws, in place.
 * @example
 * const w = init.uniform_(zeros([2]), -1, 1, { generator: new RandomState(0) });
 * // NumPy: np.random.RandomState(0).uniform(-1, 1, 2)
 * expect(w.tolist()).toEqual([0.0976270078546495, 0.43037873274483895]);
 */
export function uniform_(t: Tensor, low = 0, high = 1, options: GeneratorOption = {}): Tensor {
  if (!(low <= high)) throw new RangeError(`uniform_: low ${low} must not exceed high ${high}`);
  const g = options.generator ?? defaultGenerator();
  return fillFrom(t, () => low + (high - low) * g.randomSample());
}

/**
 * Fills `t` with N(mean, std²) draws, in place.
 * @example
 * const w = init.normal_(zeros([2]), 0, 0.5, { generator: new RandomState(0) });
 * // NumPy: 0.5 * np.random.RandomState(0).randn(2)
 * expect(w.tolist()).toEqual([0.882026172983832, 0.20007860418361165]);
 */
export function normal_(t: Tensor, mean = 0, std = 1, options: GeneratorOption = {}): Tensor {
  if (!(std >= 0)) throw new RangeError(`normal_: std must be non-negative (got ${std})`);
  const g = options.generator ?? defaultGenerator();
  return fillFrom(t, () => mean + std * g.standardNormal());
}

/**
 * Fills `t` with `value`, in place.
 * @example
 * expect(init.constant_(zeros([2, 2]), 0.1).tolist()).toEqual([[0.1, 0.1], [0.1, 0.1]]);
 */
export function constant_(t: Tensor, value: number): Tensor {
  noGrad(() => t.fill_(value));
  return t;
}

/**
 * Fills `t` with zeros, in place.
 * @example
 * expect(init.zeros_(ones([3])).tolist()).toEqual([0, 0, 0]);
 */
export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

/**
 * Fills `t` from N(0, σ²) or from U(−r, r) with r = √(3σ²) — the uniform with the same variance
 * (Var U(−r, r) = r²/3), as the notes prescribe for Xavier and LeCun.
 */
export function fillWithVariance(t: Tensor, variance: number, distribution: "normal" | "uniform", options: GeneratorOption): Tensor {
  if (distribution === "normal") return normal_(t, 0, Math.sqrt(variance), options);
  const r = Math.sqrt(3 * variance);
  return uniform_(t, -r, r, options);
}
