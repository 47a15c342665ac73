import { describe, expect, test } from "vitest";
import { mse } from "../../src/losses/mse";
import { gradcheck } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

describe.each(["float64", "float32"] as const)("mse in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-14 } : { rtol: 2e-6 };
  test("(ŷ − y)² with mean, sum and none; gradient 2(ŷ − y)/n", () => {
    const yhat = randomTensor([4, 3], { dtype, requiresGrad: true });
    const y = randomTensor([4, 3], { dtype, seed: 2 });
    const sq = Array.from(yhat.toArray(), (v, i) => (v - y.toArray()[i]) ** 2);
    const total = sq.reduce((a, b) => a + b, 0);
    expectClose(mse(yhat, y, { reduction: "none" }).toArray(), sq, tol);
    expectClose([mse(yhat, y, { reduction: "sum" }).item()], [total], tol);
    const loss = mse(yhat, y);
    expectClose([loss.item()], [total / 12], tol);
    loss.backward();
    expectClose(yhat.grad!.toArray(), Array.from(yhat.toArray(), (v, i) => (2 * (v - y.toArray()[i])) / 12), tol);
  });
});

test("mse gradcheck, nested-array targets, and shape mismatch", () => {
  const yhat = randomTensor([5], { requiresGrad: true });
  expect(gradcheck((t) => mse(t, [1, 2, 3, 4, 5]), [yhat]).ok).toBe(true);
  expect(() => mse(randomTensor([3]), randomTensor([3, 1]))).toThrow("mse: prediction shape [3] and target shape [3, 1] differ");
  expect(() => mse(randomTensor([3]), randomTensor([3]), { reduction: "avg" as never })).toThrow(/reduction must be "mean", "sum" or "none" \(got "avg"\)/);
});
