// The logSoftmax primitive against the composition it replaces, sub(shifted, log(sum(exp(shifted))))
// with shifted = x − max(x) (the maximum detached, 0 where it is not finite): the same bits forward
// and backward along the last dimension in both dtypes, and along an inner dimension in float64 —
// there the composition's float32 sum rounded every term (a reduction over an inner dimension
// accumulates in the output), the primitive's adds in float64, so float32 may differ by a rounding.
// Then values against the closed form, logits of ±1e4 and −∞ entries, and gradcheck in float64.
import { describe, expect, test } from "vitest";
import { gradcheck, noGrad, tensor, type Tensor } from "../../../src/index";
import { logSoftmax } from "../../../src/autograd/primitives/log-softmax";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

/** logSoftmax as ten small ops, as it was composed before the fused primitive. */
function composed(x: Tensor, dim: number): Tensor {
  const m = noGrad(() => {
    const max = x.max(dim, true);
    return tensor(Array.from(max.toArray(), (v) => (Number.isFinite(v) ? v : 0)), { dtype: x.dtype }).reshape(max.shape as number[]);
  });
  const shifted = x.sub(m);
  return shifted.sub(shifted.exp().sum(dim, true).log());
}

function valueAndGrad(f: (x: Tensor, dim: number) => Tensor, x0: Tensor, dim: number, g: Tensor) {
  const x = x0.detach().requiresGrad_();
  const y = f(x, dim);
  y.backward(g);
  return { y: y.toArray(), dx: x.grad!.toArray() };
}

describe.each(["float32", "float64"] as const)("logSoftmax in %s", (dtype) => {
  test.each([
    [[100, 10], -1],
    [[4, 7, 3], 1],
    [[3, 1000], 1],
    [[5], 0],
  ] as [number[], number][])("shape %j, dim %i: the composition's numbers, forward and backward", (shape, dim) => {
    const x = randomTensor(shape, { dtype, seed: 1, low: -6, high: 6 });
    const g = randomTensor(shape, { dtype, seed: 2 });
    const fused = valueAndGrad(logSoftmax, x, dim, g);
    const reference = valueAndGrad(composed, x, dim, g);
    const inner = dim !== -1 && dim !== shape.length - 1;
    const tol = inner && dtype === "float32" ? { rtol: 1e-5, atol: 1e-6 } : { rtol: 0 };
    expectClose(fused.y, reference.y, tol);
    expectClose(fused.dx, reference.dx, tol);
  });

  test("closed form, logits of ±1e4, and −∞ entries", () => {
    const l = logSoftmax(tensor([[0, Math.log(3)], [1e4, -1e4], [-Infinity, 0]], { dtype }), -1).tolist() as number[][];
    expect(l[0][0]).toBeCloseTo(Math.log(0.25), dtype === "float64" ? 15 : 6);
    expect(l[0][1]).toBeCloseTo(Math.log(0.75), dtype === "float64" ? 15 : 6);
    expect(l[1]).toEqual([0, -2e4]); // no overflow, no 1e-3 rounding: the shifted values are exact
    expect(l[2]).toEqual([-Infinity, 0]);
  });
});

test("logSoftmax: gradcheck in float64", () => {
  expect(gradcheck((x) => logSoftmax(x, 1).mul(tensor([[1, -2, 3, 0.5]])), [randomTensor([3, 4], { seed: 3, requiresGrad: true })]).ok).toBe(true);
});
