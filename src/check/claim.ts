// Claims: a lecture notebook's assertion that the course notes are right, checked numerically.
// claim() compares a measured value with the expected one (within a tolerance, or by a relation),
// shows a one-line verdict, emits the structured result as its own MIME type for the headless runner
// and the reproduction report, and throws when the claim fails so the notebook run fails loudly.

import { inspect } from "node:util";
import { display } from "../display/display";
import { CLAIM_MIME, describeExpectation, escapeHtml, formatClaimValue } from "../display/common";
import { Tensor } from "../tensor/tensor";

export type Relation = "<" | "<=" | ">" | ">=" | "==";

type Value = number | boolean | readonly number[] | Tensor;

export interface ClaimSpec {
  /** The lecture number (or name) in the notes. */
  lecture: number | string;
  /** The item of the notes, e.g. "Twierdzenie 2", "Algorytm 14", "Przykład 3.1". */
  item: string;
  /** What the notes claim, in words (it appears in the report). */
  statement: string;
  measured: Value;
  expected: Value;
  /** Absolute tolerance: |measured − expected| ≤ atol + rtol·|expected| elementwise (default 0). */
  atol?: number;
  /** Relative tolerance (default 0; with neither atol nor rtol nor relation, equality is required). */
  rtol?: number;
  /** Instead of closeness: measured <relation> expected, elementwise. */
  relation?: Relation;
  /**
   * Where `expected` comes from, independently of the code that computed `measured`: "closed form",
   * "finite differences (float64)", "plain-array second implementation", "quadrature",
   * "Monte Carlo 95 % CI", "udlbook notebook 7.3 (printed value)", … Required: a claim whose
   * expected value has no independent source is not a check. It is shown with the verdict and in
   * the report.
   */
  reference: string;
}

export interface ClaimResult {
  id: string;
  lecture: number | string;
  item: string;
  statement: string;
  measured: number | boolean | number[];
  expected: number | boolean | number[];
  atol?: number;
  rtol?: number;
  relation?: Relation;
  reference: string;
  passed: boolean;
  /** How it was judged, with the worst deviation, e.g. "max |Δ| = 3.1e-9 ≤ 1e-6". */
  detail: string;
}

/**
 * Thrown by claim() when the claim does not hold; `result` holds the measured and expected values.
 * @example
 * let caught: unknown;
 * try {
 *   printed(() => claim("demo", { lecture: 0, item: "Example", statement: "2 = 1", measured: 2, expected: 1, reference: "arithmetic" }));
 * } catch (error) {
 *   caught = error;
 * }
 * expect(caught).toBeInstanceOf(ClaimError);
 * expect((caught as ClaimError).result.measured).toBe(2);
 */
export class ClaimError extends Error {
  constructor(readonly result: ClaimResult) {
    super(`claim ${result.id} failed (lecture ${result.lecture}, ${result.item}): ${result.statement} — measured ${formatClaimValue(result.measured)}, expected ${describeExpectation(result)}; ${result.detail}`);
    this.name = "ClaimError";
  }
}

const SPEC_KEYS = new Set(["lecture", "item", "statement", "measured", "expected", "atol", "rtol", "relation", "reference"]);

/**
 * An unknown option (a misspelt tolerance) would silently mean "equality required": name it instead.
 * A missing reference would leave the report unable to say where the expected value comes from.
 */
function checkSpec(id: string, spec: ClaimSpec): void {
  for (const key of Object.keys(spec)) {
    if (!SPEC_KEYS.has(key)) {
      const hint = key === "tol" ? ' (the absolute tolerance is "atol", beside "rtol")' : "";
      throw new TypeError(`claim ${id}: unknown option "${key}"${hint}; the options are ${[...SPEC_KEYS].join(", ")}`);
    }
  }
  if (typeof spec.reference !== "string" || spec.reference.trim() === "") {
    throw new TypeError(
      `claim ${id}: "reference" is missing or empty; say where the expected value comes from, independently of the code that computed the measured one (closed form, finite differences, a second implementation, quadrature, a Monte-Carlo interval, a published value)`,
    );
  }
}

function plain(v: Value): number | boolean | number[] {
  if (v instanceof Tensor) return v.numel() === 1 && v.ndim === 0 ? v.item() : Array.from(v.toArray());
  return typeof v === "number" || typeof v === "boolean" ? v : Array.from(v);
}

const compare: Record<Relation, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
};

