import { describe, expect, test } from "vitest";
import { LogSoftmax, Softmax } from "../../../src/nn/activations/softmax";
import { gradcheck, tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";

describe.each(["float64", "float32"] as const)("Softmax modules in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-14, atol: 1e-16 } : { rtol: 2e-6, atol: 1e-7 };
  test("rows are exp(z)/Σexp(z) along dim, and LogSoftmax is its log", () => {
    const x = randomTensor([3, 4], { dtype });
    const rows = x.tolist() as number[][];
    const expected = rows.flatMap((r) => {
      const s = r.reduce((a, v) => a + Math.exp(v), 0);
      return r.map((v) => Math.exp(v) / s);
    });
    expectClose(new Softmax(1).forward(x).toArray(), expected, tol);
    expectClose(new LogSoftmax().forward(x).toArray(), expected.map(Math.log), tol);
    // along dim 0: columns sum to 1
    expectClose(new Softmax(0).forward(x).sum(0).toArray(), [1, 1, 1, 1], tol);
  });

  test("logits of ±1e4 stay finite", () => {
    const y = new Softmax().forward(tensor([[1e4, -1e4, 0]], { dtype }));
    expect(y.tolist()).toEqual([[1, 0, 0]]);
  });
});

test("gradcheck and repr", () => {
  const x = randomTensor([2, 5], { requiresGrad: true });
  const w = randomTensor([2, 5], { seed: 3 });
  expect(gradcheck((t) => new Softmax().forward(t).mul(w).sum(), [x]).ok).toBe(true);
  expect(new Softmax(1).toString()).toBe("Softmax(dim=1)");
});
