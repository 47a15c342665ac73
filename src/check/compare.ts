// How a homework case is judged: closeness (numpy.allclose's rule, after comparing kind, dtype and
// shape), exact equality, and gradient checks, over values copied out as data (value.ts). One
// implementation for both places that judge: the check a student runs in the notebook and the
// grader, which calls these on values it received from the kernel and expected values it holds —
// never on objects from a student's kernel — and which of them a case gets, by its kind (judgeByKind),
// so the two places cannot drift apart. Messages name the worst element and the first few
// differences, so a failing case says where to look. Loads only value.ts and answer.ts (kernel/ uses it;
// cases.ts is imported for a type).

import { compareAnswer } from "./answer";
import type { CaseKind } from "./cases";
import { describeValue, type CheckedValue } from "./value";

export interface Verdict {
  passed: boolean;
  /** Why, in one or two sentences; for a failure, what differs and where. */
  message: string;
}

export interface CloseOptions {
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Relative tolerance, times |expected| (default 0). */
  rtol?: number;
  /** NaN matches NaN (default false: a NaN anywhere is a difference). */
  equalNan?: boolean;
}

/** Numbers laid out row-major, whatever held them. */
interface Numeric {
  kind: "tensor" | "typed-array" | "plain";
  /** "float64"/"float32" for tensors, the array type for typed arrays, "number" for plain values. */
  dtype: string;
  shape: number[];
  data: number[];
}

/** How many differing elements a message lists. */
const SHOWN_DIFFERENCES = 3;

/** `value` as numbers with a shape, or a description of why it is not numeric. */
function numeric(value: CheckedValue): Numeric | string {
  switch (value.type) {
    case "number":
      return { kind: "plain", dtype: "number", shape: [], data: [value.value] };
    case "tensor":
      return { kind: "tensor", dtype: value.dtype, shape: value.shape, data: value.data };
    case "typed-array":
      return { kind: "typed-array", dtype: value.arrayType, shape: [value.data.length], data: value.data };
    case "array": {
      const shape: number[] = [];
      const data: number[] = [];
      const ragged = flatten(value, 0, shape, data);
      return ragged ?? { kind: "plain", dtype: "number", shape, data };
    }
    default:
      return `${describeValue(value)}, not numbers`;
  }
}

/** Appends a nested array's numbers to `data`, fixing `shape` on first sight; returns a problem or null. */
function flatten(value: CheckedValue, depth: number, shape: number[], data: number[]): string | null {
  if (value.type === "number") {
    if (depth !== shape.length) return "a ragged array";
    data.push(value.value);
    return null;
  }
  if (value.type !== "array") return `an array holding ${describeValue(value)}`;
  if (depth === shape.length) {
    if (data.length > 0) return "a ragged array";
    shape.push(value.items.length);
  } else if (shape[depth] !== value.items.length) {
    return "a ragged array";
  }
  for (const item of value.items) {
    const problem = flatten(item, depth + 1, shape, data);
    if (problem) return problem;
  }
  return null;
}

function describeNumeric(n: Numeric): string {
  if (n.kind === "tensor") return `a ${n.dtype} tensor of shape [${n.shape.join(", ")}]`;
  if (n.kind === "typed-array") return `a ${n.dtype} of length ${n.data.length}`;
  return n.shape.length === 0 ? "a number" : `an array of shape [${n.shape.join(", ")}]`;
}

/**
 * actual ≈ expected: the same kind (a tensor of the same dtype when a tensor is expected, the same
 * typed array when one is expected; plain numbers accept any), the same shape, then
 * |actual − expected| ≤ atol + rtol·|expected| elementwise. NaN never matches unless equalNan;
 * ±Infinity matches itself.
 */
