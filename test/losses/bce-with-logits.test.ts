import { describe, expect, test } from "vitest";
import { bceWithLogits } from "../../src/losses/bce-with-logits";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";
import { exact, expectWithinUlps, sigmoidBig, softplusBig, TAIL_POINTS, type Big } from "../helpers/high-precision";

const sigma = (z: number) => 1 / (1 + Math.exp(-z));

describe.each(["float64", "float32"] as const)("bceWithLogits in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-15 } : { rtol: 3e-6, atol: 1e-6 };
  test("equals −[y log σ(z) + (1 − y) log(1 − σ(z))]; gradient (σ(z) − y)/n", () => {
    const z = randomTensor([8], { dtype, low: -6, high: 6, requiresGrad: true });
    const y = randomTensor([8], { dtype, low: 0, high: 1, seed: 2 });
    const zs = Array.from(z.toArray());
    const ys = Array.from(y.toArray());
    const expected = zs.map((v, i) => -(ys[i] * Math.log(sigma(v)) + (1 - ys[i]) * Math.log(1 - sigma(v))));
    expectClose(bceWithLogits(z, y, { reduction: "none" }).toArray(), expected, tol);
    bceWithLogits(z, y).backward();
    expectClose(z.grad!.toArray(), zs.map((v, i) => (sigma(v) - ys[i]) / 8), tol);
  });

  test("logits ±1e4: finite loss and gradient (the loss is |z| on the wrong side, 0 on the right)", () => {
    const z = tensor([1e4, -1e4, 1e4, -1e4, 0], { dtype, requiresGrad: true });
    const y = tensor([0, 1, 1, 0, 1], { dtype });
    const loss = bceWithLogits(z, y, { reduction: "none" });
    expectClose(loss.toArray(), [1e4, 1e4, 0, 0, Math.log(2)], tol);
    loss.sum().backward();
    expect(z.grad!.tolist()).toEqual([1, -1, 0, 0, -0.5]); // σ(z) − y, including ½ − 1 at z = 0
  });
});

test("bceWithLogits gradcheck and shape check", () => {
  const z = randomTensor([3, 2], { requiresGrad: true });
  expect(gradcheck((t) => bceWithLogits(t, [[0, 1], [1, 1], [0, 0.3]]), [z]).ok).toBe(true);
  expect(() => bceWithLogits(randomTensor([3]), randomTensor([4]))).toThrow("bceWithLogits: logits shape [3] and targets shape [4] differ");
});

describe("bceWithLogits in the tails (float64, 64-digit references, within 4 ulp)", () => {
  // loss = y·softplus(−z) + (1 − y)·softplus(z),  ∂loss/∂z = (1 − y)·σ(z) − y·σ(−z)
  test.each([0, 1, 0.25, 0.3])("target %s: loss and gradient, e.g. z = 40, y = 1 gives 4.2e-18 (not 0)", (target) => {
    const z = tensor(TAIL_POINTS, { requiresGrad: true });
    const y = tensor(TAIL_POINTS.map(() => target));
    const loss = bceWithLogits(z, y, { reduction: "none" });
    loss.sum().backward();
    const yb = exact(target);
    const zs = TAIL_POINTS.map(exact);
    const value = (v: Big) => yb.times(softplusBig(v.neg())).plus(yb.neg().plus(1).times(softplusBig(v)));
    const gradient = (v: Big) => yb.neg().plus(1).times(sigmoidBig(v)).minus(yb.times(sigmoidBig(v.neg())));
    expectWithinUlps(`bce(z, ${target})`, TAIL_POINTS, loss.toArray(), zs.map(value), 4);
    expectWithinUlps(`∂bce/∂z (y = ${target})`, TAIL_POINTS, z.grad!.toArray(), zs.map(gradient), 4);
  });
});
