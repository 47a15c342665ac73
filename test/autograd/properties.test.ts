// Property-based tests (fast-check) through every autograd primitive and every composed op of
// src/autograd/ops.ts, on random shapes (0–4 dims, sizes 0–3), broadcast-compatible pairs, views
// (permutes, stepped slices, stride-0 expands, selects, offsets — stacked), float64 and float32:
//   1. forward equals a straightforward implementation written here (plain loops over the elements,
//      read from storage by index arithmetic; the shared plain-loop references for products);
//   2. forward is the same on setKernel("wasm") and setKernel("reference"): bit for bit for ops that
//      never call the kernel, within the same bound as against the reference for matmul and conv;
//   3. backward passes float64 gradcheck, with the operands built as views inside the checked
//      function, so non-contiguous inputs go through the backward of their view.
// Tolerances (u = 2⁻⁵³ in float64, 2⁻²⁴ in float32): elementwise results within 8u relative (op and
// reference each round a few times), except erf, erfc and Φ in float64, whose series /
// continued-fraction reference is good to 1e-15 (2e-15 relative + 2e-16 absolute, for 1 − erf; their
// tails are checked to a few ulp against 64-digit references in erf.test.ts); sums, products and
// convolutions within 8u·(|r| + n·Σ|terms|), n the number of terms.
// A failure shrinks to a minimal case and prints it (shapes, layouts, dtypes, value seed) with the
// shapes, strides and offsets of the tensors the op saw. `npm test` runs a few cases per property with
// a fixed seed; `npm run fuzz` runs many with a random seed it prints (FUZZ_SEED=… replays it).
import fc from "fast-check";
import { afterAll, describe, test } from "vitest";
import { erfReference } from "../helpers/erf-reference";
import {
  broadcastFlat, broadcastShapes, directConv2d, directPool, elementwise, referenceMatmul, unravel, type Dense,
} from "../helpers/reference-ops";
import {
  baseTensor, broadcastPair, denseCopy, describeTensor, operand, readStrided, shape, size, viewOf, type ValueRange,
} from "../helpers/arbitraries";
import * as lib from "../../src/index";
import { gradcheck, setKernel, type DType, type Tensor } from "../../src/index";

// ---- configuration: a fixed seed in npm test, many runs under npm run fuzz ----------------------
const FUZZ = process.env.FUZZ_SEED !== undefined;
const SEED = FUZZ ? Number(process.env.FUZZ_SEED) : 20250611;
const RUNS = FUZZ ? Number(process.env.FUZZ_RUNS ?? 1000) : 20;

function check<T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => void, runs = RUNS): void {
  fc.assert(fc.property(arbitrary, property), { seed: SEED, numRuns: runs, endOnFailure: false });
}

afterAll(() => setKernel("wasm"));

// ---- the plain-loop world: dense row-major values with their shape (test/helpers/reference-ops.ts) --
const dense = (t: Tensor): Dense => ({ shape: [...t.shape], values: readStrided(t) });
const count = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);

/**
 * eˣ − 1 by Kahan's formula (u − 1)·x / ln u with u = eˣ: the rounding of u cancels between the
 * numerator and ln u (Higham, Accuracy and Stability of Numerical Algorithms, §1.14.1).
 */
function expm1Reference(x: number): number {
  const u = Math.exp(x);
  if (u === 1) return x;
  if (u - 1 === -1) return -1;
  return ((u - 1) * x) / Math.log(u);
}
/** ln(1 + x) by Goldberg's theorem 4 ("What every computer scientist should know about floating-point arithmetic"): x·ln w / (w − 1) with w = 1 + x rounded (x itself when w = 1). */
function log1pReference(x: number): number {
  const w = 1 + x;
  return w === 1 ? x : (x * Math.log(w)) / (w - 1);
}

// ---- comparison and the three checks ------------------------------------------------------------
const unit = (d: DType) => (d === "float64" ? 2 ** -53 : 2 ** -24);

/**
 * |actual − expected| ≤ 8u·(|expected| + scale) + atol elementwise (NaN matches NaN, ±∞ itself);
 * `scale` is Σ|terms| for sums and products (times the number of terms), |expected| otherwise.
 */
