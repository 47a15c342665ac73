// Symbolic derivatives with mathjs, and a check of the library's autograd against them (lecture 1,
// backpropagation; lecture 2 losses such as softplus, log-sigmoid and the Gaussian NLL). A symbolic
// derivative is an independent reference: it shares no code with our backward closures, so agreement
// at many points is evidence that the primitives' local derivatives are right.
//
// The translation from a mathjs expression tree to tensor operations covers a small subset:
// + − * / (binary and unary minus), ^ with a numeric exponent, the functions exp, log, sin, cos, tanh,
// sqrt, abs, sigmoid (mathjs has none, so the derivative sees 1/(1+exp(−x)) instead), numbers, the
// constants pi and e, and variables. Anything else is rejected with the node named.

import type { MathNode } from "mathjs";

// mathjs takes ~0.9 s to load, so it is required on first use: a notebook that imports deepnotes but
// never differentiates symbolically does not pay for it.
let mathjs: typeof import("mathjs") | undefined;
function math(): typeof import("mathjs") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, for the reason above
  mathjs ??= require("mathjs") as typeof import("mathjs");
  return mathjs;
}
import { tensor } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";

export interface SymbolicDerivative {
  /** The simplified derivative as text, e.g. "2 * x". */
  expression: string;
  /** Its value at a point; `scope` gives the other variables. */
  evaluate(x: number, scope?: Record<string, number>): number;
}

// mathjs does not know sigmoid: expand it before differentiating.
function expandSigmoid(expr: string): MathNode {
  const node = math().parse(expr);
  return node.transform((n) => {
    if (n.type === "FunctionNode" && (n as unknown as { fn: { name: string } }).fn.name === "sigmoid") {
      const arg = (n as unknown as { args: MathNode[] }).args[0];
      return math().parse(`1 / (1 + exp(-(${arg.toString()})))`);
    }
    return n;
  });
}

/**
 * d(expr)/d(variable) by mathjs, simplified, with a compiled evaluator.
 * @example
 * const d = theory.symbolicDerivative("x^3", "x");
 * expect(d.expression).toBe("3 * x ^ 2");
 * expect(d.evaluate(2)).toBe(12);
 */
export function symbolicDerivative(expr: string, variable: string): SymbolicDerivative {
  let d: MathNode;
  try {
    d = math().derivative(expandSigmoid(expr), variable);
  } catch (e) {
    throw new Error(`symbolicDerivative: cannot differentiate ${JSON.stringify(expr)} in ${variable}: ${(e as Error).message}`, { cause: e });
  }
  const compiled = d.compile();
  return {
    expression: d.toString(),
    evaluate(x: number, scope: Record<string, number> = {}): number {
      const value: unknown = compiled.evaluate({ ...scope, [variable]: x });
      if (typeof value !== "number") throw new Error(`symbolicDerivative: ${d.toString()} evaluated to ${String(value)}, not a real number`);
      return value;
    },
  };
}

/**
 * The expression's value with mathjs (the reference for the forward pass).
 * @example
 * expect(theory.evaluateExpression("sigmoid(x) + y^2", { x: 0, y: 3 })).toBe(9.5);
 */
export function evaluateExpression(expr: string, scope: Record<string, number>): number {
  return math().compile(expandSigmoid(expr).toString()).evaluate(scope) as number;
}

/**
 * Builds the expression from tensor operations, so that backward() differentiates it.
 * @example
 * const x = tensor(2, { requiresGrad: true });
 * const y = theory.expressionToTensor("x^2 + 3*x", { x });
 * expect(y.item()).toBe(10);
 * y.backward();
 * expect(x.grad!.item()).toBe(7);                                        // 2x + 3
 */
export function expressionToTensor(expr: string, scope: Record<string, Tensor>): Tensor {
  return build(math().parse(expr), scope);
}

