// How the variance of activations and of gradients travels through a deep network at
// initialisation (lecture 3, Propozycja 1–3, the premise of Algorytm 2–4: He, Xavier/Glorot, LeCun).
// With β = 0 and Ω_k ~ N(0, σ²_Ω,k) i.i.d., the pre-activations f_k = Ω_k a[f_{k−1}] obey
//   forward:  σ²_{f_k}  = c · D_k · σ²_Ω,k · σ²_{f_{k−1}},       σ²_{f_0} = D_0 σ²_Ω,0 σ²_x,
//   backward: σ²_{g_{k−1}} = c · D_{k+1} · σ²_Ω,k · σ²_{g_k},     g_k = ∂L/∂f_k,
// with c = E[a(f)²]/σ²_f = E[a′(f)²] = ½ for ReLU (Propozycja 1 and 3: σ²_{f′} = ½ D_f σ²_Ω σ²_f),
// (1 + α²)/2 for LeakyReLU, 1 for the identity. Forward uses the fan-in D_k, backward the fan-out
// D_{k+1}: that is why He keeps one of them at 2/D and Glorot averages the two.
//
// Why these are exact expectations and not only approximations: each row of Ω_k is symmetric and
// independent of everything before it, so f_k is symmetric about 0 (Propozycja 1 applies without a
// Gaussian assumption), and flipping the sign of a row leaves Ω²_ij unchanged while swapping the
// ReLU's on/off state, which makes E[Ω²_ij·1[f_i>0]] = ½E[Ω²_ij] in the backward pass too.
//
// The measurement averages f² (or g²) over batch and units in one network, and repeats this over
// independent networks ("trials"); the interval comes from the spread across trials, because the
// entries of one network share its weights and are not independent samples.
//
// Deep networks: a trial's variance at layer k is a product of k random per-layer factors, so its
// distribution is heavy-tailed, the mean over a few trials is dominated by rare large ones, and the
// slope of log(mean variance) against depth is biased low (Jensen: E[log X] < log E[X]). The ratio of
// consecutive layers does not compound: growthFactor() averages ms(f_k)/ms(f_{k−1}) over trials, whose
// expectation is exactly c·D_k·σ²_Ω,k (given the earlier layers, Ω_k's rows are independent of them,
// E[ms(f_k) | h_{k−1}] = D_k σ²_Ω,k ms(h_{k−1}), and E[ms(h_{k−1}) / ms(f_{k−1})] = c by the sign flip of
// the rows of Ω_{k−1}); likewise for the backward ratios under the independence assumed above.
// Shapes: x is (B, D_0); Ω_k is (D_{k+1}, D_k) as in the notes, applied as f = h·Ω_kᵀ → (B, D_{k+1}).

import { RandomState } from "../data/random";
import { randn, zeros } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";
import { meanWithCI, type Estimate } from "./monte-carlo";

export type VarianceActivation = "relu" | "leakyRelu" | "linear";

export interface VariancePropagationOptions {
  /** Layer sizes [D_0 (input), D_1 … D_K (hidden), D_{K+1} (output)]. */
  sizes: number[];
  /** Weight variance σ²_Ω: one number for all layers or one per Ω_0 … Ω_K (e.g. He: 2/D_k). */
  weightVariance: number | number[];
  /** Activation between layers (default "relu"). */
  activation?: VarianceActivation;
  /** Slope for negative inputs of LeakyReLU (default 0.2, as in the notes' Definicja 2). */
  negativeSlope?: number;
  /** Variance σ²_x of the i.i.d. zero-mean normal inputs (default 1). */
  inputVariance?: number;
  /** Batch size B per network (default 64). */
  batch?: number;
  /** Independent networks drawn (default 200; per-trial values are skewed, so use hundreds). */
  trials?: number;
  /** Seed of the generator for weights, inputs and upstream gradients (default 0). */
  seed?: number;
  /**
   * Draws each Ω_k, a zero (D_{k+1}, D_k) tensor, in place from the generator given — e.g.
   * `(w, g) => init.heUniform_(w, { generator: g })`. Default: N(0, weightVariance). `predicted`
   * always comes from weightVariance, so a measurement tests that the initialiser has that variance.
   */
  init?: (weight: Tensor, generator: RandomState) => unknown;
}

/** Per-layer values for f_0 … f_K (forward) or g_0 … g_K (backward). */
export interface LayerVariances {
  /** Mean over trials of the mean square of the layer's entries. */
  measured: number[];
  /** Standard error of `measured` across trials. */
  standardError: number[];
  /** 95 % interval of `measured`. */
  ci95: [number, number][];
  /** The propositions' prediction. */
  predicted: number[];
  /** perTrial[k][t]: the mean square of layer k in trial t. */
  perTrial: Float64Array[];
}

