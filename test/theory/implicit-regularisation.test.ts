import { describe, expect, it } from "vitest";
import {
  gdModifiedGradient, gdModifiedLoss, gradientDescent, gradientFlow, sgdImplicitTerm, type Vector,
} from "../../src/theory/implicit-regularisation";
import { expectClose } from "../helpers/expect-close";

const distance = (a: Vector, b: Vector) => Math.hypot(...a.map((v, i) => v - b[i]));

// A non-quadratic 2-D loss with its gradient and Hessian written out:
//   L(a, b) = ½a² + b² + ½a²b + a⁴/12
//   ∇L = (a + ab + a³/3,  2b + a²/2),   H = [[1 + b + a², a], [a, 2]]
const loss = ([a, b]: Vector) => 0.5 * a * a + b * b + 0.5 * a * a * b + a ** 4 / 12;
const grad = ([a, b]: Vector): Vector => [a + a * b + a ** 3 / 3, 2 * b + (a * a) / 2];
const hessianVector = ([a, b]: Vector, [u, v]: Vector): Vector => [(1 + b + a * a) * u + a * v, a * u + 2 * v];

describe("gradientFlow", () => {
  it("RK4 matches the closed-form flow of a quadratic, ϕ(t) = exp(−At)ϕ0, to ~1e-10", () => {
    // L = ½(1·ϕ1² + 5·ϕ2²): each coordinate decays as exp(−λt)
    const quadratic = ([x, y]: Vector): Vector => [x, 5 * y];
    const phi = gradientFlow(quadratic, [2, -1], 1.5, { method: "rk4", steps: 2000 });
    expectClose(phi, [2 * Math.exp(-1.5), -Math.exp(-7.5)], { atol: 1e-12, rtol: 1e-10 });
  });

  it("Euler with step α is exactly gradient descent with learning rate α", () => {
    expectClose(gradientFlow(grad, [1.2, -0.7], 0.5, { method: "euler", steps: 50 }), gradientDescent(grad, [1.2, -0.7], 0.01, 50), { rtol: 1e-15 });
  });

  it("RK4 converges at fourth order on the non-quadratic loss", () => {
    const reference = gradientFlow(grad, [1.2, -0.7], 1, { steps: 4000 });
    const e1 = distance(gradientFlow(grad, [1.2, -0.7], 1, { steps: 20 }), reference);
    const e2 = distance(gradientFlow(grad, [1.2, -0.7], 1, { steps: 40 }), reference);
    expect(Math.log2(e1 / e2)).toBeGreaterThan(3.8);
    expect(Math.log2(e1 / e2)).toBeLessThan(4.2);
  });

  it("rejects bad options", () => {
    expect(() => gradientFlow(grad, [0, 0], -1)).toThrow(/got -1/);
    expect(() => gradientFlow(grad, [0, 0], 1, { steps: 0 })).toThrow(/got 0/);
    expect(() => gradientFlow(grad, [0, 0], 1, { method: "heun" as never })).toThrow(/"heun"/);
    expect(() => gradientDescent(grad, [0, 0], 0, 3)).toThrow(/alpha must be positive and finite \(got 0\)/);
  });
});