function assertClose(what: string, actual: number[], expected: Dense, d: DType, context: string, scale?: number[], atol = 0): void {
  if (actual.length !== expected.values.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.values.length}\n${context}`);
  actual.forEach((a, i) => {
    const e = expected.values[i];
    if (a === e || (Number.isNaN(a) && Number.isNaN(e))) return;
    const bound = 8 * unit(d) * (Math.abs(e) + (scale?.[i] ?? 0)) + atol;
    if (!(Math.abs(a - e) <= bound)) {
      throw new Error(`${what}: element ${i} [${unravel(i, expected.shape).join(", ")}] is ${a}, expected ${e} (|diff| ${Math.abs(a - e)} > ${bound})\n${context}`);
    }
  });
}

function assertShape(what: string, t: Tensor, s: number[], context: string): void {
  if (t.shape.length !== s.length || t.shape.some((d, i) => d !== s[i])) {
    throw new Error(`${what}: shape [${t.shape.join(", ")}], expected [${s.join(", ")}]\n${context}`);
  }
}

const contextOf = (views: Tensor[]) => views.map((v, i) => `  input ${i}: ${describeTensor(v)}`).join("\n");

/** The op on both kernels: the results must agree to the last bit, or within the product bound when `scale` is given (matmul, conv). */
function onBothKernels(run: () => Tensor, context: string, scale?: number[]): Tensor {
  setKernel("wasm");
  const wasm = run();
  setKernel("reference");
  const reference = run();
  setKernel("wasm");
  const a = readStrided(wasm);
  const b = dense(reference);
  if (scale === undefined) {
    a.forEach((v, i) => {
      const w = b.values[i];
      if (!(v === w || (Number.isNaN(v) && Number.isNaN(w)))) throw new Error(`wasm and reference kernels differ at element ${i}: ${v} vs ${w}\n${context}`);
    });
  } else {
    assertClose("wasm vs reference kernel", a, b, wasm.dtype, context, scale.map((s) => 2 * s));
  }
  return wasm;
}

/** float64 gradcheck of fn over the bases (full Jacobian when small, random projections otherwise). */
function assertGradcheck(fn: (...xs: Tensor[]) => Tensor, bases: Tensor[], context: string, eps?: number): void {
  const size = bases.reduce((s, b) => s + b.numel(), 0);
  const out = fn(...bases);
  if (!out.requiresGrad) return; // nothing recorded (every input was empty or non-differentiable)
  const runs = size + out.numel() <= 60 ? [{ fast: false, seed: 0 }] : [{ fast: true, seed: 1 }, { fast: true, seed: 2 }];
  for (const options of runs) {
    const result = gradcheck(fn, bases, { ...options, eps, raiseException: false });
    if (!result.ok) throw new Error(`${result.message}\n${context}`);
  }
}

// ---- 1. unary elementwise ops -------------------------------------------------------------------
interface UnaryOp {
  name: string;
  op: (x: Tensor) => Tensor;
  reference: (x: number) => number;
  range: ValueRange;
  /** float64 slack of a reference that is less accurate than 8u (erfReference: 1e-15 relative, and 1 − erf) */
  slack?: { rtol: number; atol: number };
}

const unaryOps: UnaryOp[] = [
  { name: "neg", op: (x) => x.neg(), reference: (x) => -x, range: { low: -2, high: 2 } },
  { name: "exp", op: (x) => x.exp(), reference: Math.exp, range: { low: -3, high: 3 } },
  { name: "expm1", op: (x) => x.expm1(), reference: expm1Reference, range: { low: -3, high: 3 } },
  { name: "log", op: (x) => x.log(), reference: Math.log, range: { low: 0.2, high: 3 } },
  { name: "log1p", op: (x) => x.log1p(), reference: log1pReference, range: { low: -0.8, high: 3 } },
  { name: "sqrt", op: (x) => x.sqrt(), reference: Math.sqrt, range: { low: 0.2, high: 3 } },
  { name: "abs", op: (x) => x.abs(), reference: (x) => (x < 0 ? -x : x), range: { low: -2, high: 2 } },
  { name: "sin", op: (x) => x.sin(), reference: Math.sin, range: { low: -3, high: 3 } },
  { name: "cos", op: (x) => x.cos(), reference: Math.cos, range: { low: -3, high: 3 } },
  { name: "tanh", op: (x) => x.tanh(), reference: (x) => expm1Reference(2 * x) / (expm1Reference(2 * x) + 2), range: { low: -3, high: 3 } },
  { name: "sigmoid", op: (x) => x.sigmoid(), reference: (x) => 1 / (1 + Math.exp(-x)), range: { low: -4, high: 4 } },
  { name: "relu", op: (x) => x.relu(), reference: (x) => (x > 0 ? x : 0), range: { low: -2, high: 2 } },
  { name: "erf", op: (x) => x.erf(), reference: erfReference, range: { low: -3, high: 3 }, slack: { rtol: 2e-15, atol: 0 } },
  { name: "erfc", op: (x) => x.erfc(), reference: (x) => 1 - erfReference(x), range: { low: -3, high: 3 }, slack: { rtol: 2e-15, atol: 2e-16 } },
  {
    name: "normalCdf",
    op: (x) => lib.normalCdf(x),
    reference: (x) => 0.5 * (1 + erfReference(x / Math.SQRT2)),
    range: { low: -3, high: 3 },
    slack: { rtol: 2e-15, atol: 2e-16 },
  },
  { name: "square", op: (x) => x.square(), reference: (x) => x * x, range: { low: -2, high: 2 } },
  { name: "clamp", op: (x) => x.clamp(-0.5, 0.7), reference: (x) => Math.min(Math.max(x, -0.5), 0.7), range: { low: -2, high: 2 } },
];

describe("unary ops: reference, both kernels, gradcheck through views", () => {
  test.each(unaryOps)("$name", ({ op, reference, range, slack }) => {
    check(shape().chain((s) => operand(s)), (spec) => {
      const x = viewOf(spec, baseTensor(spec, range));
      const context = `${contextOf([x])}\n  case ${fc.stringify(spec)}`;
      const out = onBothKernels(() => op(x), context);
      assertShape("output", out, spec.shape, context);
      if (out.dtype !== spec.dtype) throw new Error(`output dtype ${out.dtype}, expected ${spec.dtype}\n${context}`);
      const input = dense(x);
      const expected = { shape: input.shape, values: input.values.map(reference) };
      const loose = spec.dtype === "float64" && slack !== undefined;
      const scale = loose ? expected.values.map((v) => (slack.rtol / (8 * unit("float64"))) * Math.abs(v)) : undefined;
      assertClose("forward", readStrided(out), expected, spec.dtype, context, scale, loose ? slack.atol : 0);
      const f64 = { ...spec, dtype: "float64" as const };
      assertGradcheck((b) => op(viewOf(f64, b)), [baseTensor(f64, range, true)], context);
    });
  });
});

// ---- 2. binary broadcasting ops -----------------------------------------------------------------
interface BinaryOp {
  name: string;
  op: (a: Tensor, b: Tensor) => Tensor;
  reference: (a: number, b: number) => number;
  ranges: [ValueRange, ValueRange];
  differentiable: boolean;
}

const wide: ValueRange = { low: -2, high: 2 };
const ties: ValueRange = { low: 0, high: 0, choices: [-1, 0, 1] };
const binaryOps: BinaryOp[] = [
  { name: "add", op: (a, b) => a.add(b), reference: (a, b) => a + b, ranges: [wide, wide], differentiable: true },
  { name: "sub", op: (a, b) => a.sub(b), reference: (a, b) => a - b, ranges: [wide, wide], differentiable: true },
  { name: "mul", op: (a, b) => a.mul(b), reference: (a, b) => a * b, ranges: [wide, wide], differentiable: true },
  { name: "div", op: (a, b) => a.div(b), reference: (a, b) => a / b, ranges: [wide, { low: -2, high: 2, avoid: 0.25 }], differentiable: true },
  { name: "pow", op: (a, b) => a.pow(b), reference: Math.pow, ranges: [{ low: 0.3, high: 2 }, wide], differentiable: true },
  { name: "maximum", op: (a, b) => a.maximum(b), reference: Math.max, ranges: [wide, wide], differentiable: true },
  { name: "minimum", op: (a, b) => a.minimum(b), reference: Math.min, ranges: [wide, wide], differentiable: true },
  { name: "eq", op: (a, b) => a.eq(b), reference: (a, b) => (a === b ? 1 : 0), ranges: [ties, ties], differentiable: false },
  { name: "ne", op: (a, b) => a.ne(b), reference: (a, b) => (a !== b ? 1 : 0), ranges: [ties, ties], differentiable: false },
  { name: "lt", op: (a, b) => a.lt(b), reference: (a, b) => (a < b ? 1 : 0), ranges: [ties, ties], differentiable: false },
  { name: "le", op: (a, b) => a.le(b), reference: (a, b) => (a <= b ? 1 : 0), ranges: [ties, ties], differentiable: false },
  { name: "gt", op: (a, b) => a.gt(b), reference: (a, b) => (a > b ? 1 : 0), ranges: [ties, ties], differentiable: false },
  { name: "ge", op: (a, b) => a.ge(b), reference: (a, b) => (a >= b ? 1 : 0), ranges: [ties, ties], differentiable: false },
];

const promote = (a: DType, b: DType): DType => (a === "float64" || b === "float64" ? "float64" : "float32");

/** Operands of broadcast-compatible shapes, each with its own view and dtype. */
const operandPair = shape().chain((result) => broadcastPair(result).chain(([sa, sb]) => fc.tuple(operand(sa), operand(sb))));

describe("binary ops with broadcasting and mixed dtypes: reference, both kernels, gradcheck through views", () => {
  test.each(binaryOps)("$name", ({ op, reference, ranges, differentiable }) => {
    check(operandPair, ([sa, sb]) => {
      const a = viewOf(sa, baseTensor(sa, ranges[0]));
      const b = viewOf(sb, baseTensor(sb, ranges[1]));
      const context = `${contextOf([a, b])}\n  case ${fc.stringify([sa, sb])}`;
      const out = onBothKernels(() => op(a, b), context);
      const expected = elementwise([dense(a), dense(b)], reference);
      const d = promote(sa.dtype, sb.dtype);
      assertShape("output", out, expected.shape, context);
      if (out.dtype !== d) throw new Error(`output dtype ${out.dtype}, expected ${d}\n${context}`);
      assertClose("forward", readStrided(out), expected, d, context);
      if (!differentiable) return;
      const [fa, fb] = [sa, sb].map((s) => ({ ...s, dtype: "float64" as const }));
      assertGradcheck((x, y) => op(viewOf(fa, x), viewOf(fb, y)), [baseTensor(fa, ranges[0], true), baseTensor(fb, ranges[1], true)], context);
    });
  });

  // add, sub, mul, div, pow and maximum take a plain number on either side (minimum, composed, on the right)
  const withNumbers: [string, (a: lib.TensorLike, b: lib.TensorLike) => Tensor, boolean][] = [
    ["add", lib.add, true], ["sub", lib.sub, true], ["mul", lib.mul, true], ["div", lib.div, true], ["pow", lib.pow, true],
    ["maximum", lib.maximum, true], ["minimum", (a, b) => lib.minimum(a as Tensor, b), false],
  ];
  test.each(withNumbers)("%s with a number operand", (name, fn, eitherSide) => {
    const { reference, ranges } = binaryOps.find((o) => o.name === name)!;
    check(fc.tuple(shape().chain((s) => operand(s)), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), ([spec, wantFirst, t]) => {
      const numberFirst = wantFirst && eitherSide;
      const x = viewOf(spec, baseTensor(spec, ranges[numberFirst ? 1 : 0]));
      const range = ranges[numberFirst ? 0 : 1];
      const c = Math.abs(range.low + t * (range.high - range.low)) < (range.avoid ?? 0) ? range.avoid! : range.low + t * (range.high - range.low);
      const context = `${contextOf([x])} with the number ${c} ${numberFirst ? "first" : "second"}\n  case ${fc.stringify(spec)}`;
      const out = onBothKernels(() => (numberFirst ? fn(c, x) : fn(x, c)), context);
      if (out.dtype !== spec.dtype) throw new Error(`output dtype ${out.dtype}: a number must take the tensor's dtype ${spec.dtype}\n${context}`);
      const input = dense(x);
      const cd = spec.dtype === "float32" ? Math.fround(c) : c;
      const expected = { shape: input.shape, values: input.values.map((v) => (numberFirst ? reference(cd, v) : reference(v, cd))) };
      assertClose("forward", readStrided(out), expected, spec.dtype, context);
      const f64 = { ...spec, dtype: "float64" as const };
      assertGradcheck((b) => (numberFirst ? fn(c, viewOf(f64, b)) : fn(viewOf(f64, b), c)), [baseTensor(f64, ranges[numberFirst ? 1 : 0], true)], context);
    });
  });
});