export interface VariancePropagation {
  /** Variance of the pre-activations f_k = Ω_k a[f_{k−1}], k = 0 … K (f_K is the output). */
  forward: LayerVariances;
  /** Variance of the gradients ∂L/∂f_k for L = Σ r ⊙ f_K with r ~ N(0, 1), so σ²_{g_K} = 1. */
  backward: LayerVariances;
}

/**
 * c = E[a(f)²]/σ²_f = E[a′(f)²] for a symmetric zero-mean f.
 * @example
 * expect(theory.activationGain("relu")).toBe(0.5);
 * expect(theory.activationGain("leakyRelu", 0.2)).toBe(0.52);             // (1 + 0.2²)/2
 * expect(theory.activationGain("linear")).toBe(1);
 */
export function activationGain(activation: VarianceActivation, negativeSlope = 0.2): number {
  if (activation === "relu") return 0.5;
  if (activation === "leakyRelu") return (1 + negativeSlope * negativeSlope) / 2;
  if (activation === "linear") return 1;
  throw new Error(`activationGain: unknown activation ${JSON.stringify(activation)} (use "relu", "leakyRelu" or "linear")`);
}

/**
 * Predicted σ²_{f_k} (forward) and σ²_{g_k} (backward) for k = 0 … K, from the recursions above.
 * @example
 * // He initialisation σ²_Ω = 2/D_k keeps the forward variance: σ²_f0 = 4·½·1, then ½·8·¼·2 twice
 * const v = theory.predictedVariances({ sizes: [4, 8, 8, 1], weightVariance: [2 / 4, 2 / 8, 2 / 8] });
 * expect(v.forward).toEqual([2, 2, 2]);
 * expect(v.backward).toEqual([0.125, 0.125, 1]);                          // fan-out 1 then 8: ½·1·¼, ½·8·¼·⅛
 */
export function predictedVariances(options: VariancePropagationOptions): { forward: number[]; backward: number[] } {
  const { sizes, variances, gain, inputVariance } = checked(options);
  const layers = sizes.length - 1; // K + 1 weight matrices
  const forward = [sizes[0] * variances[0] * inputVariance];
  for (let k = 1; k < layers; k++) forward.push(gain * sizes[k] * variances[k] * forward[k - 1]);
  const backward = new Array<number>(layers);
  backward[layers - 1] = 1;
  for (let k = layers - 1; k >= 1; k--) backward[k - 1] = gain * sizes[k + 1] * variances[k] * backward[k];
  return { forward, backward };
}

/**
 * Draws `trials` networks, runs a batch forward and backward (autograd), and measures every layer.
 * @example
 * const sim = theory.simulateVariancePropagation({ sizes: [20, 20, 20], weightVariance: 2 / 20, trials: 200, batch: 16, seed: 0 });
 * // measured over 200 random networks, predicted by Propozycja 3: the intervals hold the predictions
 * sim.forward.ci95.forEach(([lo, hi], k) => expect(lo <= sim.forward.predicted[k] && sim.forward.predicted[k] <= hi).toBe(true));
 * expect(sim.forward.predicted).toEqual([2, 2]);
 */
export function simulateVariancePropagation(options: VariancePropagationOptions): VariancePropagation {
  const { sizes, variances, inputVariance, activation, negativeSlope } = checked(options);
  const batch = options.batch ?? 64;
  const trials = options.trials ?? 200;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`simulateVariancePropagation: batch must be a positive integer (got ${batch})`);
  if (!Number.isInteger(trials) || trials < 2) throw new Error(`simulateVariancePropagation: trials must be an integer ≥ 2 (got ${trials})`);
  const generator = new RandomState(options.seed ?? 0);
  const layers = sizes.length - 1;
  const act = (f: Tensor): Tensor => {
    if (activation === "relu") return f.relu();
    if (activation === "leakyRelu") return f.maximum(f.mul(negativeSlope));
    return f;
  };
  const forwardSamples = Array.from({ length: layers }, () => new Float64Array(trials));
  const backwardSamples = Array.from({ length: layers }, () => new Float64Array(trials));
  for (let t = 0; t < trials; t++) {
    const x = randn([batch, sizes[0]], { generator }).mul(Math.sqrt(inputVariance)); // (B, D_0)
    const pre: Tensor[] = [];
    let h = x;
    for (let k = 0; k < layers; k++) {
      const omega = drawWeight(sizes[k + 1], sizes[k], variances[k], generator, options.init); // (D_{k+1}, D_k)
      if (k === 0) omega.requiresGrad_(true); // so that every f_k records its graph
      const f = h.matmul(omega.T).retainGrad(); // (B, D_{k+1}); β_k = 0
      pre.push(f);
      h = k + 1 < layers ? act(f) : f;
    }
    const r = randn([batch, sizes[layers]], { generator }); // (B, D_{K+1}) upstream gradient ∂L/∂f_K
    h.mul(r).sum().backward();
    for (let k = 0; k < layers; k++) {
      forwardSamples[k][t] = meanSquare(pre[k].toArray());
      const g = pre[k].grad;
      if (g === null) throw new Error(`simulateVariancePropagation: no gradient reached layer ${k}`);
      backwardSamples[k][t] = meanSquare(g.toArray());
    }
  }
  const predicted = predictedVariances(options);
  return { forward: summarise(forwardSamples, predicted.forward), backward: summarise(backwardSamples, predicted.backward) };
}

