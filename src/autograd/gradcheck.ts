// gradcheck: the analytic Jacobian from backward() against central differences
//   ∂fⱼ/∂xᵢ ≈ (fⱼ(x + ε eᵢ) − fⱼ(x − ε eᵢ)) / 2ε,
// element by element, or — for large inputs — along one random direction (vᵀ J u). Central
// differences have error O(ε²) from truncation plus O(δ/ε) from rounding (δ ≈ 1e-16 in float64): with
// ε = 1e-6 both are ~1e-10. In float32 (δ ≈ 6e-8) the rounding term dominates for tiny ε, which is why
// gradcheck belongs in float64.

import { noGrad } from "./engine";
import { RandomState } from "../data/random";
import { Tensor } from "../tensor/tensor";
import { formatShape, unravelIndex } from "../tensor/shape";

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance, against |numeric| (default 1e-3). */
  rtol?: number;
  /** Compare one random projection vᵀJu instead of the whole Jacobian (default false). */
  fast?: boolean;
  /** Seed of the random directions in fast mode (default 0). */
  seed?: number;
  /** Throw an Error carrying the report when the check fails (default true). */
  raiseException?: boolean;
}

export interface GradcheckMismatch {
  /** Which input (index into `inputs`); -1 for the projection in fast mode. */
  input: number;
  /** Multi-index of the input element (empty in fast mode). */
  element: number[];
  /** Multi-index of the output element (empty in fast mode). */
  output: number[];
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  ok: boolean;
  /** Number of Jacobian entries (or projections) compared. */
  checked: number;
  maxAbsError: number;
  mismatches: GradcheckMismatch[];
  /** A readable report: which input, which element, both values. */
  message: string;
}

/**
 * Checks the gradients of `fn` with respect to every input that has requiresGrad.
 * @example
 * const x = tensor([0.5, -1.2, 2], { requiresGrad: true });
 * const result = gradcheck((x) => x.tanh().mul(x).sum(), [x]);
 * expect(result.ok).toBe(true);
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  // Private leaf copies: the check perturbs them in place and must not touch the caller's tensors.
  const xs = inputs.map((t) => {
    const c = t.detach().clone();
    c.requiresGrad = t.requiresGrad;
    return c;
  });
  const checkedInputs = xs.map((_, i) => i).filter((i) => xs[i].requiresGrad);
  if (checkedInputs.length === 0) throw new Error("gradcheck: no input has requiresGrad: true, so there is no gradient to check");
  const output = fn(...xs);
  if (!(output instanceof Tensor)) throw new TypeError("gradcheck: fn must return a Tensor");
  if (!output.requiresGrad) throw new Error("gradcheck: the output does not depend on any input that requires a gradient");

  const close = (analytic: number, numeric: number) => Math.abs(analytic - numeric) <= atol + rtol * Math.abs(numeric);
  const evaluate = () => noGrad(() => fn(...xs).toArray());
  const mismatches: GradcheckMismatch[] = [];
  let maxAbsError = 0;
  let checked = 0;
  const compare = (mismatch: GradcheckMismatch) => {
    checked++;
    const error = Math.abs(mismatch.analytic - mismatch.numeric);
    maxAbsError = Math.max(maxAbsError, Number.isNaN(error) ? Infinity : error);
    if (!close(mismatch.analytic, mismatch.numeric)) mismatches.push(mismatch);
  };

  if (options.fast) {
    const rng = new RandomState(options.seed ?? 0);
    const v = Array.from({ length: output.numel() }, () => rng.standardNormal());
    const us = checkedInputs.map((i) => Array.from({ length: xs[i].numel() }, () => rng.standardNormal()));
    // analytic vᵀJu: backpropagate v, then take the dot product of each input's gradient with its u.
    xs.forEach((x) => (x.grad = null));
    output.backward(new Tensor(Float64Array.from(v), output.shape).to(output.dtype));
    let analytic = 0;
    checkedInputs.forEach((i, k) => {
      const g = xs[i].grad?.toArray();
      if (g) for (let e = 0; e < g.length; e++) analytic += g[e] * us[k][e];
    });
    const shift = (sign: number) => checkedInputs.forEach((i, k) => {
      const data = xs[i].storage;
      for (let e = 0; e < data.length; e++) data[e] += sign * eps * us[k][e];
    });
    const original = checkedInputs.map((i) => xs[i].storage.slice());
    shift(+1);
    const plus = evaluate();
    checkedInputs.forEach((i, k) => xs[i].storage.set(original[k]));
    shift(-1);
    const minus = evaluate();
    checkedInputs.forEach((i, k) => xs[i].storage.set(original[k]));
    let numeric = 0;
    for (let j = 0; j < v.length; j++) numeric += (v[j] * (plus[j] - minus[j])) / (2 * eps);
    compare({ input: -1, element: [], output: [], analytic, numeric });
  } else {
    // Analytic Jacobian, one row per output element: backward with a one-hot output gradient.
    const jacobian: Float64Array[][] = checkedInputs.map((i) => Array.from({ length: output.numel() }, () => new Float64Array(xs[i].numel())));
    for (let j = 0; j < output.numel(); j++) {
      xs.forEach((x) => (x.grad = null));
      const oneHot = new Tensor(new Float64Array(output.numel()), output.shape).to(output.dtype);
      oneHot.storage[j] = 1;
      output.backward(oneHot);
      checkedInputs.forEach((i, k) => {
        const g = xs[i].grad?.toArray();
        if (g) jacobian[k][j].set(g);
      });
    }
    checkedInputs.forEach((i, k) => {
      const data = xs[i].storage;
      for (let e = 0; e < data.length; e++) {
        const saved = data[e];
        data[e] = saved + eps;
        const plus = evaluate();
        data[e] = saved - eps;
        const minus = evaluate();
        data[e] = saved;
        for (let j = 0; j < output.numel(); j++) {
          const numeric = (plus[j] - minus[j]) / (2 * eps);
          compare({ input: i, element: unravelIndex(e, xs[i].shape), output: unravelIndex(j, output.shape), analytic: jacobian[k][j][e], numeric });
        }
      }
    });
  }

  const ok = mismatches.length === 0;
  const message = ok
    ? `gradcheck passed: ${checked} ${options.fast ? "projection" : "Jacobian entries"} within atol ${atol} + rtol ${rtol}·|numeric| (max |analytic − numeric| = ${maxAbsError.toExponential(2)}, eps ${eps})`
    : report(mismatches, checked, inputs, { eps, atol, rtol });
  const result: GradcheckResult = { ok, checked, maxAbsError, mismatches, message };
  if (!ok && (options.raiseException ?? true)) throw new Error(message);
  return result;
}

function report(mismatches: GradcheckMismatch[], checked: number, inputs: Tensor[], o: { eps: number; atol: number; rtol: number }): string {
  const lines = mismatches.slice(0, 5).map((m) => {
    const where = m.input < 0
      ? "the random projection vᵀJu"
      : `input ${m.input} (shape ${formatShape(inputs[m.input].shape)}, ${inputs[m.input].dtype}) element [${m.element.join(", ")}] → output [${m.output.join(", ")}]`;
    return `  ${where}: analytic ${m.analytic}, numeric ${m.numeric} (|diff| ${Math.abs(m.analytic - m.numeric).toExponential(2)})`;
  });
  const more = mismatches.length > 5 ? [`  … and ${mismatches.length - 5} more`] : [];
  return [
    `gradcheck failed: ${mismatches.length} of ${checked} compared values differ by more than atol ${o.atol} + rtol ${o.rtol}·|numeric| (eps ${o.eps}):`,
    ...lines,
    ...more,
  ].join("\n");
}
