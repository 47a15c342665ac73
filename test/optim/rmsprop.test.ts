// Algorytm 13 (RMSProp): one step by hand, then 100 steps against the notes' formula.
import { describe, expect, test } from "vitest";
import { tensor } from "../../src/index";
import { RMSprop } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, X0, referenceTrajectory, trajectory } from "./problem";

function rmspropRef(lr: number, rho: number, eps: number) {
  let s = X0.map(() => 0);
  return (x: number[], g: number[]) => {
    s = s.map((si, i) => rho * si + (1 - rho) * g[i] * g[i]); // s ← ρs + (1−ρ)g²
    return x.map((xi, i) => xi - (lr * g[i]) / (Math.sqrt(s[i]) + eps));
  };
}

describe("RMSprop", () => {
  test("one step by hand", () => {
    // α = 0.01, ρ = 0.99, ε = 1e-8, ϕ = 1, g = 2:  s = 0.01·4 = 0.04, √s = 0.2
    // ϕ = 1 − 0.01·2/(0.2 + ε) ≈ 0.9
    const p = tensor([1]).requiresGrad_(true);
    p.grad = tensor([2]);
    new RMSprop([p]).step();
    expectClose(p.toArray(), [1 - (0.01 * 2) / (Math.sqrt(0.01 * 4) + 1e-8)]);
  });

  test.each(["float64", "float32"] as const)("100 steps (%s)", (dtype) => {
    const got = trajectory((ps) => new RMSprop(ps, { lr: 0.01, rho: 0.9 }), { dtype });
    expectClose(got.flat(), referenceTrajectory(rmspropRef(0.01, 0.9, 1e-8)).flat(), TOL[dtype]);
  });

  test("unlike AdaGrad its step does not shrink for good under a constant gradient", () => {
    // constant g: AdaGrad's step α·g/√(t·g²) = α/√t → 0; RMSProp's → α·g/√(g²) = α.
    const p = tensor([0]).requiresGrad_(true);
    const opt = new RMSprop([p], { lr: 0.01, rho: 0.9 });
    let before = 0;
    for (let t = 0; t < 200; t++) {
      before = p.item();
      p.grad = tensor([2]);
      opt.step();
    }
    expectClose([before - p.item()], [0.01 * 2 / (Math.sqrt((1 - 0.9 ** 200) * 4) + 1e-8)]);
  });

  test("bad input", () => {
    const p = [tensor([1]).requiresGrad_(true)];
    expect(() => new RMSprop(p, { rho: 1 })).toThrow("RMSprop: rho must be a number in [0, 1), got 1");
  });
});