/** Ω ~ N(0, variance) drawn row-major, or filled by the caller's initialiser. */
function drawWeight(rows: number, cols: number, variance: number, generator: RandomState, init: VariancePropagationOptions["init"]): Tensor {
  if (init === undefined) return randn([rows, cols], { generator }).mul(Math.sqrt(variance));
  const omega = zeros([rows, cols]);
  init(omega, generator);
  return omega;
}

function summarise(samples: Float64Array[], predicted: number[]): LayerVariances {
  const estimates = samples.map((s) => meanWithCI(s));
  return {
    measured: estimates.map((e) => e.mean),
    standardError: estimates.map((e) => e.standardError),
    ci95: estimates.map((e) => e.ci95),
    predicted,
    perTrial: samples,
  };
}

/**
 * The per-layer factor by which the variance grows, with its Monte-Carlo interval: over trials, the
 * mean over `layers` of ms(f_k)/ms(f_{k−1}) (forward) or ms(g_{k−1})/ms(g_k) (backward, from the output
 * towards the input), k ≥ 1. Its expectation is the propositions' c·D·σ²_Ω of each of those layers (see
 * the header), so pass layers that share one predicted factor. Trials are independent, so the interval
 * is the usual mean ± 1.96·SE over them.
 * @example
 * const sizes = [20, ...Array(8).fill(40), 5];
 * const r = theory.simulateVariancePropagation({ sizes, weightVariance: 1 / 40, trials: 40, seed: 1 });
 * const factor = theory.growthFactor(r.forward, [2, 3, 4, 5, 6, 7], "forward");   // LeCun with ReLU: ½·40·(1/40)
 * expect(Math.abs(factor.mean - 0.5)).toBeLessThan(4 * factor.standardError);
 */
export function growthFactor(side: LayerVariances, layers: number[], direction: "forward" | "backward"): Estimate {
  const samples = side.perTrial;
  if (layers.length === 0) throw new Error("growthFactor: no layers given");
  for (const k of layers) {
    if (!Number.isInteger(k) || k < 1 || k >= samples.length) {
      throw new Error(`growthFactor: layer ${k} has no predecessor among layers 0…${samples.length - 1} (need 1 ≤ k ≤ ${samples.length - 1})`);
    }
  }
  if (direction !== "forward" && direction !== "backward") throw new Error(`growthFactor: direction must be "forward" or "backward" (got ${JSON.stringify(direction)})`);
  const trials = samples[0].length;
  const perTrial = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (const k of layers) sum += direction === "forward" ? samples[k][t] / samples[k - 1][t] : samples[k - 1][t] / samples[k][t];
    perTrial[t] = sum / layers.length;
  }
  return meanWithCI(perTrial);
}

// E[f] = 0 is known (Propozycja 2), so the variance is the mean square about 0.
function meanSquare(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return s / values.length;
}

function checked(options: VariancePropagationOptions) {
  const { sizes } = options;
  if (!Array.isArray(sizes) || sizes.length < 2) throw new Error(`variance propagation: sizes needs at least input and output sizes (got ${JSON.stringify(sizes)})`);
  sizes.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1) throw new Error(`variance propagation: sizes[${i}] must be a positive integer (got ${d})`);
  });
  const layers = sizes.length - 1;
  const wv = options.weightVariance;
  const variances = typeof wv === "number" ? new Array<number>(layers).fill(wv) : wv;
  if (variances.length !== layers) throw new Error(`variance propagation: need ${layers} weight variances, one per Ω_k (got ${variances.length})`);
  variances.forEach((v, k) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new Error(`variance propagation: weightVariance[${k}] must be positive and finite (got ${v})`);
  });
  const inputVariance = options.inputVariance ?? 1;
  if (!(inputVariance > 0) || !Number.isFinite(inputVariance)) throw new Error(`variance propagation: inputVariance must be positive (got ${inputVariance})`);
  const activation = options.activation ?? "relu";
  const negativeSlope = options.negativeSlope ?? 0.2;
  const gain = activationGain(activation, negativeSlope);
  return { sizes, variances, inputVariance, activation, negativeSlope, gain };
}
