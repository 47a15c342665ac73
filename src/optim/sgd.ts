// Algorytm 8 — SGD; Robbins & Monro 1951. Algorytm 9 — SGD z pędem; Polyak 1964.
// Algorytm 10 — Nesterov Accelerated Momentum; Nesterov 1983, Sutskever et al. 2013.
//
// The simplest optimizer (like every other one here it extends Optimizer, which holds the parameter
// groups and the state; it is no base class of the others):
//   ϕ ← ϕ − α·g                                   (Algorytm 8)
// where g is the gradient of whatever loss was backpropagated. The notes write g = Σ_{i∈B} ∂ℓᵢ/∂ϕ,
// a *sum* over the batch; that is a property of the loss, not of the optimizer: build the loss with
// .sum() to follow the notes, with .mean() to follow PyTorch's losses (then α is effectively |B|
// times smaller). SGD only ever sees the gradient.
//
// Momentum comes in two conventions, and they differ only by a rescaling of α:
//   "notes"   (Algorytm 9):  m ← β·m + (1−β)·g,  ϕ ← ϕ − α·m,   m₀ = 0
//   "pytorch" (torch.optim.SGD): m ← μ·m + (1−dampening)·g,  ϕ ← ϕ − α·m,  m₁ = g
// With dampening 0, pytorch(α, μ) = notes(α/(1−β), β = μ) exactly — the notes' m is an average of
// gradients, PyTorch's a sum, so the notes' α is the step per unit of gradient in the steady state.
// The default is "notes" because this library reproduces the lecture; pass momentumStyle: "pytorch"
// to get torch.optim.SGD's numbers.
//
// Nesterov (Algorytm 10) evaluates the gradient at the look-ahead point ϕ − αβ·m. An optimizer only
// sees the gradient at the parameters it holds, so — as PyTorch does (Sutskever et al. 2013) — the
// parameters held are the look-ahead point ψ = ϕ − αβ·m itself. Substituting into Algorytm 10 gives
//   m ← β·m + (1−β)·g(ψ),   ψ ← ψ − α·(β·m + (1−β)·g(ψ))
// (the test checks this against the notes' formula with the gradient taken at ϕ − αβ·m literally).
// In PyTorch's convention the same step is ψ ← ψ − α·(g + μ·m).
//
// weightDecay is the L2-coupled decay of torch.optim.SGD: g ← g + weightDecay·ϕ, i.e. the gradient
// of the penalty (weightDecay/2)·‖ϕ‖². For SGD it equals decoupled decay (Algorytm 15) with
// λ = α·weightDecay (see weight-decay.ts).
//
// Plain SGD is the kernel's axpy. With momentum the update is one loop over each parameter's elements
// (a tensor op per line would read and write every parameter four times and allocate). In float64 it
// gives the same bits as those ops; in float32 each line's value is computed in float64 and rounded
// once when stored, where the ops rounded every intermediate product to float32.

import type { FloatArray } from "../core/kernel";
import { denseElements, type Tensor } from "../tensor/tensor";
import { zerosLike } from "../tensor/creation";
import { Optimizer, checkChoice, checkNonNegative, checkUnitInterval, updateElements, type ParamState, type ParamsInput } from "./optimizer";
import { withL2 } from "./weight-decay";

export type MomentumStyle = "notes" | "pytorch";

export interface SGDHyper {
  lr: number;
  /** β of Algorytm 9 (μ in PyTorch); 0 means plain SGD. */
  momentum: number;
  /** "notes" (default): m ← βm + (1−β)g. "pytorch": m ← μm + (1−dampening)g, first m = g. */
  momentumStyle: MomentumStyle;
  /** PyTorch's dampening; only with momentumStyle "pytorch" (the notes' style has dampening β built in). */
  dampening: number;
  /** Algorytm 10: step from the look-ahead point (needs momentum > 0). */
  nesterov: boolean;
  /** L2-coupled weight decay: g ← g + weightDecay·ϕ (as torch.optim.SGD). */
  weightDecay: number;
}

export type SGDOptions = Partial<SGDHyper> & { lr: number };

/**
 * Algorytmy 8–10: SGD, with momentum (in the notes' or PyTorch's convention) and Nesterov's look-ahead.
 * @example
 * const p = tensor([1, 2], { requiresGrad: true });
 * const opt = new optim.SGD([p], { lr: 0.25 });
 * p.grad = tensor([2, -4]);                  // the gradient, as backward() would leave it
 * opt.step();                                // ϕ ← ϕ − α·g
 * expect(p.tolist()).toEqual([0.5, 3]);
 *
 * // momentum, the notes' form: m ← βm + (1−β)g, ϕ ← ϕ − αm (m₀ = 0)
 * const q = tensor([0], { requiresGrad: true });
 * const heavy = new optim.SGD([q], { lr: 1, momentum: 0.5 });
 * q.grad = tensor([2]);
 * heavy.step();                              // m = 1
 * heavy.step();                              // m = 0.5·1 + 0.5·2 = 1.5
 * expect(q.item()).toBe(-2.5);
 */