// ---- 3. where ------------------------------------------------------------------------------------
describe("where(cond, a, b) with three-way broadcasting: reference, both kernels, gradcheck through views", () => {
  const triple = shape().chain((result) =>
    fc.tuple(broadcastPair(result), broadcastPair(result)).chain(([[sc], [sa, sb]]) => fc.tuple(operand(sc), operand(sa), operand(sb))),
  );
  test("where", () => {
    check(triple, ([sc, sa, sb]) => {
      const cond = viewOf(sc, baseTensor(sc, { low: 0, high: 0, choices: [0, 1] }));
      const a = viewOf(sa, baseTensor(sa, wide));
      const b = viewOf(sb, baseTensor(sb, wide));
      const context = `${contextOf([cond, a, b])}\n  case ${fc.stringify([sc, sa, sb])}`;
      const out = onBothKernels(() => lib.where(cond, a, b), context);
      const expected = elementwise([dense(cond), dense(a), dense(b)], (c, x, y) => (c !== 0 ? x : y));
      assertShape("output", out, expected.shape, context);
      assertClose("forward", readStrided(out), expected, promote(sa.dtype, sb.dtype), context);
      const [fa, fb] = [sa, sb].map((s) => ({ ...s, dtype: "float64" as const }));
      assertGradcheck((x, y) => lib.where(cond, viewOf(fa, x), viewOf(fb, y)), [baseTensor(fa, wide, true), baseTensor(fb, wide, true)], context);
    });
  });
});

// ---- 4. reductions -------------------------------------------------------------------------------
interface Reduction {
  name: string;
  op: (x: Tensor, dims: number[] | undefined, keepdim: boolean) => Tensor;
  /** the value of one group of reduced elements */
  reference: (group: number[]) => number;
  /** max and min have no value over an empty dim: reducing one must throw (even when the output is empty), as in PyTorch */
  refusesEmpty?: boolean;
  /** Σ|terms| of one group, for the tolerance of sums */
  scale?: (group: number[]) => number;
  /** gradcheck only where the op is differentiable at the generated point */
  smooth?: (group: number[]) => boolean;
}