export function compareClose(actual: CheckedValue, expected: CheckedValue, options: CloseOptions = {}): Verdict {
  const e = numeric(expected);
  if (typeof e === "string") throw new TypeError(`allclose: the expected value is ${e}`);
  const a = numeric(actual);
  if (typeof a === "string") return { passed: false, message: `expected ${describeNumeric(e)}, got ${a}` };
  if ((e.kind !== "plain" && (a.kind !== e.kind || a.dtype !== e.dtype)) || !sameShape(a.shape, e.shape)) {
    return { passed: false, message: `expected ${describeNumeric(e)}, got ${describeNumeric(a)}` };
  }
  const atol = options.atol ?? 0;
  const rtol = options.rtol ?? 0;
  const differing: number[] = [];
  let worst = -1;
  let worstExcess = -Infinity;
  let maxDelta = 0;
  for (let i = 0; i < e.data.length; i++) {
    const x = a.data[i];
    const y = e.data[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (options.equalNan === true && Number.isNaN(x) && Number.isNaN(y)) continue;
      differing.push(i);
      if (worstExcess < Infinity) [worst, worstExcess] = [i, Infinity];
      continue;
    }
    if (x === y) continue; // also ±Infinity against itself
    const delta = Math.abs(x - y);
    maxDelta = Math.max(maxDelta, delta);
    const excess = delta - (atol + rtol * Math.abs(y));
    if (excess <= 0) continue;
    differing.push(i);
    if (excess > worstExcess) [worst, worstExcess] = [i, excess];
  }
  const tolerance = `atol ${atol}, rtol ${rtol}`;
  if (differing.length === 0) return { passed: true, message: `all ${e.data.length} values within tolerance (max |Δ| = ${maxDelta.toExponential(1)}; ${tolerance})` };
  const at = (i: number) => formatIndex(i, e.shape);
  const pair = (i: number) => `${at(i)} ${formatNumber(a.data[i])} vs ${formatNumber(e.data[i])}`;
  const worstDelta = Math.abs(a.data[worst] - e.data[worst]);
  const first = differing.slice(0, SHOWN_DIFFERENCES).map(pair).join(", ");
  return {
    passed: false,
    message:
      `${differing.length} of ${e.data.length} values differ; worst at ${at(worst)}: actual ${formatNumber(a.data[worst])}, expected ${formatNumber(e.data[worst])}` +
      ` (|Δ| = ${Number.isNaN(worstDelta) ? "NaN" : worstDelta.toExponential(2)}; ${tolerance}${options.equalNan ? ", NaN = NaN" : ""}). ` +
      `First differences (actual vs expected): ${first}${differing.length > SHOWN_DIFFERENCES ? ", …" : ""}`,
  };
}

/**
 * actual and expected are the same data: numbers (NaN equals NaN, 0 equals −0), strings, booleans,
 * null/undefined, and arrays and plain objects of them; tensors and typed arrays element by element.
 */
export function compareEqual(actual: CheckedValue, expected: CheckedValue): Verdict {
  const difference = firstDifference(actual, expected, "");
  return difference === null ? { passed: true, message: "equal" } : { passed: false, message: difference };
}

function firstDifference(a: CheckedValue, e: CheckedValue, path: string): string | null {
  const where = path === "" ? "" : `at ${path}: `;
  if (a.type !== e.type) return `${where}expected ${describeValue(e)}, got ${describeValue(a)}`;
  switch (e.type) {
    case "number": {
      const x = (a as typeof e).value;
      return x === e.value || (Number.isNaN(x) && Number.isNaN(e.value)) ? null : `${where}expected ${formatNumber(e.value)}, got ${formatNumber(x)}`;
    }
    case "boolean":
    case "bigint":
      return (a as typeof e).value === e.value ? null : `${where}expected ${e.value}, got ${(a as typeof e).value}`;
    case "string":
      return (a as typeof e).value === e.value ? null : `${where}expected ${JSON.stringify(e.value)}, got ${JSON.stringify((a as typeof e).value)}`;
    case "null":
    case "undefined":
      return null;
    case "array": {
      const items = (a as typeof e).items;
      if (items.length !== e.items.length) return `${where}expected ${e.items.length} items, got ${items.length}`;
      for (let i = 0; i < items.length; i++) {
        const d = firstDifference(items[i], e.items[i], `${path}[${i}]`);
        if (d) return d;
      }
      return null;
    }
    case "object": {
      const got = new Map((a as typeof e).entries);
      for (const [key, value] of e.entries) {
        const other = got.get(key);
        if (other === undefined) return `${where}missing key ${JSON.stringify(key)}`;
        const d = firstDifference(other, value, `${path}.${key}`);
        if (d) return d;
      }
      const extra = [...got.keys()].find((key) => !e.entries.some(([k]) => k === key));
      return extra === undefined ? null : `${where}unexpected key ${JSON.stringify(extra)}`;
    }
    case "tensor":
    case "typed-array": {
      const verdict = compareClose(a, e, { equalNan: true });
      return verdict.passed ? null : `${where}${verdict.message}`;
    }
  }
}

