// Accuracy in the tails: every activation built on exp/log near 1 (softplus, log-sigmoid, Mish, ELU,
// SELU, GELU), value and autograd derivative in float64, against 64-digit mathjs BigNumber references
// of the textbook formulas at z from −745 (where eᶻ is the smallest subnormal) to 700. The bound is
// 4 ulp of the correctly rounded truth everywhere — also where the truth is subnormal (then the ulp is
// 2^−1074) or underflows (then the result must be exactly ±0).
import { describe, test } from "vitest";
import { tensor, Tensor } from "../../../src/index";
import { elu } from "../../../src/nn/activations/elu";
import { gelu } from "../../../src/nn/activations/gelu";
import { logSigmoid } from "../../../src/nn/activations/log-sigmoid";
import { mish } from "../../../src/nn/activations/mish";
import { selu, SELU_CONSTANTS } from "../../../src/nn/activations/selu";
import { softplus } from "../../../src/nn/activations/softplus";
import {
  big, exact, expectWithinUlps, TAIL_POINTS, expm1Big, normalCdfBig, normalPdfBig, sech2Big, sigmoidBig, softplusBig, tanhBig, type Big,
} from "../../helpers/high-precision";

const BOUND = 4; // ulp

interface TailCase {
  name: string;
  fn: (x: Tensor) => Tensor;
  value: (z: Big) => Big;
  derivative: (z: Big) => Big;
}

const one = big.bignumber(1);
const alpha = 1.5;
const { lambda, alpha: seluAlpha } = SELU_CONSTANTS.exact;
/** mish(z) = z·tanh(sp), mish′(z) = tanh(sp) + z·sech²(sp)·σ(z) with sp = softplus(z) */
const mishValue = (z: Big) => z.times(tanhBig(softplusBig(z)));
const mishDerivative = (z: Big) => tanhBig(softplusBig(z)).plus(z.times(sech2Big(softplusBig(z))).times(sigmoidBig(z)));
// ELU: α(eᶻ − 1) for z ≤ 0 (derivative αeᶻ there, α at 0 as in PyTorch), z for z > 0
const eluValue = (z: Big, a: number) => (z.gt(0) ? z : (expm1Big(z).times(exact(a))));
const eluDerivative = (z: Big, a: number) => (z.gt(0) ? one : (z.exp().times(exact(a))));

const cases: TailCase[] = [
  { name: "softplus", fn: softplus, value: softplusBig, derivative: sigmoidBig },
  {
    name: "logSigmoid",
    fn: logSigmoid,
    value: (z) => softplusBig(z.neg()).neg(),
    derivative: (z) => sigmoidBig(z.neg()),
  },
  { name: "mish", fn: mish, value: mishValue, derivative: mishDerivative },
  { name: "elu(α = 1.5)", fn: (x) => elu(x, alpha), value: (z) => eluValue(z, alpha), derivative: (z) => eluDerivative(z, alpha) },
  {
    name: "selu",
    fn: (x) => selu(x),
    value: (z) => eluValue(z, seluAlpha).times(exact(lambda)),
    derivative: (z) => eluDerivative(z, seluAlpha).times(exact(lambda)),
  },
  {
    name: "gelu",
    fn: (x) => gelu(x),
    value: (z) => z.times(normalCdfBig(z)),
    derivative: (z) => normalCdfBig(z).plus(z.times(normalPdfBig(z))),
  },
];

describe(`activations in the tails, float64, within ${BOUND} ulp of 64-digit references`, () => {
  test.each(cases)("$name: value and derivative", ({ name, fn, value, derivative }) => {
    const x = tensor(TAIL_POINTS, { requiresGrad: true });
    const y = fn(x);
    y.sum().backward();
    const zs = TAIL_POINTS.map(exact);
    expectWithinUlps(`${name}(z)`, TAIL_POINTS, y.toArray(), zs.map(value), BOUND);
    expectWithinUlps(`${name}′(z)`, TAIL_POINTS, x.grad!.toArray(), zs.map(derivative), BOUND);
  });

  test("Mish just either side of its lower-tail switch at z = −64, and in the subnormal range", () => {
    const points = [-708.5, -720, -64.5, -64, -63.5];
    const x = tensor(points, { requiresGrad: true });
    const y = mish(x);
    y.sum().backward();
    const zs = points.map(exact);
    expectWithinUlps("mish(z)", points, y.toArray(), zs.map(mishValue), BOUND);
    expectWithinUlps("mish′(z)", points, x.grad!.toArray(), zs.map(mishDerivative), BOUND);
  });
});
