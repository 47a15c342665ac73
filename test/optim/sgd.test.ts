// SGD (Algorytm 8), with the notes' and PyTorch's momentum (Algorytm 9) and Nesterov (Algorytm 10):
// one step spelled out, then 100-step trajectories against plain-array implementations of the notes'
// formulas, in float64 and float32, on both kernels; and the update loop against the tensor ops it
// replaces (the same bits in float64, within a few ulps per step in float32).
import { describe, expect, test } from "vitest";
import { noGrad, referenceKernel, tensor, wasmKernel, zerosLike, type Tensor } from "../../src/index";
import { randomTensor } from "../helpers/random-tensor";
import { SGD } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { C, H, TOL, X0, gradient, referenceTrajectory, trajectory } from "./problem";

describe("SGD: one step by hand", () => {
  test("ϕ ← ϕ − α·g", () => {
    // ϕ = [1, −2], g = [0.5, 4], α = 0.1:  ϕ − α·g = [1 − 0.05, −2 − 0.4] = [0.95, −2.4]
    const p = tensor([1, -2]).requiresGrad_(true);
    p.grad = tensor([0.5, 4]);
    new SGD([p], { lr: 0.1 }).step();
    expectClose(p.toArray(), [1 - 0.1 * 0.5, -2 - 0.1 * 4]);
  });

  test("notes' momentum: m ← βm + (1−β)g, ϕ ← ϕ − αm", () => {
    // β = 0.9, α = 0.1, ϕ = 1, g = 2 both steps.
    // step 1: m = 0.9·0 + 0.1·2 = 0.2;       ϕ = 1 − 0.1·0.2 = 0.98
    // step 2: m = 0.9·0.2 + 0.1·2 = 0.38;    ϕ = 0.98 − 0.1·0.38 = 0.942
    const p = tensor([1]).requiresGrad_(true);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    p.grad = tensor([2]);
    opt.step();
    expectClose(p.toArray(), [1 - 0.1 * 0.2]);
    opt.step();
    expectClose(p.toArray(), [1 - 0.1 * 0.2 - 0.1 * 0.38]);
  });

  test("PyTorch's momentum: m₁ = g, m ← μm + g", () => {
    // μ = 0.9, α = 0.1, ϕ = 1, g = 2 both steps.
    // step 1: m = 2;               ϕ = 1 − 0.2 = 0.8
    // step 2: m = 0.9·2 + 2 = 3.8; ϕ = 0.8 − 0.38 = 0.42
    const p = tensor([1]).requiresGrad_(true);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, momentumStyle: "pytorch" });
    p.grad = tensor([2]);
    opt.step();
    expectClose(p.toArray(), [1 - 0.1 * 2]);
    opt.step();
    expectClose(p.toArray(), [1 - 0.1 * 2 - 0.1 * 3.8]);
  });
});

// Plain-array references, written from the notes' formulas.
const sgdRef = (lr: number) => (x: number[], g: number[]) => x.map((xi, i) => xi - lr * g[i]);

function momentumNotesRef(lr: number, beta: number) {
  let m = X0.map(() => 0);
  return (x: number[], g: number[]) => {
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    return x.map((xi, i) => xi - lr * m[i]);
  };
}

function momentumPytorchRef(lr: number, mu: number, dampening = 0) {
  let m: number[] | null = null;
  return (x: number[], g: number[]) => {
    m = m === null ? [...g] : m.map((mi, i) => mu * mi + (1 - dampening) * g[i]);
    return x.map((xi, i) => xi - lr * m![i]);
  };
}

/**
 * Algorytm 10 literally: the gradient is taken at the look-ahead point ϕ − αβm,
 *   m ← βm + (1−β)·∇L(ϕ − αβm),  ϕ ← ϕ − αm.
 * Returns the look-ahead points ψ = ϕ − αβm after each step — what the optimizer holds.
 */
function nesterovNotesLookahead(lr: number, beta: number, steps = 100): number[][] {
  // ψ₀ = ϕ₀ (m₀ = 0), so the optimizer starts from X0 too.
  let phi = [...X0];
  let m = X0.map(() => 0);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const ahead = phi.map((p, i) => p - lr * beta * m[i]);
    const g = ahead.map((a, i) => H[i] * (a - C[i]));
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    phi = phi.map((p, i) => p - lr * m[i]);
    out.push(phi.map((p, i) => p - lr * beta * m[i]));
  }
  return out;
}