const sumOf = (g: number[]) => g.reduce((s, v) => s + v, 0);
const meanOf = (g: number[]) => sumOf(g) / g.length;
const squaresAbout = (g: number[]) => g.reduce((s, v) => s + (v - meanOf(g)) ** 2, 0);
const absSum = (g: number[]) => g.reduce((s, v) => s + Math.abs(v), 0);
const spread = (g: number[]) => Math.max(...g) - Math.min(...g);

const reductions: Reduction[] = [
  { name: "sum", op: (x, d, k) => x.sum(d, k), reference: sumOf, scale: (g) => g.length * absSum(g) },
  { name: "mean", op: (x, d, k) => x.mean(d, k), reference: (g) => (g.length === 0 ? NaN : meanOf(g)), scale: (g) => absSum(g) },
  { name: "max", op: (x, d, k) => x.max(d, k), reference: (g) => Math.max(...g), refusesEmpty: true },
  { name: "min", op: (x, d, k) => x.min(d, k), reference: (g) => Math.min(...g), refusesEmpty: true },
  {
    name: "var (unbiased)",
    op: (x, d, k) => x.var(d, k),
    reference: (g) => (g.length <= 1 ? NaN : squaresAbout(g) / (g.length - 1)),
    scale: (g) => g.length * g.reduce((s, v) => s + v * v, 0),
  },
  {
    name: "var (correction 0)",
    op: (x, d, k) => x.var(d, k, { correction: 0 }),
    reference: (g) => (g.length === 0 ? NaN : squaresAbout(g) / g.length),
    scale: (g) => g.length * g.reduce((s, v) => s + v * v, 0),
  },
  {
    name: "std",
    op: (x, d, k) => x.std(d, k),
    reference: (g) => (g.length <= 1 ? NaN : Math.sqrt(squaresAbout(g) / (g.length - 1))),
    scale: (g) => g.length * Math.sqrt(g.reduce((s, v) => s + v * v, 0)),
    smooth: (g) => g.length > 1 && spread(g) > 1e-3, // √ is not differentiable at a zero variance
  },
  {
    name: "logsumexp",
    op: (x, d, k) => x.logsumexp(d, k),
    reference: (g) => Math.log(g.reduce((s, v) => s + Math.exp(v), 0)),
    scale: (g) => g.length,
    smooth: (g) => g.length > 0,
  },
];

/** Throws unless op() throws a RangeError that starts "name: dim …" and says the dim is empty. */
function assertRefusesEmpty(name: string, op: () => unknown, context: string): void {
  try {
    op();
  } catch (e) {
    if ((e as Error).message.startsWith(`${name}: dim `) && (e as Error).message.includes("is empty")) return;
    throw new Error(`${name} over an empty dim threw "${(e as Error).message}", not an error naming the op and the dim\n${context}`, { cause: e });
  }
  throw new Error(`${name} over an empty dim must throw a RangeError naming the op and the dim\n${context}`);
}

/** Groups of the input's values, one per output element, for a reduction over `dims` (all when undefined). */
function groups(x: Dense, dims: number[] | undefined): { shape: number[]; kept: number[]; groups: number[][] } {
  const reduced = dims ?? x.shape.map((_, d) => d);
  const kept = x.shape.map((s, d) => (reduced.includes(d) ? 1 : s));
  const out: number[][] = Array.from({ length: count(kept) }, () => []);
  x.values.forEach((v, flat) => {
    const index = unravel(flat, x.shape).map((i, d) => (reduced.includes(d) ? 0 : i));
    out[broadcastFlat(index, kept)].push(v);
  });
  return { shape: x.shape.filter((_, d) => !reduced.includes(d)), kept, groups: out };
}

/** A shape, its operand, a set of dims (undefined = all; negative dims allowed) and keepdim. */
const reductionCase = shape().chain((s) =>
  fc.record({
    spec: operand(s),
    dims: fc.option(fc.subarray(s.map((_, d) => d)).chain((dims) => fc.tuple(...dims.map((d) => fc.constantFrom(d, d - s.length)))), { nil: undefined }),
    keepdim: fc.boolean(),
  }),
);

