// The checks every activation gets: values and derivatives against an independent plain-JS closed
// form in float64 and float32, float64 gradcheck, the Module agreeing with the function, and finite
// values and gradients at ±1e3.
import { describe, expect, test } from "vitest";
import { gradcheck, tensor, Tensor } from "../../../src/index";
import type { Module } from "../../../src/nn/module";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

export interface ActivationCase {
  name: string;
  fn: (x: Tensor) => Tensor;
  module: Module;
  /** independent closed form of the value */
  value: (x: number) => number;
  /** independent closed form of the derivative (omit to rely on gradcheck alone) */
  derivative?: (x: number) => number;
  low?: number;
  high?: number;
}

export const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

/** erf by its Maclaurin series (|x| ≤ 1) or continued fraction for erfc — independent of the primitive. */

export function checkActivation(c: ActivationCase): void {
  const low = c.low ?? -4;
  const high = c.high ?? 4;
  describe.each(["float64", "float32"] as const)(`${c.name} in %s`, (dtype) => {
    const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-14 } : { rtol: 3e-6, atol: 2e-6 };

    test("values match the closed form", () => {
      const x = randomTensor([6, 7], { dtype, low, high });
      const y = c.fn(x);
      expect(y.dtype).toBe(dtype);
      expect(y.shape).toEqual([6, 7]);
      expectClose(y.toArray(), Array.from(x.toArray(), c.value), tol);
    });

    if (c.derivative !== undefined) {
      const derivative = c.derivative;
      test("the gradient of sum(f(x)) is the closed-form derivative", () => {
        const x = randomTensor([6, 7], { dtype, low, high, requiresGrad: true });
        c.fn(x).sum().backward();
        expectClose(x.grad!.toArray(), Array.from(x.toArray(), derivative), tol);
      });
    }

    test("the Module computes the function", () => {
      const x = randomTensor([3, 5], { dtype, low, high });
      expect(c.module.forward(x).tolist()).toEqual(c.fn(x).tolist());
    });

    test("finite value and gradient at ±1e3", () => {
      const x = tensor([-1000, -30, 0, 30, 1000], { dtype, requiresGrad: true });
      const y = c.fn(x);
      y.sum().backward();
      for (const v of y.toArray()) expect(Number.isFinite(v)).toBe(true);
      for (const v of x.grad!.toArray()) expect(Number.isFinite(v)).toBe(true);
    });
  });

  test(`${c.name}: gradcheck in float64`, () => {
    const x = randomTensor([4, 5], { low, high, requiresGrad: true });
    expect(gradcheck((t) => c.fn(t).mul(t.cos()).sum(), [x]).ok).toBe(true);
  });
}
