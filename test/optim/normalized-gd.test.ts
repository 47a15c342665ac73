// Algorytm 11 (normalised GD): one step by hand, then 100 steps against the notes' formula.
import { describe, expect, test } from "vitest";
import { tensor } from "../../src/index";
import { NormalizedGD } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, referenceTrajectory, trajectory } from "./problem";

describe("NormalizedGD", () => {
  test("one step: every coordinate moves by ≈ α whatever its gradient", () => {
    // g = [0.5, −40], α = 0.1, ε = 1e-8:  v = g² = [0.25, 1600], √v = [0.5, 40]
    // ϕ = [1, 1] − 0.1·[0.5/(0.5+ε), −40/(40+ε)] ≈ [0.9, 1.1]
    const p = tensor([1, 1]).requiresGrad_(true);
    p.grad = tensor([0.5, -40]);
    new NormalizedGD([p], { lr: 0.1 }).step();
    expectClose(p.toArray(), [1 - 0.1 * (0.5 / (0.5 + 1e-8)), 1 - 0.1 * (-40 / (40 + 1e-8))]);
  });

  test.each(["float64", "float32"] as const)("100 steps (%s) follow ϕ ← ϕ − α·m/(√(m²) + ε)", (dtype) => {
    // Each coordinate moves by ≈ α towards c and then hops around it, so the update is discontinuous
    // where x = c; α = 0.013 keeps X0 + kα away from every cᵢ (with α = 0.01 the first coordinate
    // lands on c = 1 after 50 steps, and float32 rounding then decides the sign of the next step).
    const ref = (x: number[], g: number[]) => x.map((xi, i) => xi - (0.013 * g[i]) / (Math.sqrt(g[i] * g[i]) + 1e-8));
    const got = trajectory((ps) => new NormalizedGD(ps, { lr: 0.013 }), { dtype });
    expectClose(got.flat(), referenceTrajectory(ref).flat(), TOL[dtype]);
  });

  test("bad input", () => {
    const p = [tensor([1]).requiresGrad_(true)];
    expect(() => new NormalizedGD(p, { lr: -1 })).toThrow("NormalizedGD: lr must be a non-negative number, got -1");
    expect(() => new NormalizedGD(p, { lr: 1, eps: -1 })).toThrow("NormalizedGD: eps must be a non-negative number, got -1");
  });
});