describe("reductions over any dims with keepdim: reference, both kernels, gradcheck through views", () => {
  test.each(reductions)("$name", ({ name, op, reference, scale, smooth, refusesEmpty }) => {
    check(reductionCase, ({ spec, dims, keepdim }) => {
      const x = viewOf(spec, baseTensor(spec, wide));
      const context = `${contextOf([x])} reduced over ${dims === undefined ? "all dims" : `dims [${dims.join(", ")}]`}, keepdim ${keepdim}\n  case ${fc.stringify(spec)}`;
      const positive = dims?.map((d) => (d < 0 ? d + spec.shape.length : d));
      const reduced = positive === undefined ? spec.shape.map((_, d) => d) : [...new Set(positive)];
      if (refusesEmpty && reduced.some((d) => spec.shape[d] === 0)) return assertRefusesEmpty(name, () => op(x, dims, keepdim), context);
      const g = groups(dense(x), reduced);
      const values = g.groups.map(reference);
      const out = onBothKernels(() => op(x, dims, keepdim), context);
      const expected = { shape: keepdim ? g.kept : g.shape, values };
      assertShape("output", out, expected.shape, context);
      assertClose("forward", readStrided(out), expected, spec.dtype, context, scale ? g.groups.map(scale) : undefined);
      if (smooth && !g.groups.every(smooth)) return;
      if (values.some((v) => !Number.isFinite(v))) return;
      const f64 = { ...spec, dtype: "float64" as const };
      assertGradcheck((b) => op(viewOf(f64, b), dims, keepdim), [baseTensor(f64, wide, true)], context);
    });
  });

  test.each([
    ["softmax", (x: Tensor, dim: number): Tensor => x.softmax(dim), (row: number[]): number[] => row.map((v) => Math.exp(v) / row.reduce((s, w) => s + Math.exp(w), 0))],
    ["logSoftmax", (x: Tensor, dim: number): Tensor => x.logSoftmax(dim), (row: number[]): number[] => row.map((v) => v - Math.log(row.reduce((s, w) => s + Math.exp(w), 0)))],
  ] as const)("%s along one dim", (_name, op, reference) => {
    const cases = shape({ minDims: 1 }).chain((s) => fc.record({ spec: operand(s), dim: fc.integer({ min: -s.length, max: s.length - 1 }) }));
    check(cases, ({ spec, dim }) => {
      const x = viewOf(spec, baseTensor(spec, { low: -4, high: 4 }));
      const context = `${contextOf([x])} along dim ${dim}\n  case ${fc.stringify(spec)}`;
      const axis = dim < 0 ? dim + spec.shape.length : dim;
      const input = dense(x);
      const expected = { shape: input.shape, values: new Array<number>(input.values.length) };
      const g = groups(input, [axis]);
      g.groups.forEach((row, r) => {
        const out = reference(row);
        let k = 0;
        input.values.forEach((_, flat) => {
          const index = unravel(flat, input.shape);
          index[axis] = 0;
          if (broadcastFlat(index, g.kept) === r) expected.values[flat] = out[k++];
        });
      });
      const out = onBothKernels(() => op(x, dim), context);
      assertShape("output", out, input.shape, context);
      assertClose("forward", readStrided(out), expected, spec.dtype, context, expected.values.map(() => 4 * spec.shape[axis]));
      const f64 = { ...spec, dtype: "float64" as const };
      assertGradcheck((b) => op(viewOf(f64, b), dim), [baseTensor(f64, { low: -4, high: 4 }, true)], context);
    });
  });

  test.each([
    ["argmax", (x: Tensor, dim: number | undefined, keepdim: boolean) => x.argmax(dim, keepdim), (v: number, best: number) => v > best],
    ["argmin", (x: Tensor, dim: number | undefined, keepdim: boolean) => x.argmin(dim, keepdim), (v: number, best: number) => v < best],
  ] as const)("%s (the first extreme on ties; values with many ties)", (name, op, better) => {
    const cases = shape().chain((s) =>
      fc.record({ spec: operand(s), dim: fc.option(fc.integer({ min: -Math.max(s.length, 1), max: Math.max(s.length, 1) - 1 }), { nil: undefined }), keepdim: fc.boolean() }),
    );
    check(cases, ({ spec, dim, keepdim }) => {
      const x = viewOf(spec, baseTensor(spec, ties));
      const context = `${contextOf([x])} dim ${dim}, keepdim ${keepdim}\n  case ${fc.stringify(spec)}`;
      const input = dense(x);
      const axis = dim === undefined || spec.shape.length === 0 ? undefined : dim < 0 ? dim + spec.shape.length : dim;
      // the flattened tensor is one group when dim is omitted
      const reduced = axis === undefined ? spec.shape.map((_, d) => d) : [axis];
      if (reduced.some((d) => spec.shape[d] === 0)) return assertRefusesEmpty(name, () => op(x, dim, keepdim), context);
      const g = axis === undefined ? { groups: [input.values], shape: [] as number[], kept: spec.shape.map(() => 1) } : groups(input, [axis]);
      const values = g.groups.map((row) => row.reduce((best, v, i) => (better(v, row[best]) ? i : best), 0));
      const out = onBothKernels(() => op(x, dim, keepdim), context);
      assertShape("output", out, keepdim ? g.kept : g.shape, context);
      assertClose("forward", readStrided(out), { shape: g.shape, values }, spec.dtype, context);
    });
  });
});

// ---- 5. views and copies -------------------------------------------------------------------------
/** A shape change: the op and the reference (the new shape and, for each output element, the input element it reads). */
interface ViewCase {
  label: string;
  op: (x: Tensor) => Tensor;
  /** null: the op must refuse these arguments (with a RangeError naming it) */
  reference: (s: number[]) => { shape: number[]; source: (index: number[]) => number[] } | null;
}

/** Row-major reading in a new shape: output element k is input element k. */
const sameOrder = (from: number[], to: number[]) => ({ shape: to, source: (index: number[]) => unravel(broadcastFlat(index, to), from) });