describe.each([wasmKernel, referenceKernel])("SGD: 100-step trajectories on the $name kernel", (kernel) => {
  describe.each(["float64", "float32"] as const)("%s", (dtype) => {
    const tol = TOL[dtype];

    test("plain SGD", () => {
      const got = trajectory((ps) => new SGD(ps, { lr: 0.15 }), { dtype, kernel });
      expectClose(got.flat(), referenceTrajectory(sgdRef(0.15)).flat(), tol);
    });

    test("notes' momentum (Algorytm 9)", () => {
      const got = trajectory((ps) => new SGD(ps, { lr: 0.15, momentum: 0.9 }), { dtype, kernel });
      expectClose(got.flat(), referenceTrajectory(momentumNotesRef(0.15, 0.9)).flat(), tol);
    });

    test("PyTorch's momentum, with and without dampening", () => {
      const got = trajectory((ps) => new SGD(ps, { lr: 0.02, momentum: 0.8, momentumStyle: "pytorch" }), { dtype, kernel });
      expectClose(got.flat(), referenceTrajectory(momentumPytorchRef(0.02, 0.8)).flat(), tol);
      const damped = trajectory((ps) => new SGD(ps, { lr: 0.02, momentum: 0.8, momentumStyle: "pytorch", dampening: 0.3 }), { dtype, kernel });
      expectClose(damped.flat(), referenceTrajectory(momentumPytorchRef(0.02, 0.8, 0.3)).flat(), tol);
    });

    test("Nesterov (Algorytm 10): the parameters are the look-ahead point of the notes' literal formula", () => {
      const got = trajectory((ps) => new SGD(ps, { lr: 0.15, momentum: 0.9, nesterov: true }), { dtype, kernel });
      // The literal formula computes ϕ − αβm differently (it never forms the look-ahead step), so it
      // agrees to rounding, not bit for bit.
      expectClose(got.flat(), nesterovNotesLookahead(0.15, 0.9).flat(), dtype === "float64" ? { rtol: 1e-12, atol: 1e-13 } : tol);
    });

    test("PyTorch's Nesterov: ϕ ← ϕ − α(g + μm)", () => {
      let m: number[] | null = null;
      const ref = (x: number[], g: number[]) => {
        m = m === null ? [...g] : m.map((mi, i) => 0.8 * mi + g[i]);
        return x.map((xi, i) => xi - 0.02 * (g[i] + 0.8 * m![i]));
      };
      const got = trajectory((ps) => new SGD(ps, { lr: 0.02, momentum: 0.8, momentumStyle: "pytorch", nesterov: true }), { dtype, kernel });
      expectClose(got.flat(), referenceTrajectory(ref).flat(), tol);
    });

    test("L2-coupled weightDecay: g ← g + λϕ", () => {
      const ref = (x: number[], g: number[]) => x.map((xi, i) => xi - 0.15 * (g[i] + 0.05 * xi));
      const got = trajectory((ps) => new SGD(ps, { lr: 0.15, weightDecay: 0.05 }), { dtype, kernel });
      expectClose(got.flat(), referenceTrajectory(ref).flat(), tol);
    });
  });
});

describe("SGD: the two momentum conventions", () => {
  test("notes(α, β) equals pytorch(α(1−β), μ = β) to rounding", () => {
    const notes = trajectory((ps) => new SGD(ps, { lr: 0.15, momentum: 0.9 }));
    const torch = trajectory((ps) => new SGD(ps, { lr: 0.15 * (1 - 0.9), momentum: 0.9, momentumStyle: "pytorch" }));
    expectClose(torch.flat(), notes.flat(), TOL.float64);
  });

  test("the same run twice gives the same bits", () => {
    const a = trajectory((ps) => new SGD(ps, { lr: 0.15, momentum: 0.9, nesterov: true }));
    const b = trajectory((ps) => new SGD(ps, { lr: 0.15, momentum: 0.9, nesterov: true }));
    expect(b).toEqual(a);
  });

  test("plain SGD converges to the minimum c (sanity of the problem)", () => {
    const got = trajectory((ps) => new SGD(ps, { lr: 0.15 }), { steps: 2000 });
    expectClose(got[got.length - 1], C, { atol: 1e-8 });
    expectClose(gradient(got[got.length - 1]), C.map(() => 0), { atol: 1e-8 });
  });
});

describe("SGD: with autograd", () => {
  test("the notes' summed loss: one step from loss.backward() equals ϕ − α·Σᵢ ∂ℓᵢ/∂ϕ", () => {
    // ℓᵢ = (w·xᵢ − yᵢ)², ∂ℓᵢ/∂w = 2(w·xᵢ − yᵢ)·xᵢ, summed over the batch (Algorytm 8).
    const xs = [1, 2, -1];
    const ys = [0.5, 1, 2];
    const w = tensor([0.3]).requiresGrad_(true);
    const opt = new SGD([w], { lr: 0.05 });
    tensor(xs).mul(w).sub(tensor(ys)).square().sum().backward();
    opt.step();
    const g = xs.reduce((s, x, i) => s + 2 * (0.3 * x - ys[i]) * x, 0);
    expectClose(w.toArray(), [0.3 - 0.05 * g]);
  });
});