function build(node: MathNode, scope: Record<string, Tensor>): Tensor {
  const n = node as unknown as { type: string; value?: unknown; name?: string; op?: string; fn?: { name: string } | string; args?: MathNode[]; content?: MathNode };
  switch (n.type) {
    case "ConstantNode":
      if (typeof n.value !== "number") throw new Error(`expressionToTensor: constant ${String(n.value)} is not a number`);
      return tensor(n.value);
    case "SymbolNode": {
      if (n.name! in scope) return scope[n.name!];
      if (n.name === "pi") return tensor(Math.PI);
      if (n.name === "e") return tensor(Math.E);
      throw new Error(`expressionToTensor: unknown symbol ${n.name}`);
    }
    case "ParenthesisNode":
      return build(n.content!, scope);
    case "OperatorNode": {
      const args = n.args!;
      if (args.length === 1 && n.op === "-") return build(args[0], scope).neg();
      if (args.length === 1 && n.op === "+") return build(args[0], scope);
      const [a, b] = args;
      if (n.op === "^") {
        const exponent = numericValue(b);
        return build(a, scope).pow(exponent);
      }
      const left = build(a, scope);
      const right = build(b, scope);
      if (n.op === "+") return left.add(right);
      if (n.op === "-") return left.sub(right);
      if (n.op === "*") return left.mul(right);
      if (n.op === "/") return left.div(right);
      throw new Error(`expressionToTensor: operator ${n.op} is not supported`);
    }
    case "FunctionNode": {
      const name = typeof n.fn === "string" ? n.fn : n.fn!.name;
      const args = n.args!;
      if (args.length !== 1) throw new Error(`expressionToTensor: ${name} with ${args.length} arguments is not supported`);
      const x = build(args[0], scope);
      switch (name) {
        case "exp": return x.exp();
        case "log": return x.log();
        case "sin": return x.sin();
        case "cos": return x.cos();
        case "tanh": return x.tanh();
        case "sqrt": return x.sqrt();
        case "abs": return x.abs();
        case "sigmoid": return x.sigmoid();
        default: throw new Error(`expressionToTensor: function ${name} is not supported`);
      }
    }
    default:
      throw new Error(`expressionToTensor: ${n.type} (${node.toString()}) is not supported`);
  }
}

// The exponent must be a number (possibly signed or a fraction of numbers), not an expression in x.
function numericValue(node: MathNode): number {
  let value: unknown;
  try {
    value = node.compile().evaluate({});
  } catch {
    value = undefined; // a symbol in the exponent
  }
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`expressionToTensor: exponent ${node.toString()} is not a numeric constant`);
  return value;
}

export interface AutogradCheck {
  /** Largest |symbolic − autograd| over the points. */
  maxAbsError: number;
  symbolic: number[];
  autograd: number[];
  /** The symbolic derivative's text. */
  expression: string;
}

/**
 * d(expr)/d(variable) at every point by mathjs and by the library's autograd of the same expression.
 * `scope` fixes the other variables (e.g. σ while differentiating in µ).
 * @example
 * const check = theory.checkAgainstAutograd("sin(x) * x", "x", [0.5, 1]);
 * expect(check.expression).toBe("cos(x) * x + sin(x)");
 * expect(check.maxAbsError).toBeLessThan(1e-12);
 * expect(check.symbolic[1]).toBeCloseTo(Math.cos(1) + Math.sin(1), 15);
 */
export function checkAgainstAutograd(expr: string, variable: string, points: number[], scope: Record<string, number> = {}): AutogradCheck {
  if (points.length === 0) throw new Error("checkAgainstAutograd: no points");
  const d = symbolicDerivative(expr, variable);
  const symbolic: number[] = [];
  const autograd: number[] = [];
  for (const p of points) {
    symbolic.push(d.evaluate(p, scope));
    const x = tensor(p, { requiresGrad: true });
    const tensors: Record<string, Tensor> = { [variable]: x };
    for (const [name, value] of Object.entries(scope)) tensors[name] = tensor(value);
    expressionToTensor(expr, tensors).backward();
    autograd.push(x.grad!.item());
  }
  let maxAbsError = 0;
  for (let i = 0; i < points.length; i++) maxAbsError = Math.max(maxAbsError, Math.abs(symbolic[i] - autograd[i]));
  return { maxAbsError, symbolic, autograd, expression: d.expression };
}