const viewCases = (s: number[]): fc.Arbitrary<ViewCase> => {
  const n = s.length;
  const anyDim = fc.integer({ min: -Math.max(n, 1), max: Math.max(n, 1) - 1 });
  const norm = (d: number, m = n) => (d < 0 ? d + m : d);
  const options: fc.Arbitrary<ViewCase>[] = [
    // reshape / view: the sizes in any order, neighbours merged, 1s inserted, one entry maybe −1
    fc
      .record({ order: fc.shuffledSubarray(s.map((_, d) => d), { minLength: n, maxLength: n }), merge: fc.array(fc.boolean(), { minLength: n, maxLength: n }), ones: fc.array(fc.integer({ min: 0, max: n }), { maxLength: 2 }), infer: fc.nat() })
      .chain(({ order, merge, ones, infer }) => {
        const target: number[] = [];
        order.forEach((d, i) => (i > 0 && merge[i] ? (target[target.length - 1] *= s[d]) : target.push(s[d])));
        for (const at of ones) target.splice(Math.min(at, target.length), 0, 1);
        const asked = target.slice();
        if (target.length > 0 && count(target) > 0 && infer % 3 === 0) asked[infer % target.length] = -1;
        return fc.constantFrom<ViewCase>(
          { label: `reshape([${asked.join(", ")}])`, op: (x) => x.reshape(asked), reference: () => sameOrder(s, target) },
          { label: `view([${asked.join(", ")}])`, op: (x) => x.view(asked), reference: () => sameOrder(s, target) },
        );
      }),
    fc.shuffledSubarray(s.map((_, d) => d), { minLength: n, maxLength: n }).chain((perm) =>
      fc.tuple(...perm.map((p) => fc.constantFrom(p, p - n))).map((dims): ViewCase => ({
        label: `permute([${dims.join(", ")}])`,
        op: (x) => x.permute(dims),
        reference: () => ({ shape: perm.map((p) => s[p]), source: (index) => { const j = new Array<number>(n); perm.forEach((p, i) => (j[p] = index[i])); return j; } }),
      })),
    ),
    fc.tuple(fc.array(size(), { maxLength: 2 }), fc.array(size(), { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n, maxLength: n })).map(([lead, stretched, keep]): ViewCase => {
      const target = s.map((d, i) => (d === 1 ? stretched[i] : d));
      const asked = [...lead, ...target.map((d, i) => (keep[i] && d === s[i] ? -1 : d))];
      return {
        label: `expand([${asked.join(", ")}])`,
        op: (x) => x.expand(asked),
        reference: () => ({ shape: [...lead, ...target], source: (index) => index.slice(lead.length).map((v, i) => (s[i] === 1 ? 0 : v)) }),
      };
    }),
    fc.tuple(anyDim, fc.integer({ min: -4, max: 4 }), fc.option(fc.integer({ min: -4, max: 5 }), { nil: undefined }), fc.integer({ min: 1, max: 3 })).map(([dim, start, end, step]): ViewCase => ({
      label: `slice(${dim}, ${start}, ${end}, ${step})`,
      op: (x) => x.slice(dim, start, end, step),
      reference: () => {
        if (n === 0) return null;
        const a = norm(dim);
        const clip = (i: number) => (i < 0 ? Math.max(i + s[a], 0) : Math.min(i, s[a]));
        const from = clip(start);
        const to = end === undefined ? s[a] : clip(end);
        const shapeOut = s.map((d, i) => (i === a ? Math.max(0, Math.ceil((to - from) / step)) : d));
        return { shape: shapeOut, source: (index) => index.map((v, i) => (i === a ? from + v * step : v)) };
      },
    })),
    fc.tuple(anyDim, fc.integer({ min: -4, max: 3 })).map(([dim, index]): ViewCase => ({
      label: `select(${dim}, ${index})`,
      op: (x) => x.select(dim, index),
      reference: () => {
        if (n === 0) return null;
        const a = norm(dim);
        if (index < -s[a] || index >= s[a]) return null;
        const i = index < 0 ? index + s[a] : index;
        return { shape: s.filter((_, d) => d !== a), source: (idx) => [...idx.slice(0, a), i, ...idx.slice(a)] };
      },
    })),
    fc.option(anyDim, { nil: undefined }).map((dim): ViewCase => ({
      label: `squeeze(${dim})`,
      op: (x) => x.squeeze(dim),
      reference: () => {
        const drop = (d: number) => s[d] === 1 && (dim === undefined || d === norm(dim));
        return sameOrder(s, s.filter((_, d) => !drop(d)));
      },
    })),
    fc.integer({ min: -(n + 1), max: n }).map((dim): ViewCase => ({
      label: `unsqueeze(${dim})`,
      op: (x) => x.unsqueeze(dim),
      reference: () => { const a = norm(dim, n + 1); return sameOrder(s, [...s.slice(0, a), 1, ...s.slice(a)]); },
    })),
    fc.tuple(anyDim, anyDim).map(([start, end]): ViewCase => ({
      label: `flatten(${start}, ${end})`,
      op: (x) => x.flatten(start, end),
      reference: () => {
        if (n === 0) return sameOrder(s, [1]);
        const [a, b] = [norm(start), norm(end)];
        return a > b ? null : sameOrder(s, [...s.slice(0, a), count(s.slice(a, b + 1)), ...s.slice(b + 1)]);
      },
    })),
    fc.tuple(anyDim, anyDim).map(([d0, d1]): ViewCase => ({
      label: `transpose(${d0}, ${d1})`,
      op: (x) => x.transpose(d0, d1),
      reference: () => {
        if (n === 0) return sameOrder(s, s); // a 0-d tensor is its own transpose
        const [a, b] = [norm(d0), norm(d1)];
        const swap = (v: number[]) => { const w = v.slice(); [w[a], w[b]] = [w[b], w[a]]; return w; };
        return { shape: swap(s), source: swap };
      },
    })),
    fc.constantFrom<ViewCase>(
      { label: "clone()", op: (x) => x.clone(), reference: () => sameOrder(s, s) },
      { label: "contiguous()", op: (x) => x.contiguous(), reference: () => sameOrder(s, s) },
      { label: "to(other dtype)", op: (x) => x.to(x.dtype === "float64" ? "float32" : "float64"), reference: () => sameOrder(s, s) },
    ),
  ];
  return fc.oneof(...options);
};

describe("views, reshapes and copies of views: reference, storage sharing, gradcheck", () => {
  test("every shape op", () => {
    check(shape().chain((s) => fc.tuple(operand(s), viewCases(s))), ([spec, c]) => {
      const x = viewOf(spec, baseTensor(spec, wide));
      const context = `${contextOf([x])} → ${c.label}\n  case ${fc.stringify(spec)}`;
      const expected = c.reference(spec.shape);
      if (expected === null) {
        try {
          c.op(x);
        } catch (e) {
          if (e instanceof RangeError && e.message.startsWith(c.label.slice(0, c.label.indexOf("(")))) return;
          throw new Error(`${c.label} threw "${(e as Error).message}", not a RangeError naming the op\n${context}`, { cause: e });
        }
        throw new Error(`${c.label} must be refused\n${context}`);
      }
      let out: Tensor;
      try {
        out = onBothKernels(() => c.op(x), context);
      } catch (e) {
        // view() may refuse what it cannot do without copying — never for a contiguous tensor
        if (c.label.startsWith("view(") && /use \.reshape/.test((e as Error).message) && !x.isContiguous()) return;
        throw new Error(`${c.label} threw "${(e as Error).message}"\n${context}`, { cause: e });
      }
      assertShape("output", out, expected.shape, context);
      const input = dense(x);
      const values = Array.from({ length: count(expected.shape) }, (_, k) => input.values[broadcastFlat(expected.source(unravel(k, expected.shape)), input.shape)]);
      const outDtype = c.label.startsWith("to(") ? (spec.dtype === "float64" ? "float32" : "float64") : spec.dtype;
      const rounded = outDtype === "float32" ? values.map(Math.fround) : values;
      assertClose("forward", readStrided(out), { shape: expected.shape, values: rounded }, outDtype, context);
      const isView = ["view(", "permute(", "expand(", "slice(", "select(", "transpose("].some((p) => c.label.startsWith(p));
      if (isView && out.storage !== x.storage) throw new Error(`${c.label} must share the input's storage (a view never copies)\n${context}`);
      if (c.label === "clone()" && out.storage === x.storage && out.numel() > 0) throw new Error(`clone() must copy\n${context}`);
      const f64 = { ...spec, dtype: "float64" as const };
      // the cast to float32 is linear: a large step has no truncation error and swamps float32 rounding
      assertGradcheck((b) => c.op(viewOf(f64, b)), [baseTensor(f64, wide, true)], context, c.label.startsWith("to(") ? 1e-2 : undefined);
    }, RUNS * 12);
  });
});

