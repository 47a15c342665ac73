// The homework test API behind `test(question, (t) => …)`: named cases with points, each one
// comparison — allclose, equal, a hashed short answer, a gradient check. Running a case means:
// seed the library's generator with a seed fixed by (question, case), call the case's `actual`
// function (the student's code), copy its value out as data (serialise.ts), and hand that to a
// sink. The sink decides what happens next: in a student's notebook it judges at once and shows
// the verdict (check.ts); while grading it only records the value for the grader, which judges
// outside the kernel against expected values it holds (grading.ts). The expected side is given
// as a value or a function and is evaluated only where it is judged — never while grading, so a
// submission cannot observe a hidden test's expected value being computed.
//
// This code runs while grading after a submission's code, so it follows intrinsics.ts's rules.

import { sum } from "../autograd/primitives/reduce";
import { mul } from "../autograd/primitives/arithmetic";
import { noGrad } from "../autograd/engine";
import { manualSeed } from "../tensor/random";
import { Tensor } from "../tensor/tensor";
import type { CloseOptions } from "./compare";
import {
  apply,
  ArrayPrototype,
  charCodeAt,
  defineProperty,
  describeThrown,
  Float64ArrayConstructor,
  freeze,
  getPrototypeOf,
  imul,
  isArray,
  isProxy,
  ownData,
  refuse,
  unrecordableProblem,
} from "./intrinsics";
import { readTensor, serialise, tensorWire, type TensorData } from "./serialise";

// Captured at load, like the built-ins: a submission may later replace the library's exports.
const seedGenerator = manualSeed;
const TensorConstructor = Tensor;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply and a tensor
const backwardMethod = Tensor.prototype.backward;
const mulOp = mul;
const sumOp = sum;
const withoutGrad = noGrad;

export type CaseKind = "allclose" | "equal" | "answer" | "gradcheck";

/** An expected value, or a function computing it (evaluated only where the case is judged). */
export type Expected<T = unknown> = T | (() => T);

export interface GradcheckCase {
  /** The function under test: tensors in, a tensor out. */
  forward: (...inputs: Tensor[]) => Tensor;
  /**
   * Its gradients, given the inputs and the gradient of the output: one tensor per input. Without
   * it the gradients come from autograd (backward() through `forward`).
   */
  backward?: (...inputsAndGradOutput: Tensor[]) => Tensor[];
  /** Float64 tensors at which to check. */
  inputs: Tensor[];
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Tolerances of the comparison (default atol 1e-6, rtol 1e-4). */
  atol?: number;
  rtol?: number;
}

/** The cases of one question, as a test cell declares them. */
export interface TestContext {
  /** Numbers, arrays or tensors within atol + rtol·|expected| elementwise (kind, dtype and shape first). */
  allclose(name: string, points: number, actual: () => unknown, expected: Expected, options?: CloseOptions): void;
  /** Exactly the same data: integers, strings, booleans, and arrays and plain objects of them. */
  equal(name: string, points: number, actual: () => unknown, expected: Expected): void;
  /** A short answer against the hash of the right one ("sha256:…", from answerHash). */
  answer(name: string, points: number, actual: () => unknown, expectedHash: string): void;
  /** backward (or autograd) against central differences of forward, in float64. */
  gradcheck(name: string, points: number, spec: GradcheckCase): void;
}

/** What a sink learns about a case. */
export interface CaseRecord {
  question: string;
  name: string;
  kind: CaseKind;
  points: number;
  /** Tolerances as the test cell gave them. */
  options: CloseOptions;
  /** True between the grader's hidden-test markers. */
  hidden: boolean;
  /** The value's wire text, or null when there is none (see error). */
  actual: string | null;
  /** Why there is no value: what the student's code threw, or why the value cannot be recorded. */
  error: string | null;
  /** Evaluates the expected side (seeded like actual) to wire text; throws what its computation threw. */
  expected: () => string;
  /** The expected side as given: a function, or a value. */
  expectedIsFunction: boolean;
}

export interface CaseSink {
  /** A case is about to run the student's code (the grader attributes a timeout or crash to it). */
  begin(question: string, name: string, kind: CaseKind): void;
  end(record: CaseRecord): void;
  /** The test body itself threw outside any case (e.g. while building inputs). */
  testError(question: string, error: string): void;
}

/** Per-harness state a test body may change: whether cases being declared are hidden ones. */
export interface HarnessState {
  hidden: boolean;
}

const DEFAULT_GRADCHECK = { eps: 1e-6, atol: 1e-6, rtol: 1e-4 };

