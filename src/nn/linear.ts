// Linear (fully connected) layer z = Ωx + β, the building block of the notes' shallow and deep
// networks. Ω ∈ R^{out×in} as in the notes (and PyTorch), so a batch of row vectors X (…, in) maps to
// X·Ωᵀ + β — the linear primitive (src/autograd/primitives/linear.ts), which is
// x.matmul(Ω.T).add(β) in one kernel call per pass.

import { Module } from "./module";
import type { RandomState } from "../data/random";
import type { DType } from "../tensor/dtype";
import { zeros } from "../tensor/creation";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { uniform_ } from "../init/basic";
import { linear } from "../autograd/primitives/linear";

export interface LinearOptions {
  /** Learn a bias β (default true). */
  bias?: boolean;
  dtype?: DType;
  /** Generator for the initial weights; the default generator (manualSeed) otherwise. */
  generator?: RandomState;
}

/**
 * The fully connected layer z = Ωx + β (Ω (out, in), as in the notes and PyTorch).
 * @example
 * const layer = new nn.Linear(2, 1);
 * noGrad(() => {
 *   layer.weight.copy_(tensor([[1, 2]]));   // Ω (1, 2)
 *   layer.bias!.fill_(3);                   // β (1)
 * });
 * expect(layer.forward(tensor([[1, 1], [2, 0]])).tolist()).toEqual([[6], [5]]);
 * // PyTorch's initialisation: Ω and β uniform on (−1/√in, 1/√in)
 * const big = new nn.Linear(100, 50);
 * expect(big.weight.abs().max().item()).toBeLessThan(0.1);
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** Ω, shape (out, in). */
  readonly weight: Tensor;
  /** β, shape (out), or null without bias. */
  readonly bias: Tensor | null;

  /**
   * PyTorch's default initialisation: Ω by Kaiming-uniform with a = √5, i.e. He-uniform for slope
   * √5, whose bound √(3·2/((1 + 5)·in)) is 1/√in; β from the same U(−1/√in, 1/√in). Drawn Ω first
   * (row-major), then β.
   */
  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`Linear: ${name} must be a positive integer (got ${v})`);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = options.dtype;
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = this.registerParameter("weight", uniform_(zeros([outFeatures, inFeatures], { dtype }), -bound, bound, options));
    this.bias = options.bias ?? true
      ? this.registerParameter("bias", uniform_(zeros([outFeatures], { dtype }), -bound, bound, options))
      : null;
  }

  /** x (…, in) → x·Ωᵀ + β (…, out) */
  override forward(x: Tensor): Tensor {
    const k = x.ndim === 0 ? 0 : x.shape[x.ndim - 1];
    if (x.ndim === 0 || k !== this.inFeatures) {
      throw new RangeError(
        `Linear(${this.inFeatures}, ${this.outFeatures}): input has ${x.ndim === 0 ? "no dimensions" : `${k} features in its last dimension`}, expected ${this.inFeatures} (input shape ${formatShape(x.shape)})`,
      );
    }
    return linear(x, this.weight, this.bias); // (…, out) = x·Ωᵀ + β
  }

  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
