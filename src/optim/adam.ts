// Algorytm 14 — Adam (adaptive moment estimation); Kingma & Ba 2015.
//
// Normalised SGD with momentum: a moving average of the gradient (m, the notes' β) divided by the root
// of a moving average of its square (v, the notes' γ), both bias-corrected:
//   m ← β·m + (1−β)·g
//   v ← γ·v + (1−γ)·g²
//   m̂ = m / (1 − β^t),  v̂ = v / (1 − γ^t)      (t = 1 on the first step; m₀ = v₀ = 0)
//   ϕ ← ϕ − α · m̂ / (√v̂ + ε)
// The notes count t from 0 and write β^{t+1}; it is the same number. m and v start at zero, so both
// are too small at first, v (averaging more slowly) more than m: without the correction the first
// step would be m₁/√v₁ = (1−β)/√(1−γ) ≈ 3.2 times too long per coordinate for the default rates.
// betas = [β, γ] (PyTorch's betas = (β1, β2)); defaults lr 1e-3, [0.9, 0.999], eps 1e-8 as in the
// paper. weightDecay is the L2-coupled kind of torch.optim.Adam (g ← g + weightDecay·ϕ) — the one
// the notes warn against for Adam; AdamW (adamw.ts) is the decoupled fix.
//
// The update is one loop over each parameter's elements, every line of the algorithm per element (as
// tensor ops it read and wrote each parameter a dozen times and allocated five temporaries). In
// float64 it gives the same bits as those ops; in float32 each line's value is computed in float64 and
// rounded once when stored (m, v, ϕ), where the ops rounded every intermediate to float32.

import type { FloatArray } from "../core/kernel";
import { denseElements, type Tensor } from "../tensor/tensor";
import { zerosLike } from "../tensor/creation";
import { Optimizer, checkBetas, checkNonNegative, updateElements, type ParamState, type ParamsInput } from "./optimizer";
import { withL2 } from "./weight-decay";

export interface AdamHyper {
  lr: number;
  /** [β, γ]: decay of the first-moment and of the second-moment average. */
  betas: [number, number];
  eps: number;
  /** L2-coupled: g ← g + weightDecay·ϕ (torch.optim.Adam's weight_decay). */
  weightDecay: number;
}

/**
 * Algorytm 14: Adam. Its first step moves each coordinate by about lr, in the direction of −g.
 * @example
 * const p = tensor([1, -2], { requiresGrad: true });
 * const opt = new optim.Adam([p], { lr: 0.1 });
 * p.grad = tensor([0.5, -3]);
 * opt.step();                                // m̂ = g, v̂ = g²: ϕ ← ϕ − α·g/(|g| + ε)
 * const [a, b] = p.tolist() as number[];
 * expect(a).toBeCloseTo(0.9, 6);
 * expect(b).toBeCloseTo(-1.9, 6);
 */
export class Adam extends Optimizer<AdamHyper> {
  constructor(params: ParamsInput<AdamHyper>, options: Partial<AdamHyper> = {}) {
    super("Adam", params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }, options);
  }

  protected checkHyper(h: AdamHyper): void {
    checkAdamHyper(this.name, h);
  }

  protected update(p: Tensor, grad: Tensor, h: AdamHyper, state: ParamState): void {
    adamUpdate(p, withL2(grad, p, h.weightDecay), h, state);
  }
}

/** The checks shared by Adam and AdamW. */
export function checkAdamHyper(name: string, h: AdamHyper): void {
  checkNonNegative(name, "lr", h.lr);
  checkBetas(name, h.betas);
  checkNonNegative(name, "eps", h.eps);
  checkNonNegative(name, "weightDecay", h.weightDecay);
}

/** One Adam step of one parameter from gradient g (shared with AdamW, which decays ϕ first). */
export function adamUpdate(p: Tensor, g: Tensor, h: { lr: number; betas: [number, number]; eps: number }, state: ParamState): void {
  const [beta, gamma] = h.betas;
  if (state.step === undefined) {
    state.step = 0;
    state.expAvg = zerosLike(p);
    state.expAvgSq = zerosLike(p);
  }
  const t = (state.step as number) + 1;
  state.step = t;
  const gd = denseElements(g);
  updateElements(state.expAvg as Tensor, (m) => {
    updateElements(state.expAvgSq as Tensor, (v) => {
      updateElements(p, (phi) => adamStep(phi, m, v, gd, t, h.lr, beta, gamma, h.eps));
    });
  });
}

/** Algorytm 14 on dense arrays of one length: the step t (1, 2, …) of every element. */
function adamStep(phi: FloatArray, m: FloatArray, v: FloatArray, g: FloatArray, t: number, lr: number, beta: number, gamma: number, eps: number): void {
  const correction1 = 1 - beta ** t; // 1 − β^t
  const correction2 = 1 - gamma ** t; // 1 − γ^t
  for (let i = 0; i < phi.length; i++) {
    m[i] = beta * m[i] + (1 - beta) * g[i]; // m ← β·m + (1−β)·g
    v[i] = gamma * v[i] + (1 - gamma) * (g[i] * g[i]); // v ← γ·v + (1−γ)·g²
    const mHat = m[i] / correction1; // m̂ = m/(1−β^t)
    const vHat = v[i] / correction2; // v̂ = v/(1−γ^t)
    phi[i] -= lr * (mHat / (Math.sqrt(vHat) + eps)); // ϕ ← ϕ − α·m̂/(√v̂ + ε)
  }
}