describe("L_GD = L + (α/4)‖∇L‖²", () => {
  it("its value and gradient: modified gradient = ∇L + (α/2)H∇L, checked by central differences of L_GD", () => {
    const alpha = 0.1;
    const lgd = gdModifiedLoss(loss, grad, alpha);
    const phi = [0.8, -0.3];
    // by hand at ϕ = (0.8, −0.3): ∇L = (0.8 − 0.24 + 0.512/3, −0.6 + 0.32)
    const g = [0.8 - 0.24 + 0.512 / 3, -0.6 + 0.32];
    expectClose([lgd(phi)], [loss(phi) + (alpha / 4) * (g[0] ** 2 + g[1] ** 2)]);
    const h = 1e-5;
    const numeric = [0, 1].map((i) => {
      const plus = phi.map((p, j) => (j === i ? p + h : p));
      const minus = phi.map((p, j) => (j === i ? p - h : p));
      return (lgd(plus) - lgd(minus)) / (2 * h);
    });
    expectClose(gdModifiedGradient(grad, alpha, { hessianVector })(phi), numeric, { rtol: 1e-8 });
    // the default (finite-difference Hessian-vector product) agrees with the exact one
    expectClose(gdModifiedGradient(grad, alpha)(phi), gdModifiedGradient(grad, alpha, { hessianVector })(phi), { rtol: 1e-9 });
  });

  it("quadratic: GD = (I − αA)^n, the L_GD flow = exp(−(A + αA²/2)T) — closed forms", () => {
    const lambda = 3;
    const alpha = 0.01;
    const n = 50; // T = 0.5
    const gd = gradientDescent(([x]) => [lambda * x], [1], alpha, n)[0];
    expectClose([gd], [(1 - alpha * lambda) ** n]);
    const flow = gradientFlow(gdModifiedGradient(([x]) => [lambda * x], alpha, { hessianVector: (_, [v]) => [lambda * v] }), [1], n * alpha, { steps: 2000 })[0];
    expectClose([flow], [Math.exp(-(lambda + (alpha * lambda * lambda) / 2) * n * alpha)], { rtol: 1e-10 });
  });

  it("GD after T/α steps is O(α) from the flow of L but O(α²) from the flow of L_GD", () => {
    const phi0 = [1.2, -0.7];
    const T = 1;
    const alphas = [0.04, 0.02, 0.01, 0.005];
    const toL: number[] = [];
    const toLGD: number[] = [];
    for (const alpha of alphas) {
      const steps = Math.round(T / alpha);
      const gd = gradientDescent(grad, phi0, alpha, steps);
      toL.push(distance(gd, gradientFlow(grad, phi0, T, { steps: 4000 })));
      toLGD.push(distance(gd, gradientFlow(gdModifiedGradient(grad, alpha, { hessianVector }), phi0, T, { steps: 4000 })));
    }
    for (let i = 0; i < alphas.length; i++) expect(toLGD[i]).toBeLessThan(toL[i]);
    const order = (e: number[], i: number) => Math.log2(e[i] / e[i + 1]);
    // observed orders approach 1 and 2 as α halves; at the smallest α they are within 0.1
    const last = alphas.length - 2;
    expect(Math.abs(order(toL, last) - 1)).toBeLessThan(0.1);
    expect(Math.abs(order(toLGD, last) - 2)).toBeLessThan(0.1);
    expect(Math.abs(order(toLGD, last) - 2)).toBeLessThanOrEqual(Math.abs(order(toLGD, 0) - 2));
  });
});

describe("sgdImplicitTerm", () => {
  it("(α/4B)Σ‖∇L_b − ∇L‖² by hand", () => {
    // batches (1, 0), (3, 2): mean (2, 1); deviations (−1, −1), (1, 1) → Σ‖·‖² = 4; α = 0.2, B = 2 → 0.2·4/8 = 0.1
    expectClose([sgdImplicitTerm([[1, 0], [3, 2]], 0.2)], [0.1]);
    // an explicit full gradient: against (0, 0) the sum is 1 + 13 = 14 → 0.2·14/8
    expectClose([sgdImplicitTerm([[1, 0], [3, 2]], 0.2, [0, 0])], [0.35]);
    expect(sgdImplicitTerm([[1, 2], [1, 2]], 0.5)).toBe(0);
  });

  it("rejects mismatched gradients", () => {
    expect(() => sgdImplicitTerm([[1, 2], [1]], 0.1)).toThrow(/batch gradient 1 has length 1/);
    expect(() => sgdImplicitTerm([], 0.1)).toThrow(/no batch gradients/);
  });
});
