// Algorytm 22 — applying noise. Input noise: x + σ·z with z ~ N(0, 1) drawn fresh, which smooths the
// learned function (Bishop 1995: training with noise ≈ Tikhonov regularisation). Label noise: a
// fixed share of the training labels replaced by random classes — the notes' "ρ% of the correct
// labels replaced by random other ones", and the noisy MNIST-1D of the double-descent experiment
// (Nakkiran et al. 2019; Prince, Understanding Deep Learning §8.4). The label-smoothing form of
// Algorytm 22 is losses.crossEntropy's labelSmoothing option.

import type { RandomState } from "../data/random";
import { randn } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";

/**
 * x + σ·z, a new tensor of x's dtype and shape; z is drawn in row-major order with
 * generator.standardNormal(), so it equals NumPy's `x + sigma * rs.randn(*x.shape)` (the sum is
 * formed in float64 and rounded once to x's dtype). Differentiable in x, like PyTorch's x + noise.
 * @example
 * const x = zeros([2, 3]);
 * const noisy = train.addInputNoise(x, 0.5, new RandomState(0));
 * expect(noisy.shape).toEqual([2, 3]);
 * expect(noisy.tolist()[0][0]).toBeCloseTo(0.5 * 1.764052345967664, 12);
 */
export function addInputNoise(x: Tensor, sigma: number, generator: RandomState): Tensor {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`addInputNoise: sigma must be a finite non-negative number (got ${sigma})`);
  const noise = randn(x.shape, { generator }).mul(sigma); // x's shape, float64
  return x.add(noise).to(x.dtype);
}

export interface LabelNoiseOptions {
  /**
   * false (default): a picked label gets randint(0, numClasses), which keeps the true class with
   * probability 1/numClasses — as Zhang et al. 2017, the MNIST-1D generator and the double-descent
   * experiment do. true: a uniformly random *other* class (the notes' wording): randint(0,
   * numClasses − 1), shifted up by one when it is ≥ the true label.
   */
  differentClass?: boolean;
}

export interface NoisyLabels {
  /** A copy of y with the picked labels replaced. */
  y: Int32Array;
  /** The picked indices, in the order they were drawn. */
  noisyIndices: Int32Array;
}

/**
 * Picks exactly k = round(fraction·n) labels, generator.permutation(n)[:k], and in that order
 * draws a new class for each from the same generator (see LabelNoiseOptions). With the default
 * options and generator RandomState(s) this is the MNIST-1D generator's labelNoise with
 * labelNoiseSeed s.
 * @example
 * const y = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 * const noisy = train.addLabelNoise(y, 0.3, 10, new RandomState(0), { differentClass: true });
 * expect(noisy.noisyIndices.length).toBe(3);
 * for (const i of noisy.noisyIndices) expect(noisy.y[i]).not.toBe(y[i]);
 */
export function addLabelNoise(y: Int32Array, fraction: number, numClasses: number, generator: RandomState, options: LabelNoiseOptions = {}): NoisyLabels {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`addLabelNoise: fraction must lie in [0, 1] (got ${fraction})`);
  const differentClass = options.differentClass ?? false;
  if (!Number.isInteger(numClasses) || numClasses < (differentClass ? 2 : 1)) {
    throw new RangeError(`addLabelNoise: numClasses must be an integer ≥ ${differentClass ? 2 : 1} (got ${numClasses})`);
  }
  y.forEach((label, i) => {
    if (label < 0 || label >= numClasses) throw new RangeError(`addLabelNoise: label ${label} at index ${i} is out of range for ${numClasses} classes`);
  });
  const out = y.slice();
  const count = Math.round(fraction * y.length);
  if (count === 0) return { y: out, noisyIndices: new Int32Array(0) };
  const picked = generator.permutation(y.length).slice(0, count);
  for (const i of picked) {
    if (differentClass) {
      const r = generator.randint(0, numClasses - 1, 1)[0];
      out[i] = r >= y[i] ? r + 1 : r;
    } else {
      out[i] = generator.randint(0, numClasses, 1)[0];
    }
  }
  return { y: out, noisyIndices: picked };
}
