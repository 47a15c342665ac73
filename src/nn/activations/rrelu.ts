// Randomized ReLU (Definicja 1, a variant of LeakyReLU); Xu, Wang, Chen & Li 2015, "Empirical
// Evaluation of Rectified Activations in Convolutional Network". In training every negative element
// gets its own slope α ~ U(lower, upper), drawn anew at each call; at test time the mean slope
// (lower + upper)/2 is used. Defaults lower = 1/8, upper = 1/3 as in the paper and PyTorch.

import { Module } from "../module";
import type { RandomState } from "../../data/random";
import { gt, mul, where } from "../../autograd/ops";
import { rand } from "../../tensor/creation";
import type { Tensor } from "../../tensor/tensor";

export interface RReLUOptions {
  lower?: number;
  upper?: number;
  /** Draw random slopes (training) or use the mean slope (evaluation); default false, as F.rrelu. */
  training?: boolean;
  generator?: RandomState;
}

function checkBounds(lower: number, upper: number): void {
  if (!(lower >= 0 && lower <= upper && upper <= 1)) {
    throw new RangeError(`rrelu: need 0 ≤ lower ≤ upper ≤ 1 (got lower ${lower}, upper ${upper})`);
  }
}

/** z for z > 0, αz otherwise; α ~ U(lower, upper) per element in training, (lower + upper)/2 in evaluation. */
export function rrelu(x: Tensor, options: RReLUOptions = {}): Tensor {
  const lower = options.lower ?? 1 / 8;
  const upper = options.upper ?? 1 / 3;
  checkBounds(lower, upper);
  if (!options.training) return where(gt(x, 0), x, mul(x, (lower + upper) / 2));
  // one α = lower + (upper − lower)·u per element, drawn row-major in float64 and rounded once to x's dtype
  const slopes = rand(x.shape, { generator: options.generator }).mul(upper - lower).add(lower).to(x.dtype); // x's shape
  return where(gt(x, 0), x, mul(x, slopes));
}

export class RReLU extends Module {
  readonly lower: number;
  readonly upper: number;
  private readonly generator?: RandomState;

  constructor(lower = 1 / 8, upper = 1 / 3, options: { generator?: RandomState } = {}) {
    super();
    checkBounds(lower, upper);
    this.lower = lower;
    this.upper = upper;
    this.generator = options.generator;
  }

  override forward(x: Tensor): Tensor {
    return rrelu(x, { lower: this.lower, upper: this.upper, training: this.training, generator: this.generator });
  }

  protected override extraRepr(): string {
    return `lower=${this.lower}, upper=${this.upper}`;
  }
}
