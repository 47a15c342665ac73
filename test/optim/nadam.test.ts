// NAdam (Dozat 2016): the constant-momentum form and PyTorch's warming-up momentum, each against a
// plain-array implementation written from its formula.
import { describe, expect, test } from "vitest";
import { tensor } from "../../src/index";
import { NAdam } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, X0, referenceTrajectory, trajectory } from "./problem";

/** Dozat's simplified NAdam: ϕ ← ϕ − α(β·m/(1−β^{t+1}) + (1−β)·g/(1−β^t))/(√v̂ + ε). */
function nadamConstantRef(lr: number, beta: number, gamma: number, eps: number) {
  let m = X0.map(() => 0);
  let v = X0.map(() => 0);
  return (x: number[], g: number[], t: number) => {
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    v = v.map((vi, i) => gamma * vi + (1 - gamma) * g[i] * g[i]);
    return x.map((xi, i) => {
      const step = (beta * m[i]) / (1 - beta ** (t + 1)) + ((1 - beta) * g[i]) / (1 - beta ** t);
      return xi - (lr * step) / (Math.sqrt(v[i] / (1 - gamma ** t)) + eps);
    });
  };
}

/** torch.optim.NAdam's documented algorithm, μ_t = β(1 − ½·0.96^{tψ}). */
function nadamPytorchRef(lr: number, beta: number, gamma: number, eps: number, psi: number) {
  let m = X0.map(() => 0);
  let v = X0.map(() => 0);
  let product = 1;
  const mu = (t: number) => beta * (1 - 0.5 * 0.96 ** (t * psi));
  return (x: number[], g: number[], t: number) => {
    product *= mu(t);
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    v = v.map((vi, i) => gamma * vi + (1 - gamma) * g[i] * g[i]);
    return x.map((xi, i) => {
      const denom = Math.sqrt(v[i] / (1 - gamma ** t)) + eps;
      return xi - (lr * (1 - mu(t)) * g[i]) / ((1 - product) * denom) - (lr * mu(t + 1) * m[i]) / ((1 - product * mu(t + 1)) * denom);
    });
  };
}

describe("NAdam", () => {
  test("one step by hand (constant momentum)", () => {
    // α = 0.1, β = 0.9, γ = 0.999, ϕ = 1, g = 2: m = 0.2, v̂ = 4
    // ϕ = 1 − 0.1·(0.9·0.2/(1−0.81) + 0.1·2/0.1)/(2 + ε)
    const p = tensor([1]).requiresGrad_(true);
    p.grad = tensor([2]);
    new NAdam([p], { lr: 0.1 }).step();
    expectClose(p.toArray(), [1 - (0.1 * ((0.9 * 0.2) / (1 - 0.81) + (0.1 * 2) / 0.1)) / (2 + 1e-8)], { rtol: 1e-14 });
  });

  test.each(["float64", "float32"] as const)("100 steps (%s), both momentum schedules", (dtype) => {
    const got = trajectory((ps) => new NAdam(ps, { lr: 0.05 }), { dtype });
    expectClose(got.flat(), referenceTrajectory(nadamConstantRef(0.05, 0.9, 0.999, 1e-8)).flat(), TOL[dtype]);
    const got2 = trajectory((ps) => new NAdam(ps, { lr: 0.05, momentumSchedule: "pytorch" }), { dtype });
    expectClose(got2.flat(), referenceTrajectory(nadamPytorchRef(0.05, 0.9, 0.999, 1e-8, 4e-3)).flat(), TOL[dtype]);
  });

  test("bad input", () => {
    expect(() => new NAdam([tensor([1]).requiresGrad_(true)], { momentumSchedule: "x" as never })).toThrow(
      'NAdam: momentumSchedule must be one of "constant", "pytorch", got "x"',
    );
  });
});
