// Linear: x·Ωᵀ + β against a plain-JS product, PyTorch's initialisation from the seeded generator,
// the input-size error, gradcheck in float64, and float32.
import { describe, expect, test } from "vitest";
import { Linear } from "../../src/nn/linear";
import { heUniform_ } from "../../src/init/he";
import { gradcheck, manualSeed, RandomState, zeros } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

describe.each(["float64", "float32"] as const)("Linear in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-14 } : { rtol: 1e-5, atol: 1e-6 };
  test("forward is x·Ωᵀ + β (plain-JS reference), on (N, in) and (B, N, in)", () => {
    const layer = new Linear(5, 3, { dtype });
    expect(layer.weight.shape).toEqual([3, 5]);
    expect(layer.bias!.shape).toEqual([3]);
    expect(layer.weight.dtype).toBe(dtype);
    const x = randomTensor([2, 4, 5], { dtype });
    const y = layer.forward(x);
    expect(y.shape).toEqual([2, 4, 3]);
    const w = layer.weight.toArray();
    const b = layer.bias!.toArray();
    const xs = x.toArray();
    const expected: number[] = [];
    for (let r = 0; r < 8; r++) {
      for (let o = 0; o < 3; o++) {
        let s = b[o];
        for (let i = 0; i < 5; i++) s += xs[r * 5 + i] * w[o * 5 + i];
        expected.push(s);
      }
    }
    expectClose(y.toArray(), expected, tol);
  });
});

describe("Linear", () => {
  test("initialisation: U(−1/√in, 1/√in) from the generator, Ω (row-major) then β — PyTorch's kaiming_uniform(a=√5)", () => {
    const layer = new Linear(4, 3, { generator: new RandomState(11) });
    const g = new RandomState(11);
    const bound = 1 / Math.sqrt(4);
    const draw = () => -bound + 2 * bound * g.randomSample();
    expect(Array.from(layer.weight.toArray())).toEqual(Array.from({ length: 12 }, draw));
    expect(Array.from(layer.bias!.toArray())).toEqual(Array.from({ length: 3 }, draw));
    // the same as He-uniform with negative slope √5 (bound √(3·2/((1 + 5)·in)))
    const he = heUniform_(zeros([3, 4]), { negativeSlope: Math.sqrt(5), generator: new RandomState(11) });
    expectClose(he.toArray(), layer.weight.toArray(), { rtol: 1e-15 });
  });

  test("the default generator: manualSeed makes layers reproducible", () => {
    manualSeed(3);
    const a = new Linear(3, 2);
    manualSeed(3);
    const b = new Linear(3, 2);
    expect(a.stateDict()).toEqual(b.stateDict());
  });

  test("gradcheck in float64 with respect to x, Ω and β", () => {
    const layer = new Linear(4, 3);
    const x = randomTensor([5, 4], { requiresGrad: true });
    const result = gradcheck((xx, w, b) => xx.matmul(w.T).add(b).tanh().sum(), [x, layer.weight, layer.bias!]);
    expect(result.ok).toBe(true);
    // the module's own graph gives the same gradients as the explicit formula
    layer.forward(x).tanh().sum().backward();
    expect(layer.weight.grad).not.toBeNull();
    expect(gradcheck((xx) => layer.forward(xx).tanh().sum(), [x]).ok).toBe(true);
  });

  test("without bias there is one parameter and no β is added", () => {
    const layer = new Linear(3, 2, { bias: false });
    expect(layer.bias).toBeNull();
    expect(layer.parameters()).toEqual([layer.weight]);
    const x = randomTensor([1, 3]);
    expect(layer.forward(x).tolist()).toEqual(x.matmul(layer.weight.T).tolist());
  });

  test("a wrong input size is named", () => {
    const layer = new Linear(40, 100);
    expect(() => layer.forward(randomTensor([100, 39]))).toThrow(
      "Linear(40, 100): input has 39 features in its last dimension, expected 40 (input shape [100, 39])",
    );
    expect(() => new Linear(0, 3)).toThrow(/inFeatures must be a positive integer \(got 0\)/);
  });
});

test("an empty batch (N = 0) gives an empty output and zero gradients, as in PyTorch", () => {
  const layer = new Linear(4, 3, { generator: new RandomState(0) });
  const x = zeros([0, 4], { requiresGrad: true });
  const y = layer.forward(x); // (0, 3)
  expect(y.shape).toEqual([0, 3]);
  y.sum().backward();
  expect(x.grad!.shape).toEqual([0, 4]);
  expect(layer.weight.grad!.tolist()).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
  expect(layer.bias!.grad!.tolist()).toEqual([0, 0, 0]);
});
