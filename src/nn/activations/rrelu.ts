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

/**
 * z for z > 0, αz otherwise; α ~ U(lower, upper) per element in training, (lower + upper)/2 in evaluation.
 * @example
 * expect(nn.rrelu(tensor([-48, 1])).tolist()).toEqual([-11, 1]);   // evaluation: slope (1/8 + 1/3)/2 = 11/48
 * // training: α = 1/8 + (1/3 − 1/8)·u, u the generator's uniform (NumPy: RandomState(0).rand() = 0.5488135039273248)
 * const y = nn.rrelu(tensor([-1]), { training: true, generator: new RandomState(0) }).item();
 * expect(y).toBeCloseTo(-(1 / 8 + (1 / 3 - 1 / 8) * 0.5488135039273248), 15);
 */
export function rrelu(x: Tensor, options: RReLUOptions = {}): Tensor {
  const lower = options.lower ?? 1 / 8;
  const upper = options.upper ?? 1 / 3;
  checkBounds(lower, upper);
  if (!options.training) return where(gt(x, 0), x, mul(x, (lower + upper) / 2));
  // one α = lower + (upper − lower)·u per element, drawn row-major in float64 and rounded once to x's dtype
  const slopes = rand(x.shape, { generator: options.generator }).mul(upper - lower).add(lower).to(x.dtype); // x's shape
  return where(gt(x, 0), x, mul(x, slopes));
}

/**
 * The RReLU layer: random slopes in training mode, their mean in evaluation mode.
 * @example
 * const act = new nn.RReLU(0.25, 0.75).eval();
 * expect(act.forward(tensor([-2, 2])).tolist()).toEqual([-1, 2]);  // mean slope ½
 */
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
