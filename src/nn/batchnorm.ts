// Algorytm 5 — Batch Normalization; Ioffe & Szegedy 2015. Per channel c, over the batch (and the
// length dimension of (N, C, L)):
//   μ_B = mean x,  σ²_B = mean (x − μ_B)²,  x̂ = (x − μ_B)/√(σ²_B + ε),  z = γx̂ + β.
// Training normalises with the batch statistics (σ²_B is the biased, 1/m_B, variance as in the notes)
// and updates running averages r ← (1 − momentum)·r + momentum·stat; the running variance takes the
// unbiased batch variance m_B/(m_B − 1)·σ²_B, as PyTorch does. With momentum null the running
// statistics are the plain (cumulative) average of all batch statistics so far, as PyTorch's
// momentum=None: the n-th batch enters with weight 1/n, counted by the buffer numBatchesTracked.
// Evaluation normalises with the running statistics, so a prediction does not depend on the rest of
// the batch.

import { Module } from "./module";
import { Linear } from "./linear";
import { noGrad } from "../autograd/engine";
import { RandomState } from "../data/random";
import { add, div, mean, mul, sqrt, sub, variance } from "../autograd/ops";
import { ones, zeros } from "../tensor/creation";
import type { DType } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /**
   * Weight of the newest batch in the running averages (default 0.1); null for the cumulative
   * average, where the n-th batch has weight 1/n.
   */
  momentum?: number | null;
  /** Learn γ (init 1) and β (init 0) per channel (default true). */
  affine?: boolean;
  dtype?: DType;
}

/**
 * Algorytm 5: batch normalisation over the batch (and length) of (N, C) or (N, C, L) inputs, with running statistics for evaluation.
 * @example
 * const bn = new nn.BatchNorm1d(1);
 * const y = bn.forward(tensor([[1], [3]])).tolist() as number[][];  // batch mean 2, variance 1
 * expect(y[0][0]).toBeCloseTo(-1 / Math.sqrt(1 + 1e-5), 15);      // (x − μ)/√(σ² + ε)
 * expect(bn.runningMean.item()).toBeCloseTo(0.2, 15);              // 0.9·0 + 0.1·2
 * expect(bn.runningVar.item()).toBeCloseTo(1.1, 15);               // 0.9·1 + 0.1·2 (unbiased variance)
 */
export class BatchNorm1d extends Module {
  readonly eps: number;
  /** The running averages' weight of the newest batch, or null for the cumulative average. */
  readonly momentum: number | null;
  /** γ (C) or null without affine. */
  readonly weight: Tensor | null;
  /** β (C) or null without affine. */
  readonly bias: Tensor | null;
  /** Running μ (C), starts at 0. */
  readonly runningMean: Tensor;
  /** Running σ² (C), starts at 1. */
  readonly runningVar: Tensor;
  /** Training batches seen so far (a 0-d float64 tensor, saved with the state dict). */
  readonly numBatchesTracked: Tensor;

