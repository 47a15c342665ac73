import { describe, expect, test } from "vitest";
import { PReLU, prelu } from "../../../src/nn/activations/prelu";
import { gradcheck, tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { checkActivation } from "./check-activation";

checkActivation({
  name: "prelu (one slope, initial 0.25)",
  fn: (x) => prelu(x, tensor([0.25], { dtype: x.dtype })),
  module: new PReLU(),
  value: (x) => (x > 0 ? x : 0.25 * x),
  derivative: (x) => (x > 0 ? 1 : 0.25),
});

describe("PReLU", () => {
  test("per-channel slopes act on dim 1 of (N, C, L); gradients reach x and α", () => {
    const x = randomTensor([2, 3, 4], { requiresGrad: true });
    const alpha = tensor([0.1, 0.2, 0.3], { requiresGrad: true });
    const y = prelu(x, alpha);
    const xs = x.toArray();
    const expected = Array.from(xs, (v, i) => (v > 0 ? v : [0.1, 0.2, 0.3][Math.floor(i / 4) % 3] * v));
    expectClose(y.toArray(), expected, { rtol: 1e-15 });
    expect(gradcheck((a, b) => prelu(a, b).square().sum(), [x, alpha]).ok).toBe(true);
    // ∂/∂α_c Σ prelu = Σ over channel c of min(x, 0)
    y.sum().backward();
    const dAlpha = [0, 0, 0];
    Array.from(xs).forEach((v, i) => (dAlpha[Math.floor(i / 4) % 3] += Math.min(v, 0)));
    expectClose(alpha.grad!.toArray(), dAlpha, { rtol: 1e-14 });
  });

  test("the module's α is a parameter and a channel mismatch is named", () => {
    const m = new PReLU(3);
    expect(m.parameters()).toEqual([m.weight]);
    expect(m.weight.tolist()).toEqual([0.25, 0.25, 0.25]);
    expect(m.toString()).toBe("PReLU(numParameters=3)");
    expect(() => m.forward(randomTensor([2, 4]))).toThrow(/3 slopes but the input has 4 channels in dim 1 \(input shape \[2, 4\]\)/);
  });
});