/** The seed of a case: FNV-1a of "question␀case", so it depends on nothing but the names. */
function caseSeed(question: string, name: string): number {
  const key = `${question}\u0000${name}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= charCodeAt(key, i);
    h = imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A `test` function feeding `sink`. Cases run in declaration order, each in its own try/catch, so
 * one failing case never hides the others.
 */
export function makeTest(sink: CaseSink, state: HarnessState): (question: string, body: (t: TestContext) => void) => void {
  return (question: string, body: (t: TestContext) => void): void => {
    if (typeof question !== "string" || question === "") refuse("test: the first argument must be the question's id");
    if (typeof body !== "function") refuse("test: the second argument must be a function (t) => { … }");
    // Reset here, not in a finally: an interrupted cell (a time limit) ends without running finally blocks.
    state.hidden = false;
    const names: Record<string, true> = { __proto__: null } as unknown as Record<string, true>;
    const run = (kind: CaseKind, name: unknown, points: unknown, actual: () => string, expected: unknown, options: CloseOptions): void => {
      if (typeof name !== "string" || name === "") refuse(`test ${question}: every case needs a name`);
      if (ownData(names, name) === true) refuse(`test ${question}: two cases are named "${name}"`);
      defineProperty(names, name, { value: true, enumerable: true, configurable: true, writable: true });
      if (typeof points !== "number" || !(points > 0) || points === Infinity) refuse(`test ${question}, case "${name}": points must be a positive number`);
      const seed = caseSeed(question, name);
      sink.begin(question, name, kind);
      let value: string | null = null;
      let error: string | null = null;
      try {
        seedGenerator(seed);
        value = actual();
      } catch (thrown) {
        const problem = unrecordableProblem(thrown);
        error = problem === undefined ? describeThrown(thrown) : `the value cannot be recorded: ${problem}`;
      }
      sink.end({
        question,
        name,
        kind,
        points,
        options,
        hidden: state.hidden,
        actual: value,
        error,
        expectedIsFunction: typeof expected === "function",
        expected: () => {
          seedGenerator(seed);
          return serialise(typeof expected === "function" ? apply(expected as () => unknown, undefined, []) : expected);
        },
      });
    };
    const valueOf = (actual: unknown) => {
      if (typeof actual !== "function") refuse(`test ${question}: a case's actual value must be a function, () => yourFunction(…)`);
      return () => serialise(apply(actual as () => unknown, undefined, []));
    };
    const context: TestContext = freeze({
      allclose: (name: string, points: number, actual: () => unknown, expected: Expected, options?: CloseOptions) =>
        run("allclose", name, points, valueOf(actual), expected, closeOptions(options)),
      equal: (name: string, points: number, actual: () => unknown, expected: Expected) => run("equal", name, points, valueOf(actual), expected, {}),
      answer: (name: string, points: number, actual: () => unknown, expectedHash: string) => run("answer", name, points, valueOf(actual), expectedHash, {}),
      gradcheck: (name: string, points: number, spec: GradcheckCase) => {
        const settings = gradcheckSettings(spec);
        run("gradcheck", name, points, () => gradcheckWire(spec, settings.eps, caseSeed(question, `${name}\u0000projection`)), null, { atol: settings.atol, rtol: settings.rtol });
      },
    });
    try {
      apply(body, undefined, [context]);
    } catch (thrown) {
      sink.testError(question, unrecordableProblem(thrown) ?? describeThrown(thrown));
    }
  };
}

function closeOptions(options: unknown): CloseOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || isProxy(options)) refuse("allclose: options must be { atol, rtol, equalNan }");
  const atol = ownData(options, "atol");
  const rtol = ownData(options, "rtol");
  const equalNan = ownData(options, "equalNan");
  const result: CloseOptions = {};
  if (atol !== undefined) defineProperty(result, "atol", { value: tolerance(atol, "atol"), enumerable: true });
  if (rtol !== undefined) defineProperty(result, "rtol", { value: tolerance(rtol, "rtol"), enumerable: true });
  if (equalNan !== undefined) defineProperty(result, "equalNan", { value: equalNan === true, enumerable: true });
  return result;
}

function tolerance(value: unknown, name: string): number {
  if (typeof value !== "number" || !(value >= 0) || value === Infinity) refuse(`${name} must be a non-negative number`);
  return value;
}

function gradcheckSettings(spec: GradcheckCase): { eps: number; atol: number; rtol: number } {
  if (typeof spec !== "object" || spec === null || isProxy(spec)) refuse("gradcheck: the third argument must be { forward, inputs, backward? }");
  const eps = ownData(spec, "eps");
  const atol = ownData(spec, "atol");
  const rtol = ownData(spec, "rtol");
  return {
    eps: eps === undefined ? DEFAULT_GRADCHECK.eps : tolerance(eps, "eps"),
    atol: atol === undefined ? DEFAULT_GRADCHECK.atol : tolerance(atol, "atol"),
    rtol: rtol === undefined ? DEFAULT_GRADCHECK.rtol : tolerance(rtol, "rtol"),
  };
}

/** A plain array built with defined (never assigned) elements. */
function listOf<T>(count: number, itemAt: (i: number) => T): T[] {
  const list: T[] = [];
  for (let i = 0; i < count; i++) defineProperty(list, i, { value: itemAt(i), writable: true, enumerable: true, configurable: true });
  return list;
}

