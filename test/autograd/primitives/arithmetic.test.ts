// Binary primitives with broadcasting: values against plain-JS loops over the broadcast index,
// gradients against closed forms (including the sum over broadcast dimensions), and gradcheck.
import { describe, expect, test } from "vitest";
import { add, gradcheck, maximum, tensor, Tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { broadcastFlat, elementwise, unravel, type Dense } from "../../helpers/reference-ops";

interface BinaryCase {
  name: string;
  op: (a: Tensor, b: Tensor) => Tensor;
  f: (a: number, b: number) => number;
  dfa: (a: number, b: number) => number;
  dfb: (a: number, b: number) => number;
  low: number;
  high: number;
}

const cases: BinaryCase[] = [
  { name: "add", op: (a, b) => a.add(b), f: (a, b) => a + b, dfa: () => 1, dfb: () => 1, low: -2, high: 2 },
  { name: "sub", op: (a, b) => a.sub(b), f: (a, b) => a - b, dfa: () => 1, dfb: () => -1, low: -2, high: 2 },
  { name: "mul", op: (a, b) => a.mul(b), f: (a, b) => a * b, dfa: (_, b) => b, dfb: (a) => a, low: -2, high: 2 },
  { name: "div", op: (a, b) => a.div(b), f: (a, b) => a / b, dfa: (_, b) => 1 / b, dfb: (a, b) => -a / (b * b), low: 0.5, high: 2 },
  { name: "pow", op: (a, b) => a.pow(b), f: (a, b) => a ** b, dfa: (a, b) => b * a ** (b - 1), dfb: (a, b) => a ** b * Math.log(a), low: 0.5, high: 2 },
  { name: "maximum", op: (a, b) => a.maximum(b), f: Math.max, dfa: (a, b) => (a > b ? 1 : 0), dfb: (a, b) => (b > a ? 1 : 0), low: -2, high: 2 },
];

// Shapes that exercise each broadcasting pattern: equal, row vector, column against row, scalar, leading dimensions.
const shapePairs: [number[], number[]][] = [
  [[3, 4], [3, 4]],
  [[3, 4], [4]],
  [[3, 1], [1, 4]],
  [[2, 3], []],
  [[2, 1, 4], [3, 1]],
];

/** out[idx] = f(a[idx broadcast], b[idx broadcast]) with explicit index arithmetic (reference-ops.ts), independent of the library. */
function broadcastReference(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Dense {
  const dense = (t: Tensor): Dense => ({ shape: [...t.shape], values: Array.from(t.toArray()) });
  return elementwise([dense(a), dense(b)], f);
}

describe.each(["float64", "float32"] as const)("binary primitives in %s", (dtype) => {
  const tol = dtype === "float64" ? { rtol: 1e-13, atol: 1e-14 } : { rtol: 1e-6, atol: 1e-6 };
  const gradTol = dtype === "float64" ? { rtol: 1e-12, atol: 1e-13 } : { rtol: 1e-5, atol: 1e-5 };
  const round = dtype === "float32" ? Math.fround : (v: number) => v;

  describe.each(cases)("$name", ({ op, f, dfa, dfb, low, high }) => {
    test.each(shapePairs)("values and gradients for shapes %j and %j", (sa, sb) => {
      const a = randomTensor(sa, { dtype, low, high, seed: 11, requiresGrad: true });
      const b = randomTensor(sb, { dtype, low, high, seed: 12, requiresGrad: true });
      const out = op(a, b);
      const expected = broadcastReference(a, b, (x, y) => round(f(x, y)));
      expect(out.shape).toEqual(expected.shape);
      expect(out.dtype).toBe(dtype);
      expectClose(out.toArray(), expected.values, tol);
      // d sum(out) / da = Σ over the broadcast copies of each a-element of ∂f/∂a (same for b).
      out.sum().backward();
      const ga = broadcastReference(a, b, dfa);
      const gb = broadcastReference(a, b, dfb);
      expectClose(a.grad!.toArray(), sumBack(ga, a), gradTol);
      expectClose(b.grad!.toArray(), sumBack(gb, b), gradTol);
    });
  });

  test("a number operand takes the tensor's dtype", () => {
    const x = tensor([1, 2], { dtype });
    expect(x.add(0.1).dtype).toBe(dtype);
    expect(x.add(0.1).tolist()).toEqual([round(1 + round(0.1)), round(2 + round(0.1))]);
  });
});

/** Sums a gradient of the broadcast shape back onto the operand's elements (plain loops). */
function sumBack(g: Dense, operand: Tensor): number[] {
  const out = new Array<number>(operand.numel()).fill(0);
  g.values.forEach((v, k) => (out[broadcastFlat(unravel(k, g.shape), operand.shape)] += v));
  return out;
}

describe("mixed dtypes promote to float64 (as in PyTorch)", () => {
  test("float32 + float64", () => {
    const a = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const b = tensor([0.1, 0.2], { requiresGrad: true });
    const out = add(a, b);
    expect(out.dtype).toBe("float64");
    out.sum().backward();
    expect(a.grad!.dtype).toBe("float32");
    expect(b.grad!.dtype).toBe("float64");
  });
});

describe("binary primitives pass gradcheck with broadcasting (float64)", () => {
  test.each(cases)("$name", ({ op, low, high }) => {
    for (const [sa, sb] of shapePairs) {
      const a = randomTensor(sa, { low, high, seed: 21, requiresGrad: true });
      const b = randomTensor(sb, { low, high, seed: 22, requiresGrad: true });
      expect(gradcheck(op, [a, b]).ok).toBe(true);
    }
  });

  test("maximum splits the gradient at ties", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([1, 3], { requiresGrad: true });
    maximum(a, b).sum().backward();
    expect(a.grad!.tolist()).toEqual([0.5, 0]);
    expect(b.grad!.tolist()).toEqual([0.5, 1]);
  });

  test("maximum propagates NaN like numpy.maximum", () => {
    expect(tensor([NaN, 1]).maximum(tensor([0, NaN])).tolist()).toEqual([NaN, NaN]);
  });
});