function judge(measured: number | boolean | number[], expected: number | boolean | number[], spec: ClaimSpec): { passed: boolean; detail: string } {
  if (typeof measured === "boolean" || typeof expected === "boolean") {
    return { passed: measured === expected, detail: measured === expected ? "equal" : "not equal" };
  }
  const m = typeof measured === "number" ? [measured] : measured;
  const e = typeof expected === "number" ? m.map(() => expected) : expected;
  if (m.length !== e.length) return { passed: false, detail: `measured has ${m.length} values but expected has ${e.length}` };
  // "holds for all of no values" would pass whatever the library did: an empty comparison fails
  if (m.length === 0) return { passed: false, detail: "measured has no values: nothing was compared" };
  if (spec.relation) {
    const holds = compare[spec.relation];
    const broken = m.findIndex((v, i) => !holds(v, e[i]));
    return broken < 0
      ? { passed: true, detail: `${spec.relation} holds for all ${m.length} value(s)` }
      : { passed: false, detail: `fails at index ${broken}: ${formatClaimValue(m[broken])} ${spec.relation} ${formatClaimValue(e[broken])} is false` };
  }
  const atol = spec.atol ?? 0;
  const rtol = spec.rtol ?? 0;
  let worst = 0;
  let passed = true;
  m.forEach((v, i) => {
    const delta = Math.abs(v - e[i]);
    worst = Math.max(worst, Number.isNaN(delta) ? Infinity : delta);
    if (!(delta <= atol + rtol * Math.abs(e[i])) && v !== e[i]) passed = false;
  });
  return { passed, detail: `max |measured − expected| = ${worst.toExponential(2)}${passed ? " within" : " exceeds"} tolerance` };
}


function verdictHtml(r: ClaimResult): string {
  const colour = r.passed ? "#15803d" : "#b91c1c";
  const mark = r.passed ? "✔" : "✘";
  return (
    `<div class="deepnotes-claim" data-passed="${r.passed}" style="font-family:system-ui,sans-serif;font-size:14px;padding:4px 8px;border-left:4px solid ${colour};background:${r.passed ? "#f0fdf4" : "#fef2f2"}">` +
    `<span style="color:${colour};font-weight:600">${mark} ${escapeHtml(`Lecture ${r.lecture} · ${r.item}`)}</span> ` +
    `${escapeHtml(r.statement)} <span style="color:#4b5563">— measured ${escapeHtml(formatClaimValue(r.measured))}, expected ${escapeHtml(describeExpectation(r))}` +
    ` (${escapeHtml(r.reference)})</span></div>`
  );
}

/**
 * Checks a claim of the course notes and reports it; throws ClaimError when it does not hold.
 * @example
 * const lines = printed(() => {
 *   const r = claim("demo-sum", { lecture: 0, item: "Example", statement: "1 + 2 = 3", measured: 1 + 2, expected: 3, reference: "arithmetic" });
 *   expect(r.passed).toBe(true);
 * });
 * expect(lines).toEqual(["✔ [demo-sum] lecture 0, Example: 1 + 2 = 3 — measured 3, expected 3 (arithmetic)"]);
 * expect(() => printed(() => claim("demo-lt", { lecture: 0, item: "Example", statement: "2 < 1", measured: 2, expected: 1, relation: "<", reference: "arithmetic" }))).toThrow(/claim demo-lt failed/);
 */
export function claim(id: string, spec: ClaimSpec): ClaimResult {
  if (typeof id !== "string" || id.length === 0) throw new TypeError("claim: the first argument must be a non-empty id string");
  checkSpec(id, spec);
  const measured = plain(spec.measured);
  const expected = plain(spec.expected);
  const { passed, detail } = judge(measured, expected, spec);
  const result: ClaimResult = {
    id,
    lecture: spec.lecture,
    item: spec.item,
    statement: spec.statement,
    measured,
    expected,
    ...(spec.atol !== undefined && { atol: spec.atol }),
    ...(spec.rtol !== undefined && { rtol: spec.rtol }),
    ...(spec.relation !== undefined && { relation: spec.relation }),
    reference: spec.reference,
    passed,
    detail,
  };
  const text = `${passed ? "✔" : "✘"} [${id}] lecture ${spec.lecture}, ${spec.item}: ${spec.statement} — measured ${formatClaimValue(measured)}, expected ${describeExpectation(result)} (${result.reference})`;
  display({ [CLAIM_MIME]: result, "text/html": verdictHtml(result), "text/plain": text });
  if (!passed) throw new ClaimError(result);
  // A notebook prints a cell's last value with util.inspect: show one short word, not the whole
  // record again under the verdict line (non-enumerable, so JSON and toEqual ignore it).
  Object.defineProperty(result, inspect.custom, { value: () => `claim ${id}: reproduced`, enumerable: false });
  return result;
}