/** A fresh float64 tensor holding a copy of `source`'s data (the student's code never sees our arrays). */
function freshTensor(source: TensorData, requiresGrad = false): Tensor {
  const copy = new Float64ArrayConstructor(source.numel);
  for (let i = 0; i < source.numel; i++) copy[i] = source.data[i];
  const tensor = new TensorConstructor(copy, listOf(source.ndim, (d) => source.shape[d]));
  if (requiresGrad) tensor.requiresGrad = true; // an own field of every Tensor: assignment finds it
  return tensor;
}

/** Uniform numbers in [−1, 1) from mulberry32: the projection of the output, fixed by the case. */
function projection(count: number, seed: number): Float64Array {
  const out = new Float64ArrayConstructor(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    out[i] = 2 * (((t ^ (t >>> 14)) >>> 0) / 4294967296) - 1;
  }
  return out;
}

function plainList(value: unknown, what: string): unknown[] {
  if (typeof value !== "object" || value === null || isProxy(value) || !isArray(value) || getPrototypeOf(value) !== ArrayPrototype) refuse(`${what} must be a plain array`);
  return value;
}

/**
 * The gradient check's numbers as wire text: { analytic: [one gradient per input], numeric: [one
 * per input] }. The output is projected on a fixed random direction v, f(x) = Σ v·forward(x), so
 * the analytic side is backward(inputs, v) and the numeric side (f(x + εe) − f(x − εe)) / 2ε per
 * element — computed here, with our own copies of the inputs.
 */
function gradcheckWire(spec: GradcheckCase, eps: number, seed: number): string {
  const forward = ownData(spec, "forward");
  const backward = ownData(spec, "backward");
  if (typeof forward !== "function") refuse("gradcheck: forward must be a function");
  if (backward !== undefined && typeof backward !== "function") refuse("gradcheck: backward must be a function");
  const inputList = plainList(ownData(spec, "inputs"), "gradcheck: inputs");
  const inputs: TensorData[] = listOf(inputList.length, (i) => readTensor(inputList[i]));
  const call = (fn: unknown, args: Tensor[]): unknown => apply(fn as (...a: Tensor[]) => unknown, undefined, args);
  const fresh = (requiresGrad: boolean): Tensor[] => listOf(inputs.length, (i) => freshTensor(inputs[i], requiresGrad));

  const output = readTensor(withoutGrad(() => call(forward, fresh(false))));
  const v: TensorData = { dtype: "float64", shape: output.shape, ndim: output.ndim, numel: output.numel, data: projection(output.numel, seed) };
  const vTensor = freshTensor(v);
  const projected = (args: Tensor[]): number => {
    const y = readTensor(withoutGrad(() => call(forward, args)));
    if (y.numel !== v.numel) refuse("gradcheck: forward returned a different shape for a perturbed input");
    let f = 0;
    for (let j = 0; j < v.numel; j++) f += v.data[j] * y.data[j];
    return f;
  };

  let analytic: TensorData[];
  if (backward !== undefined) {
    const args = fresh(false);
    const all = listOf(args.length + 1, (i) => (i < args.length ? args[i] : vTensor));
    const grads = plainList(call(backward, all), "gradcheck: backward's result");
    if (grads.length !== inputs.length) refuse(`gradcheck: backward returned ${grads.length} gradients for ${inputs.length} inputs`);
    analytic = listOf(grads.length, (i) => readTensor(grads[i]));
  } else {
    const args = fresh(true);
    const y = call(forward, args);
    apply(backwardMethod, sumOp(mulOp(y as Tensor, vTensor)), []);
    analytic = listOf(args.length, (i) => readTensor(ownData(args[i], "grad")));
  }

  const numeric = listOf(inputs.length, (k) => {
    const base = inputs[k].data;
    const grad = new Float64ArrayConstructor(inputs[k].numel);
    for (let j = 0; j < inputs[k].numel; j++) {
      const perturbed = (delta: number): number => {
        const args = fresh(false);
        (ownData(args[k], "storage") as Float64Array)[j] = base[j] + delta;
        return projected(args);
      };
      grad[j] = (perturbed(eps) - perturbed(-eps)) / (2 * eps);
    }
    return { dtype: "float64" as const, shape: inputs[k].shape, ndim: inputs[k].ndim, numel: inputs[k].numel, data: grad };
  });
  let analyticText = "";
  let numericText = "";
  for (let k = 0; k < inputs.length; k++) {
    analyticText += k === 0 ? tensorWire(analytic[k]) : `,${tensorWire(analytic[k])}`;
    numericText += k === 0 ? tensorWire(numeric[k]) : `,${tensorWire(numeric[k])}`;
  }
  return `{"t":"obj","v":[["analytic",{"t":"arr","v":[${analyticText}]}],["numeric",{"t":"arr","v":[${numericText}]}]]}`;
}