export class SGD extends Optimizer<SGDHyper> {
  constructor(params: ParamsInput<SGDHyper>, options: SGDOptions) {
    if (options === undefined || options.lr === undefined) throw new Error("SGD: lr must be given (there is no default learning rate)");
    super("SGD", params, { momentum: 0, momentumStyle: "notes", dampening: 0, nesterov: false, weightDecay: 0, lr: options.lr }, options);
  }

  protected checkHyper(h: SGDHyper): void {
    checkNonNegative(this.name, "lr", h.lr);
    checkUnitInterval(this.name, "momentum", h.momentum);
    checkChoice(this.name, "momentumStyle", h.momentumStyle, ["notes", "pytorch"]);
    checkNonNegative(this.name, "weightDecay", h.weightDecay);
    if (h.momentumStyle === "notes" && h.dampening !== 0) {
      throw new Error(`SGD: dampening is a momentumStyle "pytorch" option (the notes' style always damps by β), got dampening ${h.dampening}`);
    }
    if (!(h.dampening >= 0 && h.dampening <= 1)) throw new Error(`SGD: dampening must be a number in [0, 1], got ${h.dampening}`);
    if (h.nesterov && h.momentum === 0) throw new Error("SGD: nesterov needs momentum > 0, got momentum 0");
    if (h.nesterov && h.momentumStyle === "pytorch" && h.dampening !== 0) {
      throw new Error(`SGD: nesterov with momentumStyle "pytorch" needs dampening 0 (as torch.optim.SGD), got ${h.dampening}`);
    }
  }

  protected update(p: Tensor, grad: Tensor, h: SGDHyper, state: ParamState): void {
    const g = withL2(grad, p, h.weightDecay); // g + λ·ϕ
    if (h.momentum === 0) {
      p.add_(g, -h.lr); // ϕ ← ϕ − α·g (the kernel's axpy)
      return;
    }
    const gd = denseElements(g);
    const beta = h.momentum;
    const keep = 1 - (h.momentumStyle === "notes" ? beta : h.dampening); // 1−β (notes), 1−dampening (pytorch)
    let m = state.momentumBuffer as Tensor | undefined;
    if (m === undefined && h.momentumStyle === "pytorch") {
      // pytorch: m₁ = g (no dampening on the first step)
      m = zerosLike(p);
      state.momentumBuffer = m;
      updateElements(m, (mData) => {
        mData.set(gd);
        updateElements(p, (phi) => (h.nesterov ? lookAhead(phi, mData, gd, h.lr, beta, keep) : descend(phi, mData, h.lr)));
      });
      return;
    }
    m ??= zerosLike(p); // notes: m₀ = 0, so m₁ = (1−β)·g
    state.momentumBuffer = m;
    updateElements(m, (mData) => {
      updateElements(p, (phi) => (h.nesterov ? nesterovStep(phi, mData, gd, h.lr, beta, keep) : momentumStep(phi, mData, gd, h.lr, beta, keep)));
    });
  }
}

// The update loops, one pass over a parameter's elements each (module-level functions with plain
// arguments, which V8 compiles to tight loops). phi, m and g are dense and of one length.

/** ϕ ← ϕ − α·d */
function descend(phi: FloatArray, d: FloatArray, lr: number): void {
  for (let i = 0; i < phi.length; i++) phi[i] -= lr * d[i];
}

/** m ← β·m + keep·g, then ϕ ← ϕ − α·m  (Algorytm 9) */
function momentumStep(phi: FloatArray, m: FloatArray, g: FloatArray, lr: number, beta: number, keep: number): void {
  for (let i = 0; i < phi.length; i++) {
    m[i] = beta * m[i] + keep * g[i];
    phi[i] -= lr * m[i];
  }
}

/** m ← β·m + keep·g, then ϕ ← ϕ − α·(β·m + keep·g)  (Algorytm 10, at the look-ahead point) */
function nesterovStep(phi: FloatArray, m: FloatArray, g: FloatArray, lr: number, beta: number, keep: number): void {
  for (let i = 0; i < phi.length; i++) {
    m[i] = beta * m[i] + keep * g[i];
    phi[i] -= lr * (beta * m[i] + keep * g[i]);
  }
}

/** ϕ ← ϕ − α·(β·m + keep·g) with m as it is (PyTorch's first Nesterov step, m = g) */
function lookAhead(phi: FloatArray, m: FloatArray, g: FloatArray, lr: number, beta: number, keep: number): void {
  for (let i = 0; i < phi.length; i++) phi[i] -= lr * (beta * m[i] + keep * g[i]);
}
