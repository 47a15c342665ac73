// Definicja 1 — LeakyReLU(z) = max(αz, z) (for 0 ≤ α ≤ 1); Maas, Hannun & Ng 2013. Negative inputs
// pass scaled by α, so a "dead" neuron still gets a gradient and can recover. The notes report that
// α = 0.2 works well; the default here is PyTorch's 0.01.

import { Module } from "../module";
import { gt, mul, where } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * z for z > 0, αz otherwise (the same as max(αz, z) for α ≤ 1, but also right for α > 1);
 * d/dz = 1 for z > 0, α otherwise (α at 0, as in PyTorch).
 * @example
 * expect(nn.leakyRelu(tensor([-2, 3])).tolist()).toEqual([-0.02, 3]);        // slope 0.01 by default
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return where(gt(x, 0), x, mul(x, negativeSlope));
}

/**
 * The LeakyReLU layer: leakyRelu(x, negativeSlope) as a module.
 * @example
 * expect(new nn.LeakyReLU(0.25).forward(tensor([-4, 4])).tolist()).toEqual([-1, 4]);
 */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  override forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }

  protected override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}
