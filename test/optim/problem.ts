// The small problem every optimizer test runs on, and the driver that runs an optimizer on it.
//
// L(ϕ) = ½ Σᵢ hᵢ (ϕᵢ − cᵢ)², split over two parameters (a (2, 3) "weight" and a (2,) "bias") so
// parameter bookkeeping is exercised. Curvatures hᵢ span two orders of magnitude, so the adaptive
// methods visibly differ from SGD. The gradient hᵢ(ϕᵢ − cᵢ) is computed in plain float64 and put into
// .grad by hand: the optimizer sees exactly the gradient the plain-array reference sees, so the test
// compares optimizer arithmetic only (other tests cover the gradients autograd produces).
import { Tensor, setKernel, tensor, type DType, type Kernel } from "../../src/index";
import type { Optimizer } from "../../src/optim";

export const H = [0.1, 0.5, 1, 2, 5, 10, 0.3, 3];
export const C = [1, -2, 0.5, 3, -1, 2, -0.5, 1.5];
export const X0 = [0.5, 0.25, -1, 1, 0.75, -0.5, 2, -1.5];

/** ∇L(x) = h ⊙ (x − c), in float64. */
export function gradient(x: readonly number[]): number[] {
  return x.map((xi, i) => H[i] * (xi - C[i]));
}

/** The two parameters holding X0: shapes (2, 3) and (2,). */
export function makeParams(dtype: DType = "float64", x0: readonly number[] = X0): Tensor[] {
  const w = tensor(x0.slice(0, 6), { dtype }).reshape([2, 3]).detach().requiresGrad_(true);
  const b = tensor(x0.slice(6), { dtype }).requiresGrad_(true);
  return [w, b];
}

export function flat(params: Tensor[]): number[] {
  return params.flatMap((p) => Array.from(p.toArray()));
}

/** Sets each parameter's .grad to ∇L at its current value (in the parameter's dtype). */
export function setGradients(params: Tensor[], grad: (x: readonly number[]) => number[] = gradient): void {
  const g = grad(flat(params));
  let at = 0;
  for (const p of params) {
    p.grad = tensor(g.slice(at, at + p.numel()), { dtype: p.dtype }).reshape([...p.shape]);
    at += p.numel();
  }
}

/** Runs `steps` steps of the optimizer made by `make`; returns the flattened parameters after each step. */
export function trajectory(
  make: (params: Tensor[]) => Optimizer,
  { steps = 100, dtype = "float64", kernel }: { steps?: number; dtype?: DType; kernel?: Kernel } = {},
): number[][] {
  if (kernel) setKernel(kernel);
  try {
    const params = makeParams(dtype);
    const opt = make(params);
    const out: number[][] = [];
    for (let t = 0; t < steps; t++) {
      opt.zeroGrad();
      setGradients(params);
      opt.step();
      out.push(flat(params));
    }
    return out;
  } finally {
    setKernel("wasm");
  }
}

/** Runs the plain-array reference `update(x, g, t)` (t = 1, 2, …) for `steps` steps from X0. */
export function referenceTrajectory(update: (x: number[], g: number[], t: number) => number[], steps = 100): number[][] {
  let x = [...X0];
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    x = update(x, gradient(x), t);
    out.push(x);
  }
  return out;
}

/** Tolerances of a 100-step trajectory against the float64 reference: a few ulps in float64; float32 rounding (≈6e-8 per op) accumulated over 100 steps. */
export const TOL = {
  float64: { rtol: 1e-13, atol: 1e-14 },
  float32: { rtol: 2e-5, atol: 2e-5 },
} as const;
