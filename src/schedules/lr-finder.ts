// The LR range test; Smith 2017 ("Cyclical learning rates for training neural networks", section
// 3.3), in the form fastai popularised. The notes' recipe for choosing a constant α (lecture 4):
// start with a very small α, multiply it by a constant each step, watch the loss fall and then rise,
// and take α 10 times smaller than where it starts to rise.
//
// Precisely, here:
//   1) lrᵢ = minLr·(maxLr/minLr)^{i/(steps−1)}, i = 0 … steps−1 (a constant factor per step);
//   2) step i takes one optimizer step with lrᵢ, then evaluates one batch: losses[i] is the loss *after*
//      the step with lrᵢ, so it shows that lr's effect (fastai pairs it with the loss before, one step
//      earlier);
//   3) the curve is smoothed by a bias-corrected moving average,
//      aᵢ = s·aᵢ₋₁ + (1−s)·rawᵢ (a₋₁ = 0),  lossesᵢ = aᵢ/(1 − s^{i+1})   (s = smoothing; 0 = raw);
//   4) "where the loss starts to rise" is the lr at the minimum of the smoothed curve; the suggestion
//      is that lr / 10;
//   5) the test stops early once the smoothed loss exceeds divergenceFactor (4) × the best so far, or
//      is not finite — a diverged loss (assumes a non-negative loss, as every usual one is).
// Afterwards the parameters get their values and gradients back, so the test leaves the model as it
// found it; the optimizer it built is discarded.
// Example in closed form: plain GD on ½·h·x² multiplies x by (1 − lr·h), so the loss falls while
// lr < 2/h and rises after; with smoothing 0 the minimum is the last lrᵢ below 2/h.

import { noGrad } from "../autograd/engine";
import type { Tensor } from "../tensor/tensor";
import { setLr, type Optimizer } from "../optim/optimizer";
import { checkPositive } from "./check";

export interface LrFinderOptions {
  params: Tensor[];
  /** One batch's loss (a scalar tensor) at the current parameters; the caller cycles through batches. */
  lossFn: () => Tensor;
  /** Builds a fresh optimizer over params (its lr is overwritten every step). */
  makeOptimizer: (params: Tensor[]) => Optimizer;
  /** Default 1e-7. */
  minLr?: number;
  /** Default 10. */
  maxLr?: number;
  /** Number of learning rates tried; default 100. */
  steps?: number;
  /** s of the moving average, in [0, 1); default 0.98 (fastai). */
  smoothing?: number;
  /** Stop when the smoothed loss exceeds this multiple of the best; default 4. */
  divergenceFactor?: number;
}

export interface LrFinderResult {
  /** The learning rates tried (fewer than steps when the loss diverged). */
  lrs: number[];
  /** The smoothed loss after the step with each lr. */
  losses: number[];
  /** The same, unsmoothed. */
  rawLosses: number[];
  /** Index of the smallest smoothed loss. */
  minIndex: number;
  /** lrs[minIndex] / 10. */
  suggestedLr: number;
  /** Whether the test stopped early on a diverging loss. */
  diverged: boolean;
}

/**
 * The LR range test: one optimizer step per learning rate, growing geometrically; suggests a tenth of the lr with the smallest loss.
 * @example
 * // Plain GD on ½x² multiplies x by (1 − lr), so the loss falls while lr < 2 and rises after.
 * const x = tensor([1], { requiresGrad: true });
 * const r = schedules.lrFinder({
 *   params: [x], lossFn: () => x.square().mul(0.5).sum(),
 *   makeOptimizer: (ps) => new optim.SGD(ps, { lr: 0 }),
 *   minLr: 1e-3, maxLr: 10, steps: 31, smoothing: 0,
 * });
 * expect(r.lrs[r.minIndex]).toBeCloseTo(10 ** 0.2, 12);   // 1e-3·10^(4·24/30), the last lr below 2
 * expect(r.lrs[r.minIndex + 1]).toBeGreaterThan(2);
 * expect(r.suggestedLr).toBeCloseTo(10 ** 0.2 / 10, 12);
 * expect(x.item()).toBe(1);                                // the parameters are given back
 */
export function lrFinder({ params, lossFn, makeOptimizer, minLr = 1e-7, maxLr = 10, steps = 100, smoothing = 0.98, divergenceFactor = 4 }: LrFinderOptions): LrFinderResult {
  const name = "lrFinder";
  checkPositive(name, "minLr", minLr);
  checkPositive(name, "maxLr", maxLr);
  if (maxLr <= minLr) throw new Error(`${name}: maxLr must be larger than minLr, got minLr ${minLr}, maxLr ${maxLr}`);
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`${name}: steps must be an integer ≥ 2, got ${steps}`);
  if (!(smoothing >= 0 && smoothing < 1)) throw new Error(`${name}: smoothing must be a number in [0, 1), got ${smoothing}`);
  checkPositive(name, "divergenceFactor", divergenceFactor);
  if (params.length === 0) throw new Error(`${name}: got an empty parameter list`);

  const savedValues = noGrad(() => params.map((p) => p.clone()));
  const savedGrads = params.map((p) => p.grad);
  const evaluate = (): number => {
    for (const p of params) p.grad = null;
    const loss = lossFn();
    if (loss.numel() !== 1) throw new Error(`${name}: lossFn must return a scalar loss, got shape [${loss.shape.join(", ")}]`);
    loss.backward();
    return loss.item();
  };

  const lrs: number[] = [];
  const losses: number[] = [];
  const rawLosses: number[] = [];
  let diverged = false;
  try {
    const optimizer = makeOptimizer(params);
    evaluate(); // gradients at the starting point
    let average = 0;
    let best = Infinity;
    for (let i = 0; i < steps; i++) {
      const lr = minLr * (maxLr / minLr) ** (i / (steps - 1)); // 1) a constant factor per step
      setLr(optimizer, lr);
      optimizer.step();
      const raw = evaluate(); // 2) the loss after the step with lr
      average = smoothing * average + (1 - smoothing) * raw; // 3) smoothed, bias-corrected
      const smoothed = average / (1 - smoothing ** (i + 1));
      lrs.push(lr);
      rawLosses.push(raw);
      losses.push(smoothed);
      if (!Number.isFinite(smoothed) || smoothed > divergenceFactor * best) { // 5) diverged
        diverged = true;
        break;
      }
      best = Math.min(best, smoothed);
    }
  } finally {
    noGrad(() => params.forEach((p, i) => p.copy_(savedValues[i])));
    params.forEach((p, i) => (p.grad = savedGrads[i]));
  }

  let minIndex = 0; // 4) the minimum of the smoothed curve (NaN never wins)
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[minIndex]) minIndex = i;
  return { lrs, losses, rawLosses, minIndex, suggestedLr: lrs[minIndex] / 10, diverged };
}
