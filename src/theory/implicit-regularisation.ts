// Implicit regularisation of (stochastic) gradient descent (lecture 4, "Regularyzacja niejawna";
// Barrett & Dherin 2021, Smith et al. 2021). Gradient descent with step α does not follow the gradient
// flow dϕ/dt = −∇L of L but, to second order in α, the flow of
//   L_GD[ϕ] = L[ϕ] + (α/4)‖∇L[ϕ]‖²,
// and epoch-wise SGD with B batches adds (α/4B) Σ_b ‖∇L_b − ∇L‖². Consequence one can measure:
// after n = T/α steps, GD is O(α) away from the flow of L but O(α²) away from the flow of L_GD.
// Parameters are plain number[] vectors so a lecture can write any 2-D loss in one line.

export type Vector = number[];
export type GradientFn = (phi: Vector) => Vector;

/**
 * L_GD[ϕ] = L[ϕ] + (α/4)‖∇L[ϕ]‖² as a function of ϕ.
 * @example
 * // L = ½ϕ², ∇L = ϕ: L_GD = ½ϕ² + (α/4)ϕ²
 * const lGD = theory.gdModifiedLoss((p) => 0.5 * p[0] ** 2, (p) => [p[0]], 0.5);
 * expect(lGD([2])).toBe(2.5);                                             // 2 + ⅛·4
 */
export function gdModifiedLoss(loss: (phi: Vector) => number, grad: GradientFn, alpha: number): (phi: Vector) => number {
  checkPositive(alpha, "alpha", "gdModifiedLoss");
  return (phi) => loss(phi) + (alpha / 4) * dot(grad(phi), grad(phi));
}

export interface ModifiedGradientOptions {
  /** Hessian-vector product H(ϕ)·v; central differences of `grad` when absent. */
  hessianVector?: (phi: Vector, v: Vector) => Vector;
}

/**
 * ∇L_GD = ∇L + (α/2) H ∇L, the right-hand side of the modified flow. Without an exact Hessian-vector
 * product, H v ≈ (∇L(ϕ + εv) − ∇L(ϕ − εv)) / 2ε with ε scaled to ‖v‖ (truncation O(ε²), rounding O(δ/ε)).
 * @example
 * // L = ϕ², ∇L = 2ϕ, H = 2: ∇L_GD = 2ϕ + (α/2)·2·2ϕ = 3ϕ for α = ½
 * const g = theory.gdModifiedGradient((p) => [2 * p[0]], 0.5);
 * expect(g([1])[0]).toBeCloseTo(3, 9);
 */
export function gdModifiedGradient(grad: GradientFn, alpha: number, options: ModifiedGradientOptions = {}): GradientFn {
  checkPositive(alpha, "alpha", "gdModifiedGradient");
  const hv = options.hessianVector ?? finiteDifferenceHessianVector(grad);
  return (phi) => {
    const g = grad(phi);
    const hg = hv(phi, g);
    return g.map((gi, i) => gi + (alpha / 2) * hg[i]);
  };
}

/**
 * H(ϕ)·v ≈ (∇L(ϕ + εv) − ∇L(ϕ − εv)) / 2ε with ε = 1e-5/‖v‖, so the step along v has length 1e-5
 * whatever v's size (truncation O(ε²), rounding O(δ/ε): about 1e-10 relative for smooth losses).
 * @example
 * // L = ϕ₀²ϕ₁: ∇L = (2ϕ₀ϕ₁, ϕ₀²), H = [[2ϕ₁, 2ϕ₀], [2ϕ₀, 0]]; at (1, 2), H·(1, 0) = (4, 2)
 * const hv = theory.finiteDifferenceHessianVector((p) => [2 * p[0] * p[1], p[0] ** 2]);
 * const [a, b] = hv([1, 2], [1, 0]);
 * expect(a).toBeCloseTo(4, 8);
 * expect(b).toBeCloseTo(2, 8);
 */
export function finiteDifferenceHessianVector(grad: GradientFn): (phi: Vector, v: Vector) => Vector {
  return (phi, v) => {
    const norm = Math.sqrt(dot(v, v));
    if (norm === 0) return v.map(() => 0);
    const eps = 1e-5 / norm;
    const plus = grad(phi.map((p, i) => p + eps * v[i]));
    const minus = grad(phi.map((p, i) => p - eps * v[i]));
    return plus.map((g, i) => (g - minus[i]) / (2 * eps));
  };
}

