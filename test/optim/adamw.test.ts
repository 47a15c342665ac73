// Algorytm 16 (AdamW): decoupled decay in the notes' (1−λ)ϕ and PyTorch's (1−αλ)ϕ forms, against a
// plain-array implementation; the two forms agree when λ_notes = α·λ_pytorch.
import { describe, expect, test } from "vitest";
import { tensor } from "../../src/index";
import { AdamW } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, X0, referenceTrajectory, trajectory } from "./problem";

function adamwRef(lr: number, lambda: number, beta = 0.9, gamma = 0.999, eps = 1e-8) {
  let m = X0.map(() => 0);
  let v = X0.map(() => 0);
  return (x: number[], g: number[], t: number) => {
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    v = v.map((vi, i) => gamma * vi + (1 - gamma) * g[i] * g[i]);
    return x.map((xi, i) => (1 - lambda) * xi - (lr * (m[i] / (1 - beta ** t))) / (Math.sqrt(v[i] / (1 - gamma ** t)) + eps));
  };
}

describe("AdamW", () => {
  test("one step by hand", () => {
    // α = 0.1, λ = 0.2, ϕ = 1, g = 2: ϕ = (1 − 0.2)·1 − 0.1·2/(2 + ε) ≈ 0.7
    const p = tensor([1]).requiresGrad_(true);
    p.grad = tensor([2]);
    new AdamW([p], { lr: 0.1, weightDecay: 0.2 }).step();
    expectClose(p.toArray(), [(1 - 0.2) * 1 - (0.1 * 2) / (2 + 1e-8)]);
  });

  test.each(["float64", "float32"] as const)("100 steps (%s), both decay styles", (dtype) => {
    const notes = trajectory((ps) => new AdamW(ps, { lr: 0.05, weightDecay: 0.01 }), { dtype });
    expectClose(notes.flat(), referenceTrajectory(adamwRef(0.05, 0.01)).flat(), TOL[dtype]);
    const torch = trajectory((ps) => new AdamW(ps, { lr: 0.05, weightDecay: 0.2, decayStyle: "pytorch" }), { dtype });
    expectClose(torch.flat(), referenceTrajectory(adamwRef(0.05, 0.05 * 0.2)).flat(), TOL[dtype]);
  });

  test("bad input", () => {
    const p = [tensor([1]).requiresGrad_(true)];
    expect(() => new AdamW(p, {} as never)).toThrow("AdamW: weightDecay must be given");
    expect(() => new AdamW(p, { weightDecay: 2 })).toThrow("AdamW: the decay factor λ must be at most 1, got 2");
    expect(() => new AdamW(p, { weightDecay: 0.1, decayStyle: "x" as never })).toThrow('AdamW: decayStyle must be one of "notes", "pytorch", got "x"');
  });
});