// ---- 6. matmul -------------------------------------------------------------------------------------
/** 1-D, 2-D or batched operands with broadcast batch dims, any sizes (0 included), each with its own view and dtype. */
const matmulCase = fc
  .record({ m: size(), k: size(), n: size(), batch: shape({ maxDims: 2 }), aVector: fc.boolean(), bVector: fc.boolean() })
  .chain(({ m, k, n, batch, aVector, bVector }) =>
    broadcastPair(batch).chain(([ba, bb]) =>
      fc.tuple(operand(aVector ? [k] : [...ba, m, k]), operand(bVector ? [k] : [...bb, k, n])),
    ),
  );

/** Σ|a_ip·b_pj| per output element (times k), the scale of a product's rounding error. */
function productScale(a: Tensor, b: Tensor): number[] {
  const abs = (t: Tensor) => lib.tensor(readStrided(t).map(Math.abs)).reshape([...t.shape]);
  const k = a.shape[a.ndim - 1];
  return referenceMatmul(abs(a), abs(b)).values.map((v) => (k + 2) * v);
}

describe("matmul of views with broadcasting and mixed dtypes: plain loops, both kernels, gradcheck", () => {
  test("matmul", () => {
    check(matmulCase, ([sa, sb]) => {
      const a = viewOf(sa, baseTensor(sa, wide));
      const b = viewOf(sb, baseTensor(sb, wide));
      const context = `${contextOf([a, b])}\n  case ${fc.stringify([sa, sb])}`;
      const expected = referenceMatmul(denseCopy(a), denseCopy(b));
      const scale = productScale(a, b);
      const out = onBothKernels(() => a.matmul(b), context, scale);
      assertShape("output", out, expected.shape, context);
      assertClose("forward", readStrided(out), expected, promote(sa.dtype, sb.dtype), context, scale);
      const [fa, fb] = [sa, sb].map((s) => ({ ...s, dtype: "float64" as const }));
      for (const kernel of ["wasm", "reference"] as const) {
        setKernel(kernel);
        assertGradcheck((x, y) => viewOf(fa, x).matmul(viewOf(fb, y)), [baseTensor(fa, wide, true), baseTensor(fb, wide, true)], `${context}\n  kernel ${kernel}`);
      }
      setKernel("wasm");
    }, RUNS * 4);
  });
});

// ---- 7. convolution and pooling --------------------------------------------------------------------
const convCase = (spatial: 1 | 2) =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 2 }),
      cIn: fc.integer({ min: 1, max: 2 }),
      cOut: fc.integer({ min: 1, max: 2 }),
      size: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: spatial, maxLength: spatial }),
      k: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatial, maxLength: spatial }),
      stride: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: spatial, maxLength: spatial }),
      padding: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: spatial, maxLength: spatial }),
      dilation: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: spatial, maxLength: spatial }),
      bias: fc.boolean(),
      batched: fc.boolean(),
    })
    .filter((c) => c.size.every((s, i) => s + 2 * c.padding[i] - c.dilation[i] * (c.k[i] - 1) - 1 >= 0))
    .chain((c) =>
      fc.record({
        c: fc.constant(c),
        x: operand(c.batched ? [c.n, c.cIn, ...c.size] : [c.cIn, ...c.size]),
        w: operand([c.cOut, c.cIn, ...c.k]),
        b: operand([c.cOut]),
      }),
    );

describe("conv1d and conv2d of views: direct loops, both kernels, gradcheck", () => {
  test.each([1, 2] as const)("conv%id", (spatial) => {
    check(convCase(spatial), ({ c, x: sx, w: sw, b: sb }) => {

      const x = viewOf(sx, baseTensor(sx, wide));
      const w = viewOf(sw, baseTensor(sw, wide));
      const b = c.bias ? viewOf(sb, baseTensor(sb, wide)) : null;
      const pair = (v: number[], fill = 1): [number, number] => (spatial === 1 ? [fill, v[0]] : [v[0], v[1]]);
      const conv = (xi: Tensor, wi: Tensor, bi: Tensor | null) =>
        spatial === 1
          ? lib.conv1d(xi, wi, bi, { stride: c.stride[0], padding: c.padding[0], dilation: c.dilation[0] })
          : lib.conv2d(xi, wi, bi, { stride: pair(c.stride), padding: pair(c.padding), dilation: pair(c.dilation) });
      const context = `${contextOf(b === null ? [x, w] : [x, w, b])}\n  case ${fc.stringify(c)}`;
      // the direct loops on 4-D (N, C, H, W) copies: a signal is a 1 × L image
      const as4d = (t: Tensor, batchedShape: number[]) => denseCopy(t).reshape(batchedShape);
      const xShape = [c.batched ? c.n : 1, c.cIn, ...(spatial === 1 ? [1, c.size[0]] : c.size)];
      const wShape = [c.cOut, c.cIn, ...(spatial === 1 ? [1, c.k[0]] : c.k)];
      const direct = directConv2d(as4d(x, xShape), as4d(w, wShape), b === null ? null : denseCopy(b), pair(c.stride), pair(c.padding, 0), pair(c.dilation));
      const absDirect = directConv2d(
        lib.tensor(readStrided(x).map(Math.abs)).reshape(xShape), lib.tensor(readStrided(w).map(Math.abs)).reshape(wShape),
        b === null ? null : lib.tensor(readStrided(b).map(Math.abs)), pair(c.stride), pair(c.padding, 0), pair(c.dilation),
      );
      const terms = c.cIn * count(c.k) + 3;
      const scale = absDirect.y.map((v) => terms * v);
      const out = onBothKernels(() => conv(x, w, b), context, scale);
      const shapeOut = spatial === 1 ? [direct.shape[0], direct.shape[1], direct.shape[3]] : direct.shape;
      const expected = { shape: c.batched ? shapeOut : shapeOut.slice(1), values: direct.y };
      assertShape("output", out, expected.shape, context);
      let d = promote(sx.dtype, sw.dtype);
      if (c.bias) d = promote(d, sb.dtype);
      assertClose("forward", readStrided(out), expected, d, context, scale);
      const specs = (c.bias ? [sx, sw, sb] : [sx, sw]).map((s) => ({ ...s, dtype: "float64" as const }));
      assertGradcheck((...xs) => conv(viewOf(specs[0], xs[0]), viewOf(specs[1], xs[1]), c.bias ? viewOf(specs[2], xs[2]) : null), specs.map((s) => baseTensor(s, wide, true)), context);
    }, RUNS * 3);
  });
});

