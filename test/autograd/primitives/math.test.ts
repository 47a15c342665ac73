// Unary primitives: values against closed forms and identities, derivatives against the textbook
// derivative evaluated independently in plain JS, and gradcheck (float64 central differences).
import { describe, expect, test } from "vitest";
import { gradcheck, tensor, Tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { exact, expectWithinUlps, expm1Big, log1pBig } from "../../helpers/high-precision";

interface UnaryCase {
  name: string;
  op: (x: Tensor) => Tensor;
  /** an independent formula for the derivative */
  derivative: (x: number) => number;
  low: number;
  high: number;
}

const cases: UnaryCase[] = [
  { name: "neg", op: (x) => x.neg(), derivative: () => -1, low: -3, high: 3 },
  { name: "exp", op: (x) => x.exp(), derivative: (x) => Math.E ** x, low: -3, high: 3 },
  { name: "log", op: (x) => x.log(), derivative: (x) => 1 / x, low: 0.2, high: 4 },
  { name: "log1p", op: (x) => x.log1p(), derivative: (x) => 1 / (1 + x), low: -0.8, high: 4 },
  { name: "expm1", op: (x) => x.expm1(), derivative: (x) => Math.E ** x, low: -3, high: 3 },
  { name: "sqrt", op: (x) => x.sqrt(), derivative: (x) => 1 / (2 * x ** 0.5), low: 0.2, high: 4 },
  { name: "abs", op: (x) => x.abs(), derivative: (x) => (x > 0 ? 1 : -1), low: -3, high: 3 },
  { name: "sin", op: (x) => x.sin(), derivative: (x) => Math.cos(x), low: -3, high: 3 },
  { name: "cos", op: (x) => x.cos(), derivative: (x) => -Math.sin(x), low: -3, high: 3 },
  { name: "tanh", op: (x) => x.tanh(), derivative: (x) => 4 / (Math.exp(x) + Math.exp(-x)) ** 2, low: -3, high: 3 },
  { name: "sigmoid", op: (x) => x.sigmoid(), derivative: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, low: -6, high: 6 },
  { name: "relu", op: (x) => x.relu(), derivative: (x) => (x > 0 ? 1 : 0), low: -3, high: 3 },
];

describe.each(["float64", "float32"] as const)("unary primitives in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 2e-6, atol: 1e-6 };

  test.each(cases)("$name: the gradient of sum(op(x)) is the closed-form derivative", ({ op, derivative, low, high }) => {
    const x = randomTensor([4, 5], { dtype, low, high, requiresGrad: true });
    op(x).sum().backward();
    const xs = x.toArray();
    expect(x.grad!.dtype).toBe(dtype);
    expectClose(x.grad!.toArray(), Array.from(xs, derivative), tol);
  });

  test("values: closed forms and identities", () => {
    const x = randomTensor([50], { dtype, low: 0.1, high: 5 });
    const one = new Array(50).fill(1);
    expectClose(x.log().exp().toArray(), x.toArray(), tol);
    expectClose(x.log1p().toArray(), Array.from(x.toArray(), (v) => Math.log(1 + v)), tol); // no cancellation for x ≥ 0.1
    expectClose(x.expm1().toArray(), Array.from(x.toArray(), (v) => Math.exp(v) - 1), tol);
    expectClose(x.sqrt().mul(x.sqrt()).toArray(), x.toArray(), tol);
    expectClose(x.sin().square().add(x.cos().square()).toArray(), one, tol);
    // tanh x = (e^{2x} − 1)/(e^{2x} + 1); σ(x) = (1 + tanh(x/2))/2
    const e2 = Array.from(x.toArray(), (v) => Math.exp(2 * v));
    expectClose(x.tanh().toArray(), e2.map((e) => (e - 1) / (e + 1)), tol);
    expectClose(x.neg().sigmoid().toArray(), Array.from(x.toArray(), (v) => (1 + Math.tanh(-v / 2)) / 2), tol);
    expect(tensor([-2, 0, 3], { dtype }).relu().tolist()).toEqual([0, 0, 3]);
    expect(tensor([-2, 0, 3], { dtype }).abs().tolist()).toEqual([2, 0, 3]);
    expect(tensor([0], { dtype }).sigmoid().item()).toBe(0.5);
    expect(tensor([1], { dtype }).exp().item()).toBe(dtype === "float64" ? Math.E : Math.fround(Math.E));
  });

  test("sigmoid neither overflows nor loses its tails at ±1000", () => {
    const s = tensor([-1000, -50, 50, 1000], { dtype }).sigmoid().tolist() as number[];
    expect(s[0]).toBe(0);
    expect(s[3]).toBe(1);
    expectClose([s[1]], [dtype === "float64" ? 1.9287498479639178e-22 : Math.fround(1.9287498479639178e-22)], { rtol: dtype === "float64" ? 1e-14 : 1e-6 });
  });

  test("relu has derivative 0 at 0 (not ½ as maximum(x, 0) would give)", () => {
    const x = tensor([0, 0], { dtype, requiresGrad: true });
    x.relu().sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 0]);
  });
});

describe("log1p and expm1 keep their digits where 1 + x and eˣ − 1 round (float64, 64-digit references)", () => {
  // The bound: 1 ulp of the correctly rounded truth (the subnormal step 2^−1074 below 2^−1022).
  test("log1p: value and derivative 1/(1 + x) from −1 + 2⁻⁵² to 1e300", () => {
    const xs = [-1 + 2 ** -52, -0.5, -1e-8, -1e-300, -5e-324, 0, 5e-324, 1e-300, 1e-20, 1e-8, 0.1, 1, 1e10, 1e300];
    const x = tensor(xs, { requiresGrad: true });
    const y = x.log1p();
    y.sum().backward();
    expectWithinUlps("log1p(x)", xs, y.toArray(), xs.map((v) => log1pBig(exact(v))), 1);
    expectWithinUlps("log1p′(x)", xs, x.grad!.toArray(), xs.map((v) => exact(1).div(exact(v).plus(1))), 1);
  });

  test("expm1: value and derivative eˣ from −745 to 709, including x = −40 where exp(x) − 1 + 1 loses eˣ", () => {
    const xs = [-745, -700, -40, -1, -1e-8, -1e-300, 0, 1e-300, 1e-20, 1e-8, 0.5, 1, 30, 709];
    const x = tensor(xs, { requiresGrad: true });
    const y = x.expm1();
    y.sum().backward();
    expectWithinUlps("expm1(x)", xs, y.toArray(), xs.map((v) => expm1Big(exact(v))), 1);
    expectWithinUlps("expm1′(x)", xs, x.grad!.toArray(), xs.map((v) => exact(v).exp()), 1);
  });
});

describe("unary primitives pass gradcheck (float64)", () => {
  test.each(cases)("$name", ({ op, low, high }) => {
    const x = randomTensor([3, 4], { low, high, requiresGrad: true, seed: 3 });
    expect(gradcheck(op, [x]).ok).toBe(true);
  });
});
