// Algorytm 14 (Adam): one step by hand (as tfjs' adam_optimizer_test), then 100 steps against the
// notes' formula in float64 and float32 on both kernels, and the update loop against the tensor ops
// it replaces (the same bits in float64, within a stated bound per step in float32).
import { describe, expect, test } from "vitest";
import { noGrad, referenceKernel, tensor, wasmKernel, zerosLike, type Tensor } from "../../src/index";
import { randomTensor } from "../helpers/random-tensor";
import { Adam } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { TOL, X0, referenceTrajectory, trajectory } from "./problem";

/** The notes' Adam in plain arrays (t = 1, 2, …). */
export function adamRef(lr: number, beta: number, gamma: number, eps: number, weightDecay = 0) {
  let m = X0.map(() => 0);
  let v = X0.map(() => 0);
  return (x: number[], grad: number[], t: number) => {
    const g = grad.map((gi, i) => gi + weightDecay * x[i]);
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    v = v.map((vi, i) => gamma * vi + (1 - gamma) * g[i] * g[i]);
    return x.map((xi, i) => {
      const mHat = m[i] / (1 - beta ** t);
      const vHat = v[i] / (1 - gamma ** t);
      return xi - (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
  };
}

describe("Adam: two steps by hand", () => {
  test("bias correction makes the first step ≈ α·sign(g)", () => {
    // α = 0.1, β = 0.9, γ = 0.999, ε = 1e-8, ϕ = 1.
    // step 1, g = 2: m = 0.2, v = 0.004; m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4
    //         ϕ = 1 − 0.1·2/(2 + ε) ≈ 0.9
    // step 2, g = −1: m = 0.18 − 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996
    //         m̂ = 0.08/0.19, v̂ = 0.004996/0.001999; ϕ ≈ 0.9 − 0.1·m̂/(√v̂ + ε)
    const p = tensor([1]).requiresGrad_(true);
    const opt = new Adam([p], { lr: 0.1 });
    p.grad = tensor([2]);
    opt.step();
    const phi1 = 1 - (0.1 * ((0.1 * 2) / (1 - 0.9))) / (Math.sqrt((0.001 * 4) / (1 - 0.999)) + 1e-8);
    expectClose(p.toArray(), [phi1]);
    p.grad = tensor([-1]);
    opt.step();
    const m2 = 0.9 * 0.1 * 2 + 0.1 * -1;
    const v2 = 0.999 * 0.001 * 4 + 0.001 * 1;
    expectClose(p.toArray(), [phi1 - (0.1 * (m2 / (1 - 0.9 ** 2))) / (Math.sqrt(v2 / (1 - 0.999 ** 2)) + 1e-8)]);
  });
});

describe.each([wasmKernel, referenceKernel])("Adam: 100 steps on the $name kernel", (kernel) => {
  test.each(["float64", "float32"] as const)("%s", (dtype) => {
    const got = trajectory((ps) => new Adam(ps, { lr: 0.05 }), { dtype, kernel });
    expectClose(got.flat(), referenceTrajectory(adamRef(0.05, 0.9, 0.999, 1e-8)).flat(), TOL[dtype]);
    // weightDecay 0.07, not 0.1: with 0.1 the first coordinate starts exactly where g + λϕ = 0, and
    // Adam's g/√(g²) then amplifies the sign of a rounding error to a full step of α.
    const got2 = trajectory((ps) => new Adam(ps, { lr: 0.02, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.07 }), { dtype, kernel });
    expectClose(got2.flat(), referenceTrajectory(adamRef(0.02, 0.8, 0.99, 1e-6, 0.07)).flat(), TOL[dtype]);
  });
});

describe("Adam: bad input", () => {
  const p = () => [tensor([1]).requiresGrad_(true)];
  test.each([
    [{ betas: [0.9, 1] }, "Adam: betas[1] (γ) must be a number in [0, 1), got 1"],
    [{ betas: [-0.1, 0.9] }, "Adam: betas[0] (β) must be a number in [0, 1), got -0.1"],
    [{ betas: [0.9] }, "Adam: betas must be a pair [β, γ], got [0.9]"],
    [{ eps: -1 }, "Adam: eps must be a non-negative number, got -1"],
  ])("%j", (options, message) => {
    expect(() => new Adam(p(), options as never)).toThrow(message);
  });
});

/** Adam's update as tensor ops, one per line of Algorytm 14 — what adamUpdate was before its loop. */
function adamAsOps(p: Tensor, g: Tensor, h: { lr: number; betas: [number, number]; eps: number }, state: { m?: Tensor; v?: Tensor; t?: number }): void {
  noGrad(() => {
    const [beta, gamma] = h.betas;
    state.m ??= zerosLike(p);
    state.v ??= zerosLike(p);
    state.t = (state.t ?? 0) + 1;
    state.m.mul_(beta).add_(g, 1 - beta);
    state.v.mul_(gamma).add_(g.square(), 1 - gamma);
    const mHat = state.m.div(1 - beta ** state.t);
    const vHat = state.v.div(1 - gamma ** state.t);
    p.add_(mHat.div(vHat.sqrt().add(h.eps)), -h.lr);
  });
}

describe("Adam: the update loop against the tensor ops it replaces", () => {
  const h = { lr: 0.05, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };

  test("float64: the same bits over 5 steps", () => {
    const p = randomTensor([6, 7], { seed: 1 }).requiresGrad_();
    const q = p.detach().clone().requiresGrad_();
    const opt = new Adam([p], h);
    const state = {};
    for (let step = 0; step < 5; step++) {
      const g = randomTensor([6, 7], { seed: 10 + step });
      p.grad = g;
      opt.step();
      adamAsOps(q, g, h, state);
      expectClose(p.toArray(), q.toArray(), { rtol: 0 });
    }
  });

  test("float32: each step within 2 ulps of ϕ plus α·1e-6 of the ops' result", () => {
    // The loop keeps m̂, v̂ and the step in float64 and rounds m, v and ϕ once each; the ops rounded
    // every intermediate to float32. The step α·m̂/(√v̂ + ε) is at most ~α in size, so its float32
    // roundings move ϕ by well under α·1e-6.
    const p = randomTensor([6, 7], { seed: 2, dtype: "float32" }).requiresGrad_();
    const opt = new Adam([p], h);
    for (let step = 0; step < 5; step++) {
      const s = opt.state.get(p);
      const state = s === undefined ? {} : { m: (s.expAvg as Tensor).clone(), v: (s.expAvgSq as Tensor).clone(), t: s.step as number };
      const q = p.detach().clone().requiresGrad_();
      const g = randomTensor([6, 7], { seed: 20 + step, dtype: "float32" });
      p.grad = g;
      opt.step();
      adamAsOps(q, g, h, state);
      const [a, b] = [p.toArray(), q.toArray()];
      for (let i = 0; i < a.length; i++) {
        const ulp = 2 ** (Math.floor(Math.log2(Math.abs(b[i]))) - 23);
        expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(2 * ulp + h.lr * 1e-6);
      }
    }
  });
});