describe("SGD: bad input", () => {
  const p = () => [tensor([1]).requiresGrad_(true)];
  test.each([
    [{ lr: -0.1 }, "SGD: lr must be a non-negative number, got -0.1"],
    [{ lr: NaN }, "SGD: lr must be a non-negative number, got NaN"],
    [{ lr: 0.1, momentum: 1 }, "SGD: momentum must be a number in [0, 1), got 1"],
    [{ lr: 0.1, momentum: 0.9, dampening: 0.5 }, 'SGD: dampening is a momentumStyle "pytorch" option'],
    [{ lr: 0.1, nesterov: true }, "SGD: nesterov needs momentum > 0, got momentum 0"],
    [{ lr: 0.1, momentum: 0.9, momentumStyle: "pytorch", dampening: 0.5, nesterov: true }, "needs dampening 0"],
    [{ lr: 0.1, momentumStyle: "heavy" }, 'SGD: momentumStyle must be one of "notes", "pytorch", got "heavy"'],
    [{ lr: 0.1, weightDecay: -1 }, "SGD: weightDecay must be a non-negative number, got -1"],
  ])("%j", (options, message) => {
    expect(() => new SGD(p(), options as never)).toThrow(message);
  });

  test("a missing lr", () => {
    expect(() => new SGD(p(), {} as never)).toThrow("SGD: lr must be given");
  });
});

/** The SGD update as tensor ops, one per line of the algorithm — what SGD.update was before its loop. */
function sgdAsOps(p: Tensor, grad: Tensor, h: { lr: number; momentum: number; style: "notes" | "pytorch"; dampening: number; nesterov: boolean }, state: { m?: Tensor }): void {
  noGrad(() => {
    const damp = h.style === "notes" ? h.momentum : h.dampening;
    if (h.momentum === 0) {
      p.add_(grad, -h.lr);
      return;
    }
    if (state.m === undefined) state.m = h.style === "notes" ? zerosLike(p).add_(grad, 1 - damp) : grad.clone();
    else state.m.mul_(h.momentum).add_(grad, 1 - damp);
    p.add_(h.nesterov ? state.m.mul(h.momentum).add_(grad, 1 - damp) : state.m, -h.lr);
  });
}

/** The spacing of float32 numbers at x. */
function ulp32(x: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(x) || 2 ** -126)) - 23);
}

describe("SGD: the update loop against the tensor ops it replaces", () => {
  const configs = [
    { lr: 0.1, momentum: 0.9, style: "notes", dampening: 0, nesterov: false },
    { lr: 0.01, momentum: 0.9, style: "pytorch", dampening: 0, nesterov: false },
    { lr: 0.02, momentum: 0.8, style: "pytorch", dampening: 0.3, nesterov: false },
    { lr: 0.1, momentum: 0.9, style: "notes", dampening: 0, nesterov: true },
    { lr: 0.02, momentum: 0.8, style: "pytorch", dampening: 0, nesterov: true },
  ] as const;

  test.each(configs)("float64, %o: the same bits over 5 steps", (h) => {
    const p = randomTensor([7, 9], { seed: 1 }).requiresGrad_();
    const q = p.detach().clone().requiresGrad_();
    const opt = new SGD([p], { lr: h.lr, momentum: h.momentum, momentumStyle: h.style, dampening: h.dampening, nesterov: h.nesterov });
    const state = {};
    for (let step = 0; step < 5; step++) {
      const g = randomTensor([7, 9], { seed: 10 + step });
      p.grad = g;
      opt.step();
      sgdAsOps(q, g, h, state);
      expectClose(p.toArray(), q.toArray(), { rtol: 0 });
    }
  });

  test.each(configs)("float32, %o: within a few ulps of each stored value per step", (h) => {
    // The loop rounds each line's value once; the ops rounded every product to float32 as well.
    const p = randomTensor([7, 9], { seed: 2, dtype: "float32" }).requiresGrad_();
    const opt = new SGD([p], { lr: h.lr, momentum: h.momentum, momentumStyle: h.style, dampening: h.dampening, nesterov: h.nesterov });
    const state: { m?: Tensor } = {};
    for (let step = 0; step < 5; step++) {
      // both start the step from the loop's values, so only one step's roundings are compared
      const q = p.detach().clone().requiresGrad_();
      if (step > 0) state.m = (opt.state.get(p)!.momentumBuffer as Tensor).clone();
      const mBefore = state.m?.toArray();
      const g = randomTensor([7, 9], { seed: 20 + step, dtype: "float32" });
      p.grad = g;
      opt.step();
      sgdAsOps(q, g, h, state);
      const [a, b] = [p.toArray(), q.toArray()];
      const m = opt.state.get(p)!.momentumBuffer as Tensor;
      for (let i = 0; i < a.length; i++) {
        // the momentum buffer: ≤ 2 ulps of the larger of its two terms β·m and (1 − β)·g
        const terms = Math.max(Math.abs(h.momentum * (mBefore?.[i] ?? 0)), Math.abs(g.toArray()[i]));
        expect(Math.abs(m.toArray()[i] - state.m!.toArray()[i])).toBeLessThanOrEqual(2 * ulp32(terms));
        // the parameter: ≤ 2 ulps of itself plus α times 4 ulps of the step's terms (Nesterov's direction is rounded twice more)
        const stepTerms = Math.max(terms, Math.abs(m.toArray()[i]));
        expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(2 * ulp32(b[i]) + h.lr * 4 * ulp32(stepTerms));
      }
    }
  });
});
