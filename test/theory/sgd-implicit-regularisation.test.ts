import { describe, expect, it } from "vitest";
import { gdModifiedGradient, gradientDescent, gradientFlow, type Vector } from "../../src/theory/implicit-regularisation";
import { epochwiseSgd, observedOrder, sgdModifiedGradient, sgdModifiedLoss } from "../../src/theory/sgd-implicit-regularisation";
import { expectClose } from "../helpers/expect-close";

const distance = (a: Vector, b: Vector) => Math.hypot(...a.map((v, i) => v - b[i]));

// Four batches of two points each of the regression y ≈ tanh(w₀ + w₁x), L_b the mean of ½(tanh(z) − y)²;
// gradient and Hessian written out: r = t − y, t = tanh z, dt/dz = 1 − t²,
//   ∇ = r(1 − t²)·(1, x),  H = [(1 − t²)² − 2 r t (1 − t²)]·(1, x)(1, x)ᵀ.
const xs = [0.2, -1.3, 0.7, 2.1, -0.4, 1.5, -2.0, 0.9];
const ys = [0.5, -1.0, 1.2, 2.5, 0.1, 1.0, -2.2, 0.3];
const B = 4;
const rows = (b: number) => [2 * b, 2 * b + 1];
const batchLoss = (b: number) => ([w0, w1]: Vector) => rows(b).reduce((s, i) => s + 0.5 * (Math.tanh(w0 + w1 * xs[i]) - ys[i]) ** 2, 0) / 2;
const batchGrad = (b: number) => ([w0, w1]: Vector): Vector => {
  const g = [0, 0];
  for (const i of rows(b)) {
    const t = Math.tanh(w0 + w1 * xs[i]);
    const d = (t - ys[i]) * (1 - t * t);
    g[0] += d / 2;
    g[1] += (d * xs[i]) / 2;
  }
  return g;
};
const batchHessianVector = (b: number, [w0, w1]: Vector, [u, v]: Vector): Vector => {
  const out = [0, 0];
  for (const i of rows(b)) {
    const t = Math.tanh(w0 + w1 * xs[i]);
    const curvature = ((1 - t * t) ** 2 - 2 * (t - ys[i]) * t * (1 - t * t)) / 2;
    const projection = u + v * xs[i];
    out[0] += curvature * projection;
    out[1] += curvature * projection * xs[i];
  }
  return out;
};
const losses = Array.from({ length: B }, (_, b) => batchLoss(b));
const grads = Array.from({ length: B }, (_, b) => batchGrad(b));
const fullGrad = (w: Vector): Vector => [0, 1].map((i) => grads.reduce((s, g) => s + g(w)[i], 0) / B);

describe("epochwiseSgd", () => {
  it("with one batch is gradient descent", () => {
    expectClose(epochwiseSgd([fullGrad], [0.1, -0.3], 0.05, 40), gradientDescent(fullGrad, [0.1, -0.3], 0.05, 40), { rtol: 0 });
  });

  it("visits the batches in the order asked, by hand", () => {
    // L_b = ½(ϕ − c_b)²: a step is ϕ ← (1 − α)ϕ + αc_b, so the order of the c_b shows in the result
    const c = [1, 5, -2];
    const batches = c.map((cb) => (p: Vector) => [p[0] - cb]);
    const alpha = 0.5;
    const byHand = (order: number[]) => order.reduce((phi, b) => (1 - alpha) * phi + alpha * c[b], 0);
    expect(epochwiseSgd(batches, [0], alpha, 1)[0]).toBe(byHand([0, 1, 2]));
    expect(epochwiseSgd(batches, [0], alpha, 2, { order: "reversing" })[0]).toBe(byHand([0, 1, 2, 2, 1, 0]));
    expect(epochwiseSgd(batches, [0], alpha, 2, { order: (e) => (e === 0 ? [2, 0, 1] : [1, 2, 0]) })[0]).toBe(byHand([2, 0, 1, 1, 2, 0]));
  });

  it("rejects bad orders and arguments, naming them", () => {
    expect(() => epochwiseSgd(grads, [0, 0], 0.1, 1, { order: () => [0, 1, 1, 2] })).toThrow(/epoch 0 must visit each of the 4 batches once \(got \[0, 1, 1, 2\]\)/);
    expect(() => epochwiseSgd(grads, [0, 0], 0.1, 1, { order: "random" as never })).toThrow(/"random"/);
    expect(() => epochwiseSgd([], [0, 0], 0.1, 1)).toThrow(/no batch gradients/);
    expect(() => epochwiseSgd(grads, [0, 0], 0.1, 1.5)).toThrow(/got 1.5/);
    expect(() => epochwiseSgd([(p) => [p[0] * 10]], [1], 1, 400)).toThrow(/diverged/);
  });
});

