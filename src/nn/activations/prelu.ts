// Parametric ReLU (Definicja 1, a variant of LeakyReLU); He, Zhang, Ren & Sun 2015. The slope α of
// the negative part is learned with the weights: one α shared by all channels, or one per channel
// (dim 1 of (N, C, …), dim 0 of a 1-D input). Initial α = 0.25 as in the paper and PyTorch.

import { Module } from "../module";
import { gt, mul, where } from "../../autograd/ops";
import { full } from "../../tensor/creation";
import type { DType } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import type { Tensor } from "../../tensor/tensor";

/**
 * z for z > 0, α_c·z otherwise; `weight` holds one slope or one per channel.
 * @example
 * expect(nn.prelu(tensor([-4, 2]), tensor([0.25])).tolist()).toEqual([-1, 2]);
 * // one slope per channel: (N, C) with C = 2
 * expect(nn.prelu(tensor([[-1, -1]]), tensor([0.5, 2])).tolist()).toEqual([[-0.5, -2]]);
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  if (weight.ndim !== 1) throw new RangeError(`prelu: weight must be 1-D (got shape ${formatShape(weight.shape)})`);
  let slope = weight; // (1) or (C)
  if (weight.shape[0] !== 1) {
    const channelDim = x.ndim >= 2 ? 1 : 0;
    const channels = x.ndim === 0 ? 1 : x.shape[channelDim];
    if (channels !== weight.shape[0]) {
      throw new RangeError(`prelu: ${weight.shape[0]} slopes but the input has ${channels} channels in dim ${channelDim} (input shape ${formatShape(x.shape)})`);
    }
    const trailing = Math.max(x.ndim - channelDim - 1, 0);
    slope = weight.reshape([channels, ...new Array<number>(trailing).fill(1)]); // (C, 1, …, 1)
  }
  return where(gt(x, 0), x, mul(x, slope));
}

/**
 * The PReLU layer: the negative slope is a learned parameter (0.25 at the start, as in PyTorch).
 * @example
 * const act = new nn.PReLU();
 * const y = act.forward(tensor([-4, 2]));
 * expect(y.tolist()).toEqual([-1, 2]);
 * y.sum().backward();
 * expect(act.weight.grad!.tolist()).toEqual([-4]);     // ∂/∂α = z where z ≤ 0
 */
export class PReLU extends Module {
  /** α, shape (numParameters). */
  readonly weight: Tensor;

  constructor(readonly numParameters = 1, init = 0.25, options: { dtype?: DType } = {}) {
    super();
    if (!Number.isInteger(numParameters) || numParameters < 1) throw new RangeError(`PReLU: numParameters must be a positive integer (got ${numParameters})`);
    this.weight = this.registerParameter("weight", full([numParameters], init, { dtype: options.dtype }));
  }

  override forward(x: Tensor): Tensor {
    return prelu(x, this.weight);
  }

  protected override extraRepr(): string {
    return `numParameters=${this.numParameters}`;
  }
}
