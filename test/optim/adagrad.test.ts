// Algorytm 12 (AdaGrad): one step by hand, then 100 steps against the notes' formula.
import { describe, expect, test } from "vitest";
import { tensor } from "../../src/index";
import { Adagrad } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, X0, referenceTrajectory, trajectory } from "./problem";

function adagradRef(lr: number, eps: number, s0 = 0, weightDecay = 0) {
  let s = X0.map(() => s0);
  return (x: number[], grad: number[]) => {
    const g = grad.map((gi, i) => gi + weightDecay * x[i]);
    s = s.map((si, i) => si + g[i] * g[i]); // s ← s + g²
    return x.map((xi, i) => xi - (lr * g[i]) / (Math.sqrt(s[i]) + eps)); // ϕ ← ϕ − α·g/(√s + ε)
  };
}

describe("Adagrad", () => {
  test("two steps by hand", () => {
    // α = 0.1, ε = 1e-10, ϕ = 1, g = 3 then g = 4.
    // step 1: s = 9;  ϕ = 1 − 0.1·3/(3 + ε) ≈ 0.9
    // step 2: s = 25; ϕ ≈ 0.9 − 0.1·4/(5 + ε) = 0.82
    const p = tensor([1]).requiresGrad_(true);
    const opt = new Adagrad([p], { lr: 0.1 });
    p.grad = tensor([3]);
    opt.step();
    p.grad = tensor([4]);
    opt.step();
    expectClose(p.toArray(), [1 - (0.1 * 3) / (3 + 1e-10) - (0.1 * 4) / (5 + 1e-10)]);
  });

  test.each(["float64", "float32"] as const)("100 steps (%s)", (dtype) => {
    const got = trajectory((ps) => new Adagrad(ps, { lr: 0.5 }), { dtype });
    expectClose(got.flat(), referenceTrajectory(adagradRef(0.5, 1e-10)).flat(), TOL[dtype]);
    const options = { lr: 0.5, eps: 1e-6, initialAccumulatorValue: 0.1, weightDecay: 0.01 };
    const got2 = trajectory((ps) => new Adagrad(ps, options), { dtype });
    expectClose(got2.flat(), referenceTrajectory(adagradRef(0.5, 1e-6, 0.1, 0.01)).flat(), TOL[dtype]);
  });

  test("bad input", () => {
    const p = [tensor([1]).requiresGrad_(true)];
    expect(() => new Adagrad(p, { lr: -1 })).toThrow("Adagrad: lr must be a non-negative number, got -1");
    expect(() => new Adagrad(p, { initialAccumulatorValue: -1 })).toThrow("Adagrad: initialAccumulatorValue must be a non-negative number, got -1");
  });
});