  constructor(readonly numFeatures: number, options: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`BatchNorm1d: numFeatures must be a positive integer (got ${numFeatures})`);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (this.momentum !== null && !(this.momentum >= 0 && this.momentum <= 1)) {
      throw new RangeError(`BatchNorm1d: momentum must lie in [0, 1], or be null for the cumulative average (got ${this.momentum})`);
    }
    const dtype = options.dtype;
    const affine = options.affine ?? true;
    this.weight = affine ? this.registerParameter("weight", ones([numFeatures], { dtype })) : null;
    this.bias = affine ? this.registerParameter("bias", zeros([numFeatures], { dtype })) : null;
    this.runningMean = this.registerBuffer("runningMean", zeros([numFeatures], { dtype }));
    this.runningVar = this.registerBuffer("runningVar", ones([numFeatures], { dtype }));
    this.numBatchesTracked = this.registerBuffer("numBatchesTracked", zeros([]));
  }

  /** (N, C) or (N, C, L) → same shape */
  override forward(x: Tensor): Tensor {
    const c = this.numFeatures;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== c) {
      throw new RangeError(`BatchNorm1d(${c}): expected input of shape (N, ${c}) or (N, ${c}, L), got ${formatShape(x.shape)}`);
    }
    const dims = x.ndim === 2 ? [0] : [0, 2];
    const perChannel = x.ndim === 2 ? [c] : [c, 1]; // broadcasts against (N, C) or (N, C, L)
    let mu: Tensor;
    let sigma2: Tensor;
    if (this.training) {
      const count = x.ndim === 2 ? x.shape[0] : x.shape[0] * x.shape[2];
      if (count === 0) {
        throw new RangeError(
          `BatchNorm1d(${c}): the batch has no values per channel (input shape ${formatShape(x.shape)}), and batch statistics of an empty batch do not exist; ` +
            "in training mode every batch needs values (eval() normalises with the running statistics instead)",
        );
      }
      if (count < 2) throw new RangeError(`BatchNorm1d(${c}): training needs more than one value per channel (input shape ${formatShape(x.shape)})`);
      mu = mean(x, dims, true); // (1, C) or (1, C, 1)
      sigma2 = variance(x, dims, true, { correction: 0 }); // biased, as in Algorytm 5
      this.updateRunningStats(mu, sigma2, count);
    } else {
      mu = this.runningMean.reshape(perChannel);
      sigma2 = this.runningVar.reshape(perChannel);
    }
    const xHat = div(sub(x, mu), sqrt(add(sigma2, this.eps))); // x̂
    if (this.weight === null || this.bias === null) return xHat;
    return add(mul(xHat, this.weight.reshape(perChannel)), this.bias.reshape(perChannel)); // γx̂ + β
  }

  private updateRunningStats(mu: Tensor, sigma2: Tensor, count: number): void {
    const c = this.numFeatures;
    noGrad(() => {
      this.numBatchesTracked.add_(1);
      const m = this.momentum ?? 1 / this.numBatchesTracked.item(); // cumulative: r_n = r_{n−1} + (stat − r_{n−1})/n
      const unbiased = mul(sigma2, count / (count - 1));
      this.runningMean.mul_(1 - m).add_(mu.reshape([c]), m);
      this.runningVar.mul_(1 - m).add_(unbiased.reshape([c]), m);
    });
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.weight !== null}`;
  }
}

/**
 * A Linear equal to `bn(linear(x))` with `bn` in evaluation mode (running statistics):
 *   Ω′ = γ/√(σ² + ε)·Ω (row c scaled by channel c's factor),  β′ = γ(β − μ)/√(σ² + ε) + β_bn.
 * Folding removes the normalisation's cost at inference.
 * @example
 * const linear = new nn.Linear(1, 1);
 * const bn = new nn.BatchNorm1d(1, { eps: 0 }).eval();
 * noGrad(() => {
 *   linear.weight.fill_(2);
 *   linear.bias!.fill_(1);
 *   bn.runningMean.fill_(3);
 *   bn.runningVar.fill_(4);
 * });
 * const folded = nn.foldBatchNorm(linear, bn);
 * expect([folded.weight.item(), folded.bias!.item()]).toEqual([1, -1]);   // 2/√4 and (1 − 3)/√4
 */
export function foldBatchNorm(linear: Linear, bn: BatchNorm1d): Linear {
  if (bn.numFeatures !== linear.outFeatures) {
    throw new RangeError(`foldBatchNorm: BatchNorm1d has ${bn.numFeatures} features but the Linear has ${linear.outFeatures} outputs`);
  }
  const out = linear.outFeatures;
  // Its initial values are overwritten below; a private generator keeps folding from advancing the
  // default generator (which would change every later draw of a seeded notebook).
  const folded = new Linear(linear.inFeatures, out, { dtype: linear.weight.dtype, generator: new RandomState(0) });
  noGrad(() => {
    const gamma = bn.weight ?? ones([out], { dtype: linear.weight.dtype });
    const beta = bn.bias ?? zeros([out], { dtype: linear.weight.dtype });
    const scale = div(gamma, sqrt(add(bn.runningVar, bn.eps))); // (out)
    const bias = linear.bias ?? zeros([out], { dtype: linear.weight.dtype });
    folded.weight.copy_(mul(linear.weight, scale.reshape([out, 1]))); // (out, in)
    folded.bias!.copy_(add(mul(sub(bias, bn.runningMean), scale), beta)); // (out)
  });
  return folded.train(linear.training);
}