/**
 * A gradient check judged from its numbers: for every input, the analytic gradient against the
 * central differences of the same forward (the check a student runs), and — when given — against
 * reference gradients computed from a correct forward (the grader's: a forward and backward that
 * agree with each other but are both wrong must not pass).
 */
export function compareGradients(
  analytic: CheckedValue[],
  numericGrads: CheckedValue[],
  reference: CheckedValue[] | null,
  options: CloseOptions,
): Verdict {
  if (analytic.length !== numericGrads.length) {
    return { passed: false, message: `backward returned ${analytic.length} gradients for ${numericGrads.length} inputs` };
  }
  for (let k = 0; k < analytic.length; k++) {
    const own = compareClose(analytic[k], numericGrads[k], options);
    if (!own.passed) return { passed: false, message: `input ${k + 1}: the analytic gradient differs from finite differences of the forward: ${own.message}` };
    if (reference !== null) {
      const ref = compareClose(analytic[k], reference[k], options);
      if (!ref.passed) {
        return { passed: false, message: `input ${k + 1}: the gradient agrees with finite differences of your forward but not with the reference gradient (is the forward right?): ${ref.message}` };
      }
    }
  }
  return { passed: true, message: `analytic and numeric gradients agree for all ${analytic.length} inputs (atol ${options.atol ?? 0}, rtol ${options.rtol ?? 0})` };
}

/**
 * A case's verdict, by its kind. `expected` is the expected value for allclose and equal, the
 * "sha256:…" hash for answer, and for gradcheck the reference gradients (a list, one per input: the
 * grader's) or null (the student's own check, which has only the central differences).
 */
export function judgeByKind(c: { name: string; kind: CaseKind; options: CloseOptions }, actual: CheckedValue, expected: CheckedValue | null): Verdict {
  if (c.kind === "gradcheck") {
    const { analytic, numeric } = gradientParts(actual);
    return compareGradients(analytic, numeric, expected?.type === "array" ? expected.items : null, c.options);
  }
  if (expected === null) throw new TypeError(`${c.kind} "${c.name}": no expected value to compare with`);
  switch (c.kind) {
    case "allclose":
      return compareClose(actual, expected, c.options);
    case "equal":
      return compareEqual(actual, expected);
    case "answer":
      if (expected.type !== "string") throw new TypeError(`answer "${c.name}": the expected value must be a hash string from answerHash`);
      return compareAnswer(actual, expected.value);
  }
}

/** The { analytic, numeric } lists of a gradient check's recorded value. */
function gradientParts(value: CheckedValue): { analytic: CheckedValue[]; numeric: CheckedValue[] } {
  const part = (key: string): CheckedValue[] => {
    const entry = value.type === "object" ? value.entries.find(([k]) => k === key) : undefined;
    if (entry === undefined || entry[1].type !== "array") throw new Error(`a gradient check's value has no "${key}" list`);
    return entry[1].items;
  };
  return { analytic: part("analytic"), numeric: part("numeric") };
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Flat index → "[i, j]" in a row-major layout of `shape` ("[]" for a scalar). */
function formatIndex(flat: number, shape: number[]): string {
  const index: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    index.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return `[${index.join(", ")}]`;
}

/** Up to 8 significant digits: enough to see a difference, short enough to read. */
function formatNumber(x: number): string {
  return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(8)));
}
