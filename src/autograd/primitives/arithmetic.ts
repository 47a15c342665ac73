// Primitives: broadcasting arithmetic. Each op is its forward kernel and, right below it, the rule
// that sends the output gradient g back to each input. Broadcasting in the forward pass becomes a
// sum over the broadcast dimensions in the backward pass (sumTo). An input that needs no gradient gets null.

import { record } from "../engine";
import { binaryOperands, mapBinary, mapUnary, type BinaryKernel, type UnaryKernel } from "../../tensor/elementwise";
import type { Tensor, TensorLike } from "../../tensor/tensor";
import { sumTo } from "./sum-to";

const addKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] + b[ib + i * sb];
};
/**
 * a + b;  ∂/∂a = 1, ∂/∂b = 1
 * @example
 * expect(add(tensor([1, 2]), tensor([10, 20])).tolist()).toEqual([11, 22]);
 * expect(add(tensor([[1], [2]]), 10).tolist()).toEqual([[11], [12]]);   // a number broadcasts
 * expect(add(tensor([[0], [10]]), tensor([1, 2])).tolist()).toEqual([[1, 2], [11, 12]]); // (2, 1) + (2) → (2, 2)
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("add", a, b);
  const out = mapBinary("add", x, y, addKernel);
  return record(out, "add", [x, y], (g) => [
    x.requiresGrad ? sumTo(g, x.shape) : null,
    y.requiresGrad ? sumTo(g, y.shape) : null,
  ]);
}

const subKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] - b[ib + i * sb];
};
/**
 * a − b;  ∂/∂a = 1, ∂/∂b = −1
 * @example
 * expect(sub(tensor([5, 7]), tensor([1, 2])).tolist()).toEqual([4, 5]);
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("sub", a, b);
  const out = mapBinary("sub", x, y, subKernel);
  return record(out, "sub", [x, y], (g) => [
    x.requiresGrad ? sumTo(g, x.shape) : null,
    y.requiresGrad ? sumTo(neg(g), y.shape) : null,
  ]);
}

const mulKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] * b[ib + i * sb];
};
/**
 * a · b (elementwise);  ∂/∂a = b, ∂/∂b = a
 * @example
 * const a = tensor([2, 3], { requiresGrad: true });
 * const b = tensor([4, 5], { requiresGrad: true });
 * mul(a, b).sum().backward();
 * expect(a.grad!.tolist()).toEqual([4, 5]);   // ∂/∂a = b
 * expect(b.grad!.tolist()).toEqual([2, 3]);   // ∂/∂b = a
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("mul", a, b);
  const out = mapBinary("mul", x, y, mulKernel);
  return record(out, "mul", [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, x), y.shape) : null,
  ]);
}

const divKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] / b[ib + i * sb];
};
/**
 * a / b;  ∂/∂a = 1/b, ∂/∂b = −a/b² = −out/b
 * @example
 * expect(div(tensor([1, 3]), 2).tolist()).toEqual([0.5, 1.5]);
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("div", a, b);
  const out = mapBinary("div", x, y, divKernel);
  return record(out, "div", [x, y], (g) => [
    x.requiresGrad ? sumTo(div(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(neg(div(mul(g, out), y)), y.shape) : null,
  ]);
}

const powKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = Math.pow(a[ia + i * sa], b[ib + i * sb]);
};
/**
 * aᵇ;  ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a
 * @example
 * const a = tensor([2, 3], { requiresGrad: true });
 * const y = pow(a, 3);
 * expect(y.tolist()).toEqual([8, 27]);
 * y.sum().backward();
 * expect(a.grad!.tolist()).toEqual([12, 27]); // 3a²
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("pow", a, b);
  const out = mapBinary("pow", x, y, powKernel);
  return record(out, "pow", [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, mul(y, pow(x, sub(y, 1)))), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, mul(out, x.log())), y.shape) : null,
  ]);
}

const maximumKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) {
    const u = a[ia + i * sa];
    const v = b[ib + i * sb];
    out[io + i] = u > v || u !== u ? u : v; // NaN propagates, as in numpy.maximum
  }
};
// Where a and b tie, each gets half of the gradient (the average of the two one-sided derivatives).
const maximumShareKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) {
    const u = a[ia + i * sa];
    const v = b[ib + i * sb];
    out[io + i] = u > v ? 1 : u === v ? 0.5 : 0;
  }
};
/**
 * max(a, b) elementwise;  ∂/∂a = [a > b] (½ at ties), ∂/∂b = [b > a] (½ at ties)
 * @example
 * expect(maximum(tensor([1, 5, 2]), tensor([3, 4, 2])).tolist()).toEqual([3, 5, 2]);
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("maximum", a, b);
  const out = mapBinary("maximum", x, y, maximumKernel);
  return record(out, "maximum", [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, mapBinary("maximum", x, y, maximumShareKernel)), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, mapBinary("maximum", y, x, maximumShareKernel)), y.shape) : null,
  ]);
}

const negKernel: UnaryKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = -x[i];
};
/**
 * −x;  ∂/∂x = −1
 * @example
 * expect(neg(tensor([1, -2])).tolist()).toEqual([-1, 2]);
 */
export function neg(x: Tensor): Tensor {
  const out = mapUnary(x, negKernel);
  return record(out, "neg", [x], (g) => [neg(g)]);
}
