// 1-D Gaussian smoothing with the semantics of scipy.ndimage.gaussian_filter1d(x, sigma,
// mode="reflect", truncate=4.0), which MNIST-1D uses to make its correlated background noise.
// "reflect" is half-sample symmetric: (d c b a | a b c d | d c b a). The kernel and the summation
// order follow scipy (ndimage/_filters.py `_gaussian_kernel1d`, src/ni_filters.c NI_Correlate1D's
// symmetric branch), so results agree with scipy to the last bit or two.
import { pairwiseSum } from "./numpy-compat";

/**
 * The normalised Gaussian weights exp(−x²/(2σ²)) / Σ for x = −radius..radius (scipy's `_gaussian_kernel1d`, order 0).
 * @example
 * const w = data.gaussianKernel1d(1, 1);               // e^{−x²/2}/Σ for x = −1, 0, 1
 * const z = 1 + 2 * Math.exp(-0.5);
 * expect(w[0]).toBeCloseTo(Math.exp(-0.5) / z, 15);
 * expect(w[1]).toBeCloseTo(1 / z, 15);
 */
export function gaussianKernel1d(sigma: number, radius: number): Float64Array {
  if (!(sigma > 0)) throw new RangeError(`gaussianKernel1d: sigma must be positive (got ${sigma})`);
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError(`gaussianKernel1d: radius must be a non-negative integer (got ${radius})`);
  const factor = -0.5 / (sigma * sigma);
  const phi = new Float64Array(2 * radius + 1);
  for (let i = 0; i < phi.length; i++) {
    const x = i - radius;
    phi[i] = Math.exp(factor * (x * x));
  }
  const total = pairwiseSum(phi);
  for (let i = 0; i < phi.length; i++) phi[i] /= total;
  return phi;
}

/** Index into a signal of length n extended by half-sample reflection (scipy mode "reflect"). */
function reflectIndex(i: number, n: number): number {
  const period = 2 * n;
  let k = ((i % period) + period) % period;
  if (k >= n) k = period - 1 - k;
  return k;
}

/**
 * Smooths a 1-D signal like `scipy.ndimage.gaussian_filter(x, sigma)` (mode "reflect", truncate 4):
 * radius = int(truncate·σ + 0.5); each output is w₀·x[i] + Σ_{k=radius..1} w_k·(x[i−k] + x[i+k]).
 * @example
 * const y = data.gaussianFilter1d([0, 0, 1, 0, 0], 1);
 * // scipy.ndimage.gaussian_filter1d([0., 0, 1, 0, 0], 1)
 * const scipy = [0.05842298904073567, 0.24210527628121548, 0.39894346935609776, 0.24210527628121548, 0.05842298904073567];
 * y.forEach((v, i) => expect(v).toBeCloseTo(scipy[i], 15));
 */
export function gaussianFilter1d(x: ArrayLike<number>, sigma: number, truncate = 4): Float64Array {
  const radius = Math.trunc(truncate * sigma + 0.5);
  const weights = gaussianKernel1d(sigma, radius); // (2·radius + 1,)
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  for (let i = 0; i < n; i++) {
    let acc = x[i] * weights[radius];
    for (let k = radius; k >= 1; k--) {
      acc += (x[reflectIndex(i - k, n)] + x[reflectIndex(i + k, n)]) * weights[radius - k];
    }
    out[i] = acc;
  }
  return out;
}