describe("L_SGD = L + (α/4)‖∇L‖² + (α/4B)Σ‖∇L_b − ∇L‖²", () => {
  const alpha = 0.08;
  const w = [0.3, 0.6];

  it("sgdModifiedGradient is the gradient of sgdModifiedLoss (central differences, float64)", () => {
    const loss = sgdModifiedLoss(losses, grads, alpha);
    const h = 1e-5;
    const numeric = [0, 1].map((i) => {
      const plus = w.map((p, j) => (j === i ? p + h : p));
      const minus = w.map((p, j) => (j === i ? p - h : p));
      return (loss(plus) - loss(minus)) / (2 * h);
    });
    expectClose(sgdModifiedGradient(grads, alpha, { hessianVector: batchHessianVector })(w), numeric, { rtol: 1e-8 });
    // the default finite-difference Hessian-vector products agree with the written-out Hessians
    expectClose(sgdModifiedGradient(grads, alpha)(w), sgdModifiedGradient(grads, alpha, { hessianVector: batchHessianVector })(w), { rtol: 1e-9 });
  });

  it("= ∇L_GD + (α/2B)Σ(H_b − H)(∇L_b − ∇L): the SGD term is what it adds to the GD flow", () => {
    const g = fullGrad(w);
    const hv = (v: Vector) => [0, 1].map((i) => grads.reduce((s, _, b) => s + batchHessianVector(b, w, v)[i], 0) / B);
    const extra = [0, 0];
    for (let b = 0; b < B; b++) {
      const dev = grads[b](w).map((v, i) => v - g[i]);
      const hbDev = batchHessianVector(b, w, dev);
      const hDev = hv(dev);
      for (let i = 0; i < 2; i++) extra[i] += (alpha / (2 * B)) * (hbDev[i] - hDev[i]);
    }
    const gd = gdModifiedGradient(fullGrad, alpha, { hessianVector: (_, v) => hv(v) })(w);
    expectClose(sgdModifiedGradient(grads, alpha, { hessianVector: batchHessianVector })(w), gd.map((v, i) => v + extra[i]), { rtol: 1e-12, atol: 1e-16 });
  });

  it("the modified loss and gradient reject bad arguments", () => {
    expect(() => sgdModifiedLoss(losses.slice(1), grads, alpha)).toThrow(/got 3 losses, 4 gradients/);
    expect(() => sgdModifiedGradient(grads, 0)).toThrow(/alpha must be positive and finite \(got 0\)/);
  });
});

describe("epoch-wise SGD against the flows: orders of the gap over a fixed time", () => {
  // T = 1.6, α = 0.02 … 0.0025: 20 … 160 epochs of 4 steps (an even number, so "reversing" ends on a full cycle)
  const w0 = [0.1, -0.3];
  const T = 1.6;
  const alphas = [0.02, 0.01, 0.005, 0.0025];
  const flow = (grad: (w: Vector) => Vector) => gradientFlow(grad, w0, T, { steps: 4000 });
  const gaps = (order: "fixed" | "reversing", scale: number) =>
    alphas.map((alpha) => {
      const sgd = epochwiseSgd(grads, w0, alpha, Math.round(T / (alpha * B)), { order });
      return distance(sgd, flow(sgdModifiedGradient(grads, scale * alpha, { hessianVector: batchHessianVector })));
    });
  const lastOrder = (e: number[]) => Math.log2(e[e.length - 2] / e[e.length - 1]);

  it("reversing order: O(α²) from the flow of L_SGD, O(α) from the flow of L", () => {
    const toSgd = gaps("reversing", 1);
    const toL = alphas.map((alpha) => distance(epochwiseSgd(grads, w0, alpha, Math.round(T / (alpha * B)), { order: "reversing" }), flow(fullGrad)));
    expect(Math.abs(lastOrder(toSgd) - 2)).toBeLessThan(0.1);
    expect(Math.abs(lastOrder(toL) - 1)).toBeLessThan(0.1);
    expect(Math.abs(observedOrder(alphas, toSgd).order - 2)).toBeLessThan(0.15);
  });

  it("the constant α/4B is the one: twice or half of it falls back to O(α)", () => {
    expect(Math.abs(lastOrder(gaps("reversing", 2)) - 1)).toBeLessThan(0.1);
    expect(Math.abs(lastOrder(gaps("reversing", 0.5)) - 1)).toBeLessThan(0.1);
  });

  it("a fixed order stays O(α) from the flow of L_SGD (the order-dependent drift)", () => {
    expect(Math.abs(lastOrder(gaps("fixed", 1)) - 1)).toBeLessThan(0.1);
  });
});

describe("observedOrder", () => {
  it("recovers C·α^p exactly and rejects bad input", () => {
    const alphas = [0.1, 0.05, 0.02, 0.01];
    const fit = observedOrder(alphas, alphas.map((a) => 0.7 * a ** 1.5));
    expectClose([fit.order, fit.constant], [1.5, 0.7], { rtol: 1e-12 });
    expect(() => observedOrder([0.1], [1])).toThrow(/at least two step sizes/);
    expect(() => observedOrder([0.1, 0.05], [1, 0])).toThrow(/index 1: α = 0.05, gap = 0/);
    expect(() => observedOrder([0.1, 0.1], [1, 2])).toThrow(/must not all be equal/);
  });
});
