// Algorytm 20 — Dropout; Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov 2014. In training
// each element is zeroed with probability p (a fresh mask at every call, from a generator).
//   mode "inverted" (default, as PyTorch): survivors are scaled by 1/(1 − p) in training, so the
//     expected activation is unchanged and inference is the identity;
//   mode "weight-scaling" (the notes' and the paper's variant): no scaling in training; at inference
//     the output is multiplied by the keep probability 1 − p — the same as multiplying the next
//     layer's weights by 1 − p.
// mcDropoutPredict is the notes' Monte Carlo dropout (Gal & Ghahramani 2016): keep dropout on at
// prediction time and average many stochastic forward passes.

import { Module } from "./module";
import type { RandomState } from "../data/random";
import { noGrad } from "../autograd/engine";
import { add, div, mul, sub } from "../autograd/ops";
import { rand } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";

export type DropoutMode = "inverted" | "weight-scaling";

export interface DropoutOptions {
  /** Apply the random mask (default true for the function, the module's `training` for Dropout). */
  training?: boolean;
  mode?: DropoutMode;
  generator?: RandomState;
}

function checkP(p: number): void {
  if (!(p >= 0 && p < 1)) throw new RangeError(`dropout: p must lie in [0, 1) (got ${p})`);
}

function checkMode(mode: string): void {
  if (mode !== "inverted" && mode !== "weight-scaling") throw new RangeError(`dropout: mode must be "inverted" or "weight-scaling" (got ${JSON.stringify(mode)})`);
}

/**
 * x·m with m ∈ {0, s} drawn per element (P(0) = p), s = 1/(1 − p) or 1; at inference x or x·(1 − p).
 * @example
 * // mask: keep where u ≥ p, u from NumPy's RandomState(1).rand(4) = [0.417, 0.720, 0.000114, 0.302]
 * const y = nn.dropout(ones([4]), 0.5, { generator: new RandomState(1) });
 * expect(y.tolist()).toEqual([0, 2, 0, 0]);             // survivors scaled by 1/(1 − p)
 * expect(nn.dropout(ones([2]), 0.5, { training: false }).tolist()).toEqual([1, 1]);
 */
export function dropout(x: Tensor, p = 0.5, options: DropoutOptions = {}): Tensor {
  checkP(p);
  const mode = options.mode ?? "inverted";
  checkMode(mode);
  if (!(options.training ?? true)) return mode === "inverted" ? x : mul(x, 1 - p);
  const keep = mode === "inverted" ? 1 / (1 - p) : 1;
  // one float64 uniform draw u per element, row-major: dropped where u < p (as NumPy's rs.random_sample() < p)
  const mask = rand(x.shape, { generator: options.generator }).ge(p).mul(keep).to(x.dtype); // x's shape, values 0 or keep
  return mul(x, mask);
}

/**
 * Algorytm 20: the dropout layer; active in training mode, the identity (or ×(1 − p)) in evaluation mode.
 * @example
 * const drop = new nn.Dropout(0.5, { generator: new RandomState(1) });
 * expect(drop.forward(ones([4])).tolist()).toEqual([0, 2, 0, 0]);
 * expect(drop.eval().forward(ones([4])).tolist()).toEqual([1, 1, 1, 1]);
 * const notes = new nn.Dropout(0.25, { mode: "weight-scaling" }).eval();
 * expect(notes.forward(ones([1])).item()).toBe(0.75);   // the notes' variant scales at inference
 */
export class Dropout extends Module {
  readonly mode: DropoutMode;
  private readonly generator?: RandomState;

  constructor(readonly p = 0.5, options: { mode?: DropoutMode; generator?: RandomState } = {}) {
    super();
    checkP(p);
    this.mode = options.mode ?? "inverted";
    checkMode(this.mode);
    this.generator = options.generator;
  }

  override forward(x: Tensor): Tensor {
    return dropout(x, this.p, { training: this.training, mode: this.mode, generator: this.generator });
  }

  protected override extraRepr(): string {
    return `p=${this.p}${this.mode === "inverted" ? "" : `, mode="${this.mode}"`}`;
  }
}

/**
 * Monte Carlo dropout: `samples` forward passes with the Dropout layers in training mode and every
 * other layer (BatchNorm) in evaluation mode; returns the mean prediction and the variance over the
 * passes (divided by `samples`, the spread of the predictive distribution). Modes are restored
 * afterwards; nothing is recorded for autograd.
 * @example
 * // four passes with masks from NumPy's RandomState(1).rand(4): outputs 0, 2, 0, 0
 * const model = new nn.Sequential(new nn.Dropout(0.5, { generator: new RandomState(1) }));
 * const prediction = nn.mcDropoutPredict(model, ones([1, 1]), 4);
 * expect(prediction.mean.item()).toBe(0.5);
 * expect(prediction.variance.item()).toBe(0.75);                   // ((0.5)² + 1.5² + 0.5² + 0.5²)/4
 */
export function mcDropoutPredict(model: Module, x: Tensor, samples: number): { mean: Tensor; variance: Tensor } {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`mcDropoutPredict: samples must be a positive integer (got ${samples})`);
  const modules = model.modules();
  const saved = modules.map((m) => m.training);
  model.eval();
  for (const m of modules) if (m instanceof Dropout) m.training = true;
  try {
    return noGrad(() => {
      const outputs: Tensor[] = [];
      for (let s = 0; s < samples; s++) outputs.push(model.forward(x));
      let total = outputs[0];
      for (let s = 1; s < samples; s++) total = add(total, outputs[s]);
      const mean = div(total, samples);
      let squares = mul(sub(outputs[0], mean), sub(outputs[0], mean));
      for (let s = 1; s < samples; s++) squares = add(squares, mul(sub(outputs[s], mean), sub(outputs[s], mean)));
      return { mean, variance: div(squares, samples) };
    });
  } finally {
    modules.forEach((m, i) => (m.training = saved[i]));
  }
}
