import { describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor/creation";
import { checkAgainstAutograd, evaluateExpression, expressionToTensor, symbolicDerivative } from "../../src/theory/symbolic";
import { expectClose } from "../helpers/expect-close";

const points = [-2.5, -1, -0.3, 0.2, 0.9, 1.7, 3];
const positive = [0.3, 0.8, 1.5, 2.4, 4];

describe("symbolicDerivative", () => {
  it("differentiates polynomials and compositions like a textbook", () => {
    const d = symbolicDerivative("x^3 + 2*x", "x");
    expectClose(points.map((x) => d.evaluate(x)), points.map((x) => 3 * x * x + 2));
    const s = symbolicDerivative("sin(x^2)", "x");
    expectClose(points.map((x) => s.evaluate(x)), points.map((x) => 2 * x * Math.cos(x * x)), { rtol: 1e-14 });
    expect(typeof d.expression).toBe("string");
  });

  it("expands sigmoid: σ′ = σ(1 − σ)", () => {
    const d = symbolicDerivative("sigmoid(x)", "x");
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    expectClose(points.map((x) => d.evaluate(x)), points.map((x) => sig(x) * (1 - sig(x))), { rtol: 1e-14 });
  });

  it("rejects what it cannot parse, naming the expression", () => {
    expect(() => symbolicDerivative("x +* 2", "x")).toThrow(/x \+\* 2/);
  });
});

describe("expressionToTensor", () => {
  it("evaluates like mathjs on the supported subset", () => {
    for (const expr of ["-x^2 / 3 + exp(x) * 2", "abs(x) - sqrt(x^2 + 1)", "tanh(x) + sigmoid(2*x) - pi", "cos(x)^(-2) + e"]) {
      for (const x of points) {
        expectClose([expressionToTensor(expr, { x: tensor(x) }).item()], [evaluateExpression(expr, { x })], { rtol: 1e-13 });
      }
    }
  });

  it("rejects unsupported nodes, naming them", () => {
    expect(() => expressionToTensor("x^x", { x: tensor(1) })).toThrow(/exponent x is not a numeric constant/);
    expect(() => expressionToTensor("max(x, 1)", { x: tensor(1) })).toThrow(/max with 2 arguments/);
    expect(() => expressionToTensor("asin(x)", { x: tensor(0.5) })).toThrow(/function asin/);
    expect(() => expressionToTensor("y + 1", { x: tensor(1) })).toThrow(/unknown symbol y/);
  });
});

describe("checkAgainstAutograd: symbolic derivatives against the library's backward", () => {
  const cases: [string, string, number[], Record<string, number>][] = [
    ["x^3 - 2*x + 1", "x", points, {}],
    ["exp(-x^2 / 2)", "x", points, {}],
    ["sin(x) * cos(2*x) + tanh(x)", "x", points, {}],
    ["sqrt(x) + log(x) / x", "x", positive, {}],
    ["abs(x) * x", "x", points, {}],
    // lecture 2: softplus log(1 + eˣ), log-sigmoid log σ(x)
    ["log(1 + exp(x))", "x", points, {}],
    ["log(sigmoid(x))", "x", points, {}],
    // lecture 2: binary cross-entropy of a logit for label y = 1 and y = 0
    ["-(1 * log(sigmoid(z)) + (1 - 1) * log(1 - sigmoid(z)))", "z", points, {}],
    ["-log(1 - sigmoid(z))", "z", points, {}],
  ];
  for (const [expr, variable, at, scope] of cases) {
    it(`d/d${variable} ${expr}`, () => {
      const r = checkAgainstAutograd(expr, variable, at, scope);
      expectClose(r.autograd, r.symbolic, { rtol: 1e-12, atol: 1e-14 });
    });
  }

  it("Gaussian NLL in µ and in σ (lecture 2): both match the closed forms", () => {
    // NLL = ½ log(2π σ²) + (y − µ)² / 2σ²;  ∂/∂µ = −(y − µ)/σ²;  ∂/∂σ = 1/σ − (y − µ)²/σ³
    const nll = "0.5 * log(2 * pi * sigma^2) + (y - mu)^2 / (2 * sigma^2)";
    const y = 0.7;
    const sigma = 1.3;
    const mus = [-1, 0, 0.5, 2];
    const inMu = checkAgainstAutograd(nll, "mu", mus, { y, sigma });
    expectClose(inMu.autograd, inMu.symbolic, { rtol: 1e-12, atol: 1e-15 });
    expectClose(inMu.symbolic, mus.map((mu) => -(y - mu) / sigma ** 2), { rtol: 1e-12 });
    const sigmas = [0.4, 1, 2.5];
    const inSigma = checkAgainstAutograd(nll, "sigma", sigmas, { y, mu: -0.2 });
    expectClose(inSigma.autograd, inSigma.symbolic, { rtol: 1e-12 });
    expectClose(inSigma.symbolic, sigmas.map((s) => 1 / s - (y + 0.2) ** 2 / s ** 3), { rtol: 1e-12 });
  });

  it("d/dx x·|x| is 2|x|: the check distinguishes it from the plausible-looking |x|", () => {
    const r = checkAgainstAutograd("abs(x) * x", "x", [1.5]);
    expect(Math.abs(r.autograd[0] - 1.5)).toBeGreaterThan(1); // d/dx x|x| = 2|x| = 3, not |x|
    expect(r.maxAbsError).toBeLessThan(1e-12);
  });
});
