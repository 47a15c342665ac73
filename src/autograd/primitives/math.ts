// Primitives: elementwise functions of one tensor. Each is a dense kernel and, below it, its local
// derivative, often written in terms of the output (exp, sqrt, tanh, sigmoid) so backward reuses it.
// log1p and expm1 exist for the tails: log(1 + x) rounds 1 + x before the logarithm sees it, so
// log(1 + 1e-20) is 0, and eˣ − 1 cancels to ~1e-8 relative accuracy at x = 1e-8; Math.log1p and
// Math.expm1 keep every digit there.

import { ownedGradient, record } from "../engine";
import { mapUnary, type UnaryKernel } from "../../tensor/elementwise";
import { denseElements, Tensor } from "../../tensor/tensor";
import { allocate } from "../../tensor/dtype";
import { getKernel } from "../../core";
import { add, div, mul, neg, sub } from "./arithmetic";

const expKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
};
/**
 * eˣ;  d/dx = eˣ
 * @example
 * const y = exp(tensor([0, 1]));
 * expect(y.tolist()[0]).toBe(1);
 * expect(y.tolist()[1]).toBeCloseTo(Math.E, 15);
 */
export function exp(x: Tensor): Tensor {
  const out = mapUnary(x, expKernel);
  return record(out, "exp", [x], (g) => [mul(g, out)]);
}

const logKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]);
};
/**
 * ln x;  d/dx = 1/x
 * @example
 * expect(log(tensor([1, Math.E, Math.E ** 2])).tolist()).toEqual([0, 1, 2]);
 */
export function log(x: Tensor): Tensor {
  const out = mapUnary(x, logKernel);
  return record(out, "log", [x], (g) => [div(g, x)]);
}

const log1pKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.log1p(x[i]);
};
/**
 * ln(1 + x), accurate where x is tiny;  d/dx = 1/(1 + x)
 * @example
 * expect(log1p(tensor([1e-20])).item()).toBe(1e-20);   // log(1 + 1e-20) would be log 1 = 0
 * expect(log1p(tensor([Math.E - 1])).item()).toBeCloseTo(1, 15);
 */
export function log1p(x: Tensor): Tensor {
  const out = mapUnary(x, log1pKernel);
  return record(out, "log1p", [x], (g) => [div(g, add(x, 1))]);
}

const expm1Kernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.expm1(x[i]);
};
/**
 * eˣ − 1, accurate where x is tiny;  d/dx = eˣ, computed from x: out + 1 would lose eˣ's digits
 * once eˣ < 1e-16 (at x = −40 it is 0 instead of 4.2e-18).
 * @example
 * expect(expm1(tensor([1e-20])).item()).toBe(1e-20);   // exp(1e-20) − 1 would be 0
 * expect(expm1(tensor([Math.log(3)])).item()).toBeCloseTo(2, 15);
 */
export function expm1(x: Tensor): Tensor {
  const out = mapUnary(x, expm1Kernel);
  return record(out, "expm1", [x], (g) => [mul(g, exp(x))]);
}

const sqrtKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]);
};
/**
 * √x;  d/dx = 1/(2√x)
 * @example
 * expect(sqrt(tensor([4, 9, 0.25])).tolist()).toEqual([2, 3, 0.5]);
 */
export function sqrt(x: Tensor): Tensor {
  const out = mapUnary(x, sqrtKernel);
  return record(out, "sqrt", [x], (g) => [div(g, mul(out, 2))]);
}

const absKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
};
const signKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sign(x[i]);
};
/**
 * |x|;  d/dx = sign(x) (0 at 0, the subgradient PyTorch uses)
 * @example
 * const x = tensor([-2, 0, 3], { requiresGrad: true });
 * abs(x).sum().backward();
 * expect(x.grad!.tolist()).toEqual([-1, 0, 1]); // sign(x), 0 at 0 as in PyTorch
 */
export function abs(x: Tensor): Tensor {
  const out = mapUnary(x, absKernel);
  return record(out, "abs", [x], (g) => [mul(g, mapUnary(x, signKernel))]);
}

const sinKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sin(x[i]);
};
/**
 * sin x;  d/dx = cos x
 * @example
 * const y = sin(tensor([0, Math.PI / 2, Math.PI / 6])).tolist() as number[];
 * expect(y[0]).toBe(0);
 * expect(y[1]).toBe(1);
 * expect(y[2]).toBeCloseTo(0.5, 15);
 */
export function sin(x: Tensor): Tensor {
  const out = mapUnary(x, sinKernel);
  return record(out, "sin", [x], (g) => [mul(g, cos(x))]);
}

const cosKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.cos(x[i]);
};
/**
 * cos x;  d/dx = −sin x
 * @example
 * const y = cos(tensor([0, Math.PI / 3])).tolist() as number[];
 * expect(y[0]).toBe(1);
 * expect(y[1]).toBeCloseTo(0.5, 15);
 */
export function cos(x: Tensor): Tensor {
  const out = mapUnary(x, cosKernel);
  return record(out, "cos", [x], (g) => [neg(mul(g, sin(x)))]);
}

const tanhKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
};
/**
 * tanh x;  d/dx = 1 − tanh²x
 * @example
 * const x = tensor([0, Math.log(3)], { requiresGrad: true });
 * const y = tanh(x);                                   // tanh(ln 3) = (3 − 1/3)/(3 + 1/3) = 0.8
 * expect(y.tolist()[1]).toBeCloseTo(0.8, 15);
 * y.sum().backward();
 * expect(x.grad!.tolist()[0]).toBe(1);                 // 1 − tanh²(0)
 * expect(x.grad!.tolist()[1]).toBeCloseTo(1 - 0.64, 15);
 */
export function tanh(x: Tensor): Tensor {
  const out = mapUnary(x, tanhKernel);
  return record(out, "tanh", [x], (g) => [mul(g, sub(1, mul(out, out)))]);
}

// Two branches so that neither e^{−x} (x ≪ 0) nor e^{x} (x ≫ 0) can overflow.
const sigmoidKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
    else {
      const e = Math.exp(v);
      out[i] = e / (1 + e);
    }
  }
};
/**
 * σ(x) = 1/(1 + e⁻ˣ);  d/dx = σ(x)(1 − σ(x))
 * @example
 * const x = tensor([0, Math.log(3)], { requiresGrad: true });
 * const y = sigmoid(x);
 * expect(y.tolist()[0]).toBe(0.5);
 * expect(y.tolist()[1]).toBeCloseTo(0.75, 15);         // 1/(1 + 1/3)
 * y.sum().backward();
 * expect(x.grad!.tolist()[0]).toBe(0.25);              // σ(0)(1 − σ(0))
 */
export function sigmoid(x: Tensor): Tensor {
  const out = mapUnary(x, sigmoidKernel);
  return record(out, "sigmoid", [x], (g) => [mul(g, mul(out, sub(1, out)))]);
}

// relu runs in the kernel (src/core): the WASM core selects four floats at a time without a branch
// (activations have random signs, so `x > 0 ? x : 0` in a JS loop mispredicts half its branches,
// ~5 ns an element — once a third of an MNIST-1D CNN epoch). Same values as the ternary: NaN → 0,
// −0 → +0. The mask of the gradient is taken from the input, not the output: relu is not
// maximum(x, 0), whose gradient would split ½/½ at x = 0; here d/dx at 0 is 0, as in PyTorch.
/**
 * max(x, 0);  d/dx = [x > 0]
 * @example
 * const x = tensor([-1, 0, 2], { requiresGrad: true });
 * const y = relu(x);
 * expect(y.tolist()).toEqual([0, 0, 2]);
 * y.sum().backward();
 * expect(x.grad!.tolist()).toEqual([0, 0, 1]);         // [x > 0]
 */
export function relu(x: Tensor): Tensor {
  const xData = denseElements(x);
  const out = allocate(x.dtype, xData.length);
  getKernel().relu(xData, out);
  return record(new Tensor(out, x.shape), "relu", [x], (g) => {
    const dx = allocate(x.dtype, xData.length);
    getKernel().reluBackward(denseElements(g.dtype === x.dtype ? g : g.to(x.dtype)), xData, dx);
    return [ownedGradient(new Tensor(dx, x.shape))];
  });
}
