// log σ(z) = −softplus(−z), the log-probability of the positive class of a logistic model (PyTorch's
// LogSigmoid). Through the stable softplus it is exact in both tails: −z − log1p(eᶻ) for z ≪ 0, where
// log(σ(z)) would be log(0) = −∞ at z = −1e3, and −log1p(e^{−z}) ≈ −e^{−z} for z ≫ 0, where
// log(σ(z)) would round σ(40) to 1 and return 0.

import { Module } from "../module";
import { softplus } from "./softplus";
import { neg } from "../../autograd/ops";
import type { Tensor } from "../../tensor/tensor";

/**
 * log σ(z) = −softplus(−z);  d/dz = σ(−z) = 1 − σ(z)
 * @example
 * const y = nn.logSigmoid(tensor([-1000, 0, 40]));
 * expect(y.tolist()).toEqual([-1000, -Math.LN2, -Math.log1p(Math.exp(-40))]);
 */
export function logSigmoid(x: Tensor): Tensor {
  return neg(softplus(neg(x)));
}

/**
 * The LogSigmoid layer: logSigmoid(x) as a module.
 * @example
 * expect(new nn.LogSigmoid().forward(tensor([0])).item()).toBeCloseTo(-Math.LN2, 15);
 */
export class LogSigmoid extends Module {
  override forward(x: Tensor): Tensor {
    return logSigmoid(x);
  }
}
