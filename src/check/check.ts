// Homework self-checks in a student's notebook. A test cell calls `test("q1", (t) => { … })`: its
// public cases run at once and the verdict is shown — passed cases, points, and for a failure the
// reason — as its own MIME type (CHECK_MIME) beside HTML and text, so it renders in Jupyter and in
// headless runs alike, offline. `check("q1")` runs q1's cases again wherever it is called (after
// editing a helper further down), `check()` runs every question seen so far. This is feedback,
// not grading: the grader never reads these outputs, it runs the hidden cases too and judges
// outside the kernel (grading.ts).

import { display } from "../display/display";
import { CHECK_MIME, escapeHtml, SHOWN } from "../display/common";
import { judgeByKind, type Verdict } from "./compare";
import { makeTest, type CaseKind, type CaseRecord, type TestContext } from "./cases";
import { unrecordableProblem } from "./intrinsics";
import { decodeValue, type CheckedValue } from "./value";

export interface CaseResult {
  name: string;
  kind: CaseKind;
  points: number;
  maxPoints: number;
  passed: boolean;
  message: string;
}

export interface QuestionResult {
  question: string;
  points: number;
  maxPoints: number;
  cases: CaseResult[];
  /** Set when the test itself could not run to the end (e.g. building its inputs threw). */
  error?: string;
}

const registered = new Map<string, (t: TestContext) => void>();

/**
 * Judges one case the way the grader does (compare.ts), from the values' wire texts. A gradient
 * check has no expected side here (it is never evaluated, so it does not reseed the generator).
 */
function judgeCase(record: CaseRecord): Verdict {
  if (record.error !== null) return { passed: false, message: record.error };
  const actual = decode(record.actual!);
  if (record.kind === "gradcheck") return judgeByKind(record, actual, null);
  let expected: CheckedValue;
  try {
    expected = decode(record.expected());
  } catch (thrown) {
    const problem = unrecordableProblem(thrown) ?? (thrown instanceof Error ? thrown.message : String(thrown));
    return { passed: false, message: `the test's expected value could not be computed: ${problem}` };
  }
  return judgeByKind(record, actual, expected);
}

function decode(wire: string): CheckedValue {
  return decodeValue(JSON.parse(wire));
}

function runQuestion(question: string, body: (t: TestContext) => void): QuestionResult {
  const result: QuestionResult = { question, points: 0, maxPoints: 0, cases: [] };
  const sink = {
    begin() {},
    end(record: CaseRecord) {
      const verdict = judgeCase(record);
      const points = verdict.passed ? record.points : 0;
      result.cases.push({ name: record.name, kind: record.kind, points, maxPoints: record.points, passed: verdict.passed, message: verdict.message });
      result.points += points;
      result.maxPoints += record.points;
    },
    testError(_question: string, error: string) {
      result.error = error;
    },
  };
  try {
    makeTest(sink, { hidden: false })(question, body);
  } catch (thrown) {
    const problem = unrecordableProblem(thrown);
    if (problem !== undefined) throw new TypeError(problem, { cause: thrown });
    throw thrown;
  }
  display({ [CHECK_MIME]: result, "text/html": resultHtml(result), "text/plain": resultText(result) });
  Object.defineProperty(result, SHOWN, { value: true }); // shown above: not printed again as the cell's value
  return result;
}

/**
 * Declares a question's cases and runs them now, showing the verdict; `check(question)` runs them
 * again later. Each case is seeded (deepnotes' generator) with a seed fixed by its question and
 * name, before its actual and before its expected side.
 * @example
 * const double = (x: number) => 2 * x;
 * const result = test("demo-q1", (t) => {
 *   t.allclose("doubles 1.5", 2, () => double(1.5), 3, { atol: 1e-12 });
 *   t.equal("doubles 2", 1, () => double(2), () => 4);
 *   t.answer("the element", 1, () => " He ", answerHash("he"));
 * });
 * expect(result.points).toBe(4);
 * expect(result.cases.map((c) => c.passed)).toEqual([true, true, true]);
 */
export function test(question: string, body: (t: TestContext) => void): QuestionResult {
  registered.set(question, body);
  return runQuestion(question, body);
}

/**
 * Runs the public cases of `question` again (or of every question seen so far) and shows the verdict.
 * @example
 * test("demo-q2", (t) => t.allclose("π to 4 digits", 1, () => 3.1416, Math.PI, { atol: 1e-3 }));
 * expect(check("demo-q2").points).toBe(1);
 * expect(() => check("never-declared")).toThrow(/run the test cell of never-declared first/);
 */
export function check(question: string): QuestionResult;
export function check(): QuestionResult[];
export function check(question?: string): QuestionResult | QuestionResult[] {
  if (question === undefined) return [...registered].map(([name, body]) => runQuestion(name, body));
  const body = registered.get(question);
  if (body === undefined) {
    const known = registered.size === 0 ? "none yet" : [...registered.keys()].join(", ");
    throw new Error(`check: no tests for "${question}" yet — run the test cell of ${question} first (questions seen: ${known})`);
  }
  return runQuestion(question, body);
}

function resultText(r: QuestionResult): string {
  const lines = [`${r.question}: ${r.points}/${r.maxPoints} points${r.error ? ` — the test stopped: ${r.error}` : ""}`];
  for (const c of r.cases) lines.push(`  ${c.passed ? "✔" : "✘"} ${c.name} (${c.points}/${c.maxPoints})${c.passed ? "" : `: ${c.message}`}`);
  return lines.join("\n");
}

function resultHtml(r: QuestionResult): string {
  const all = r.error === undefined && r.cases.every((c) => c.passed);
  const colour = all ? "#15803d" : "#b91c1c";
  const rows = r.cases
    .map(
      (c) =>
        `<tr><td style="color:${c.passed ? "#15803d" : "#b91c1c"};padding:2px 8px">${c.passed ? "✔" : "✘"}</td>` +
        `<td style="padding:2px 8px;text-align:left">${escapeHtml(c.name)}</td><td style="padding:2px 8px;text-align:right;white-space:nowrap">${c.points}/${c.maxPoints}</td>` +
        `<td style="padding:2px 8px;text-align:left;color:#4b5563;font-family:ui-monospace,monospace;font-size:12px">${c.passed ? "" : escapeHtml(c.message)}</td></tr>`,
    )
    .join("");
  const stopped = r.error ? `<div style="color:#b91c1c">The test stopped: ${escapeHtml(r.error)}</div>` : "";
  return (
    `<div class="deepnotes-check" data-question="${escapeHtml(r.question)}" style="font-family:system-ui,sans-serif;font-size:14px;padding:4px 8px;border-left:4px solid ${colour};background:${all ? "#f0fdf4" : "#fef2f2"}">` +
    `<div style="font-weight:600;color:${colour}">${escapeHtml(r.question)}: ${r.points}/${r.maxPoints} points (public cases; hidden cases run when the notebook is graded)</div>` +
    `${stopped}<table style="border-collapse:collapse">${rows}</table></div>`
  );
}