/**
 * The SGD term (α/4B) Σ_b ‖∇L_b − ∇L‖² from the batch gradients ∇L_b (one per batch) and the full
 * gradient ∇L (by default their mean — equal batches, L the mean loss).
 * @example
 * // two batch gradients 1 and 3 around the mean 2: (α/4B)·(1 + 1) with α = 1, B = 2
 * expect(theory.sgdImplicitTerm([[1], [3]], 1)).toBe(0.25);
 */
export function sgdImplicitTerm(batchGradients: Vector[], alpha: number, fullGradient?: Vector): number {
  checkPositive(alpha, "alpha", "sgdImplicitTerm");
  const B = batchGradients.length;
  if (B === 0) throw new Error("sgdImplicitTerm: no batch gradients");
  const n = batchGradients[0].length;
  batchGradients.forEach((g, b) => {
    if (g.length !== n) throw new Error(`sgdImplicitTerm: batch gradient ${b} has length ${g.length}, expected ${n}`);
  });
  const full = fullGradient ?? Array.from({ length: n }, (_, i) => batchGradients.reduce((s, g) => s + g[i], 0) / B);
  if (full.length !== n) throw new Error(`sgdImplicitTerm: fullGradient has length ${full.length}, expected ${n}`);
  let total = 0;
  for (const g of batchGradients) for (let i = 0; i < n; i++) total += (g[i] - full[i]) ** 2;
  return (alpha / (4 * B)) * total;
}

export interface FlowOptions {
  /** "rk4" (classical Runge–Kutta, error O(h⁴)) or "euler" (error O(h); Euler with h = α is GD). */
  method?: "rk4" | "euler";
  /** Number of integration steps (default 1000). */
  steps?: number;
}

/**
 * ϕ(T) for dϕ/dt = −grad(ϕ), ϕ(0) = ϕ0, integrated with a fixed step T/steps.
 * @example
 * // dϕ/dt = −ϕ: ϕ(T) = ϕ(0)·e^{−T}
 * expect(theory.gradientFlow((p) => p, [1], 1)[0]).toBeCloseTo(Math.exp(-1), 12);
 */
export function gradientFlow(grad: GradientFn, phi0: Vector, T: number, options: FlowOptions = {}): Vector {
  const method = options.method ?? "rk4";
  const steps = options.steps ?? 1000;
  if (!(T >= 0) || !Number.isFinite(T)) throw new Error(`gradientFlow: T must be finite and ≥ 0 (got ${T})`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`gradientFlow: steps must be a positive integer (got ${steps})`);
  if (method !== "rk4" && method !== "euler") throw new Error(`gradientFlow: method must be "rk4" or "euler" (got ${JSON.stringify(method)})`);
  const h = T / steps;
  const axpy = (x: Vector, a: number, y: Vector) => x.map((xi, i) => xi + a * y[i]);
  let phi = Array.from(phi0);
  for (let s = 0; s < steps; s++) {
    if (method === "euler") {
      phi = axpy(phi, -h, grad(phi));
      continue;
    }
    const k1 = grad(phi).map((g) => -g);
    const k2 = grad(axpy(phi, h / 2, k1)).map((g) => -g);
    const k3 = grad(axpy(phi, h / 2, k2)).map((g) => -g);
    const k4 = grad(axpy(phi, h, k3)).map((g) => -g);
    phi = phi.map((p, i) => p + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
  }
  for (const p of phi) if (!Number.isFinite(p)) throw new Error(`gradientFlow: the flow diverged (got ${p}); use more steps or a shorter T`);
  return phi;
}

/**
 * n steps of gradient descent ϕ ← ϕ − α∇L(ϕ); returns the final ϕ.
 * @example
 * // L = ½ϕ²: each step multiplies ϕ by (1 − α)
 * expect(theory.gradientDescent((p) => p, [1], 0.5, 3)).toEqual([0.125]);
 */
export function gradientDescent(grad: GradientFn, phi0: Vector, alpha: number, steps: number): Vector {
  checkPositive(alpha, "alpha", "gradientDescent");
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`gradientDescent: steps must be a non-negative integer (got ${steps})`);
  let phi = Array.from(phi0);
  for (let s = 0; s < steps; s++) {
    const g = grad(phi);
    phi = phi.map((p, i) => p - alpha * g[i]);
  }
  return phi;
}

export function dot(a: Vector, b: Vector): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function checkPositive(value: number, name: string, fn: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${fn}: ${name} must be positive and finite (got ${value})`);
}
