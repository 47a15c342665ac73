// Definicja 3 — SELU(z) = λ·ELU_α(z); Klambauer, Unterthiner, Mayr & Hochreiter 2017,
// "Self-Normalizing Neural Networks". λ and α are the fixed point that keeps mean 0 and variance 1
// through dense layers with LeCun-initialised weights. The notes round them to λ = 1.05, α = 1.67;
// the default here is the paper's (and PyTorch's) exact pair, `constants: "notes"` gives the rounded one.

import { Module } from "../module";
import { elu } from "./elu";
import { mul } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * λ and α of SELU: the paper's exact pair and the notes' rounded one.
 * @example
 * expect(nn.SELU_CONSTANTS.notes).toEqual({ lambda: 1.05, alpha: 1.67 });
 * expect(nn.SELU_CONSTANTS.exact.lambda).toBeCloseTo(1.0507009873554805, 15); // Klambauer et al. 2017, eq. (14)
 */
export const SELU_CONSTANTS = {
  /** Klambauer et al. 2017, eq. (14), to double precision. */
  // eslint-disable-next-line no-loss-of-precision -- the paper's digits, rounded to the nearest double on purpose
  exact: { lambda: 1.0507009873554804934193349852946, alpha: 1.6732632423543772848170429916717 },
  /** As printed in the lecture notes (Definicja 3). */
  notes: { lambda: 1.05, alpha: 1.67 },
} as const;

export type SeluConstants = keyof typeof SELU_CONSTANTS;

/**
 * λ·ELU_α(z) with the exact constants (or the notes' rounded ones).
 * @example
 * const [negative, positive] = nn.selu(tensor([-1, 1])).tolist() as number[];
 * const { lambda, alpha } = nn.SELU_CONSTANTS.exact;
 * expect(positive).toBe(lambda);
 * expect(negative).toBeCloseTo(lambda * alpha * (Math.exp(-1) - 1), 15);
 * expect(nn.selu(tensor([1]), "notes").item()).toBe(1.05);
 */
export function selu(x: Tensor, constants: SeluConstants = "exact"): Tensor {
  const c = SELU_CONSTANTS[constants];
  if (c === undefined) throw new RangeError(`selu: constants must be "exact" or "notes" (got ${JSON.stringify(constants)})`);
  return mul(elu(x, c.alpha), c.lambda);
}

/**
 * The SELU layer: selu(x, constants) as a module.
 * @example
 * expect(new nn.SELU("notes").forward(tensor([-Infinity])).item()).toBeCloseTo(-1.05 * 1.67, 15); // saturates at −λα
 */
export class SELU extends Module {
  constructor(readonly constants: SeluConstants = "exact") {
    super();
  }

  override forward(x: Tensor): Tensor {
    return selu(x, this.constants);
  }

  protected override extraRepr(): string {
    return this.constants === "exact" ? "" : `constants="${this.constants}"`;
  }
}
