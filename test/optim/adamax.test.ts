// AdaMax (Kingma & Ba 2015, section 7.1): one step by hand, then 100 steps against the paper's
// Algorithm 2 (with PyTorch's ε inside the max).
import { describe, expect, test } from "vitest";
import { tensor } from "../../src/index";
import { Adamax } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, X0, referenceTrajectory, trajectory } from "./problem";

function adamaxRef(lr: number, beta: number, gamma: number, eps: number) {
  let m = X0.map(() => 0);
  let u = X0.map(() => 0);
  return (x: number[], g: number[], t: number) => {
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    u = u.map((ui, i) => Math.max(gamma * ui, Math.abs(g[i]) + eps)); // elementwise |g|, not a norm
    return x.map((xi, i) => xi - (lr / (1 - beta ** t)) * (m[i] / u[i]));
  };
}

describe("Adamax", () => {
  test("one step by hand", () => {
    // α = 0.1, β = 0.9, ϕ = [1, 1], g = [2, −0.5], ε = 0: m = [0.2, −0.05], u = [2, 0.5]
    // ϕ = 1 − (0.1/0.1)·m/u = [1 − 0.1, 1 + 0.1]: the first step is α·sign(g) per coordinate
    const p = tensor([1, 1]).requiresGrad_(true);
    p.grad = tensor([2, -0.5]);
    new Adamax([p], { lr: 0.1, eps: 0 }).step();
    expectClose(p.toArray(), [1 - (0.1 / (1 - 0.9)) * (0.2 / 2), 1 - (0.1 / (1 - 0.9)) * (-0.05 / 0.5)]);
  });

  test.each(["float64", "float32"] as const)("100 steps (%s)", (dtype) => {
    const got = trajectory((ps) => new Adamax(ps, { lr: 0.05 }), { dtype });
    expectClose(got.flat(), referenceTrajectory(adamaxRef(0.05, 0.9, 0.999, 1e-8)).flat(), TOL[dtype]);
  });

  test("bad input", () => {
    expect(() => new Adamax([tensor([1]).requiresGrad_(true)], { lr: -2 })).toThrow("Adamax: lr must be a non-negative number, got -2");
  });
});