const poolCase = (spatial: 1 | 2) =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 2 }),
      channels: fc.integer({ min: 1, max: 2 }),
      size: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: spatial, maxLength: spatial }),
      k: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatial, maxLength: spatial }),
      stride: fc.option(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatial, maxLength: spatial }), { nil: undefined }),
      padding: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: spatial, maxLength: spatial }),
      countIncludePad: fc.boolean(),
      batched: fc.boolean(),
    })
    .filter((c) => c.size.every((s, i) => 2 * c.padding[i] <= c.k[i] && s + 2 * c.padding[i] >= c.k[i]))
    .chain((c) => fc.record({ c: fc.constant(c), x: operand(c.batched ? [c.n, c.channels, ...c.size] : [c.channels, ...c.size]) }));

describe("max and average pooling of views: direct loops, both kernels, gradcheck", () => {
  test.each([
    ["maxPool", 1], ["maxPool", 2], ["avgPool", 1], ["avgPool", 2],
  ] as const)("%s%id", (kind, spatial) => {
    check(poolCase(spatial), ({ c, x: sx }) => {
      const x = viewOf(sx, baseTensor(sx, wide));
      const pair = (v: number[], fill = 1): [number, number] => (spatial === 1 ? [fill, v[0]] : [v[0], v[1]]);
      const stride = c.stride ?? c.k;
      const pool = (t: Tensor) => {
        if (spatial === 1) {
          const options = { stride: stride[0], padding: c.padding[0] };
          return kind === "maxPool" ? lib.maxPool1d(t, c.k[0], options) : lib.avgPool1d(t, c.k[0], { ...options, countIncludePad: c.countIncludePad });
        }
        const options = { stride: c.stride === undefined ? undefined : pair(c.stride), padding: pair(c.padding) };
        return kind === "maxPool" ? lib.maxPool2d(t, pair(c.k), options) : lib.avgPool2d(t, pair(c.k), { ...options, countIncludePad: c.countIncludePad });
      };
      const context = `${contextOf([x])}\n  case ${fc.stringify(c)}`;
      const xShape = [c.batched ? c.n : 1, c.channels, ...(spatial === 1 ? [1, c.size[0]] : c.size)];
      const pc = { shape: xShape as [number, number, number, number], k: pair(c.k), stride: pair(stride), padding: pair(c.padding, 0) };
      const direct = directPool(kind === "maxPool" ? "max" : "avg", denseCopy(x).reshape(xShape), null, pc, c.countIncludePad);
      const out = onBothKernels(() => pool(x), context);
      const shapeOut = spatial === 1 ? [direct.shape[0], direct.shape[1], direct.shape[3]] : direct.shape;
      const expected = { shape: c.batched ? shapeOut : shapeOut.slice(1), values: direct.y };
      assertShape("output", out, expected.shape, context);
      assertClose("forward", readStrided(out), expected, sx.dtype, context, expected.values.map(() => count(c.k) * 2));
      const f64 = { ...sx, dtype: "float64" as const };
      assertGradcheck((t) => pool(viewOf(f64, t)), [baseTensor(f64, wide, true)], context);
    }, RUNS * 2);
  });
});

// ---- 8. in-place updates through views ---------------------------------------------------------------
describe("in-place add_, mul_, fill_, copy_ through views: exactly the viewed elements change, from the old values", () => {
  const inPlaceCase = shape().chain((s) =>
    fc.record({
      target: operand(s, { dtype: "float64" }),
      op: fc.constantFrom("add_", "mul_", "fill_", "copy_"),
      /** the source: a separate tensor broadcast to the target, or a view of the target's own base */
      source: fc.oneof(broadcastPair(s).chain(([, sb]) => operand(sb, { dtype: "float64" })), fc.constant("self" as const)),
      alpha: fc.constantFrom(1, -0.5),
    }),
  );
  test("in-place ops", () => {
    check(inPlaceCase, ({ target, op, source, alpha }) => {
      const base = baseTensor(target, wide);
      const view = viewOf(target, base);
      // where each view element lives in the base: the same view of a base holding 0, 1, 2, … in order
      const positions = readStrided(viewOf(target, lib.arange(base.numel()).reshape([...base.shape])));
      // a self-aliasing source: the view's transpose when that has the view's shape (w.add_(w.T)), else the view itself
      const palindrome = view.shape.every((d, i) => d === view.shape[view.ndim - 1 - i]);
      const src = source === "self" ? (palindrome ? view.T : view) : viewOf(source, baseTensor(source, wide));
      const context = `${contextOf([view, src])} ${op}${source === "self" ? " (source aliases the target)" : ""}\n  case ${fc.stringify({ target, source, alpha })}`;
      const before = readStrided(base);
      const srcValues = dense(src);
      const aliased = positions.length !== new Set(positions).size;
      const run = () => {
        if (op === "add_") view.add_(src, alpha);
        else if (op === "mul_") view.mul_(alpha);
        else if (op === "fill_") view.fill_(alpha);
        else view.copy_(src);
      };
      if (aliased) {
        let refused = false;
        try {
          run();
        } catch (e) {
          refused = e instanceof RangeError && (e).message.startsWith(`${op}: the target of shape`);
        }
        if (!refused) throw new Error(`${op} into an expanded view must be refused\n${context}`);
        if (readStrided(base).some((v, i) => v !== before[i])) throw new Error(`a refused ${op} changed the base\n${context}`);
        return;
      }
      const broadcastable = op === "mul_" || op === "fill_" || broadcastShapes([...view.shape], srcValues.shape).every((d, i, all) => d === view.shape[view.ndim - all.length + i] && all.length === view.ndim);
      if (!broadcastable) return; // a source larger than the target is refused elsewhere (updateInPlace's shape error)
      const expected = before.slice();
      positions.forEach((at, k) => {
        const index = unravel(k, [...view.shape]);
        const s = op === "add_" || op === "copy_" ? srcValues.values[broadcastFlat(index, srcValues.shape)] : 0;
        const old = before[at];
        expected[at] = op === "add_" ? old + alpha * s : op === "mul_" ? old * alpha : op === "fill_" ? alpha : s;
      });
      run();
      assertClose("base after the update", readStrided(base), { shape: [...base.shape], values: expected }, "float64", context);
    }, RUNS * 8);
  });
});
