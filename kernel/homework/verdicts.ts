// Every case's verdict, decided by the grader: the value the harness recorded against the
// bundle's expected value (src/check/compare.ts, the same rules the student's check uses), or —
// when there is no value — why not, attributed to the case that was running: its own error, the
// time limit, the memory limit, a dead kernel, or an earlier case that stopped the tests. A case
// with no authenticated record never passes, and neither does one with two different records
// (only a submission calling the harness itself could make a second one).

import { judgeByKind, type Verdict } from "../../src/check/compare";
import { decodeValue } from "../../src/check/value";
import { decodeExpected, type Bundle, type BundleCase } from "./bundle";
import type { VerifiedRecord } from "./records";
import type { GradedCell } from "./restore";

export type CellStatus = "ok" | "error" | "timeout" | "died" | "not-run";

/** How a graded cell's execution ended. */
export interface CellOutcome {
  status: CellStatus;
  /** For anything but "ok": what happened, as a sentence. */
  message?: string;
  /** The failure was the memory limit (an allocation that failed, a heap that could not grow). */
  memory?: boolean;
}

export type CaseStatus = "passed" | "failed" | "error" | "unrecordable" | "timeout" | "memory" | "crashed" | "not-run" | "not-recorded" | "tampered";

/** How the harness says a value was refused (src/check/cases.ts). */
const UNRECORDABLE = "the value cannot be recorded";

export interface CaseOutcome {
  name: string;
  points: number;
  maxPoints: number;
  visibility: "visible" | "hidden";
  passed: boolean;
  status: CaseStatus;
  /** Why, in full (values included): shown for visible cases, and for hidden ones only on request. */
  message: string;
}

export interface QuestionOutcome {
  id: string;
  points: number;
  maxPoints: number;
  cases: CaseOutcome[];
  /** Failures of the student's own cells before this question's tests. */
  notes: string[];
}

/** What an allocation that hit RLIMIT_DATA looks like from inside V8. */
const MEMORY_ERROR = /Array buffer allocation failed|Invalid typed array length|Invalid array length|out of memory|Allocation failed/i;

export function isMemoryError(text: string): boolean {
  return MEMORY_ERROR.test(text);
}

export interface JudgeOptions {
  /** The memory limit, for messages. */
  memoryMb: number;
}

export function judgeSubmission(bundle: Bundle, cells: GradedCell[], outcomes: CellOutcome[], records: VerifiedRecord[], options: JudgeOptions): QuestionOutcome[] {
  return bundle.questions.map((question) => {
    const testCell = cells.findIndex((cell) => cell.kind === "tests" && cell.gradeId === question.id);
    const own = records.filter((r) => r.question === question.id);
    const testOutcome = outcomes[testCell] ?? { status: "not-run", message: "the test cell was not run" };
    let stoppedBy: string | null = null;
    const cases = question.cases.map((c): CaseOutcome => {
      const base = { name: c.name, maxPoints: c.points, visibility: c.visibility };
      const ends = own.filter((r) => r.phase === "end" && r.case === c.name);
      const begun = own.some((r) => r.phase === "begin" && r.case === c.name);
      const verdict = ends.length > 1 ? tampered(ends.length) : ends.length === 1 ? judgeRecord(c, ends[0], options) : missing(begun, testOutcome, own, stoppedBy, options);
      if (!verdict.passed && begun && ends.length === 0) stoppedBy = c.name;
      return { ...base, points: verdict.passed ? c.points : 0, ...verdict };
    });
    const notes = cells.flatMap((cell, i) => {
      const outcome = outcomes[i];
      if (cell.kind !== "student" || cell.question !== question.id || outcome === undefined || outcome.status === "ok" || outcome.status === "not-run") return [];
      return [`cell ${(cell.submissionIndex ?? i) + 1} of your notebook: ${outcome.message ?? outcome.status}`];
    });
    return { id: question.id, points: cases.reduce((s, c) => s + c.points, 0), maxPoints: question.points, cases, notes };
  });
}

type Judged = Pick<CaseOutcome, "passed" | "status" | "message">;

function tampered(count: number): Judged {
  return { passed: false, status: "tampered", message: `the case was recorded ${count} times with different values in one run (the test cell records it once): not counted` };
}

function judgeRecord(c: BundleCase, record: VerifiedRecord, options: JudgeOptions): Judged {
  if (typeof record.error === "string") {
    if (isMemoryError(record.error)) return { passed: false, status: "memory", message: `memory limit (${options.memoryMb} MB) exceeded: ${record.error}` };
    return { passed: false, status: record.error.startsWith(UNRECORDABLE) ? "unrecordable" : "error", message: record.error };
  }
  let verdict: Verdict;
  try {
    verdict = judgeValue(c, decodeValue(record.actual));
  } catch (error) {
    return { passed: false, status: "not-recorded", message: `the recorded value could not be read (${(error as Error).message})` };
  }
  return { passed: verdict.passed, status: verdict.passed ? "passed" : "failed", message: verdict.message };
}

/** A value against the bundle's expectation (for a gradient check: the master's gradients), by the case's kind. */
export function judgeValue(c: BundleCase, actual: ReturnType<typeof decodeValue>): Verdict {
  return judgeByKind(c, actual, decodeExpected(c));
}

function missing(begun: boolean, test: CellOutcome, own: VerifiedRecord[], stoppedBy: string | null, options: JudgeOptions): Judged {
  const failure = (why: string): Judged => {
    if (test.memory === true) return { passed: false, status: "memory", message: `memory limit (${options.memoryMb} MB) exceeded ${why}: ${test.message}` };
    if (test.status === "timeout") return { passed: false, status: "timeout", message: `time limit ${why}: ${test.message}` };
    if (test.status === "died") return { passed: false, status: "crashed", message: `the kernel died ${why}: ${test.message}` };
    return { passed: false, status: "error", message: `${why}: ${test.message}` };
  };
  if (begun) return failure("while this case ran");
  if (test.status === "not-run") return { passed: false, status: "not-run", message: `not run: ${test.message ?? "the test cell did not run"}` };
  if (stoppedBy !== null && test.status !== "ok") return { ...failure(`in the earlier case "${stoppedBy}", which stopped this question's tests`), status: "not-run" };
  const testError = own.find((r) => r.phase === "test-error");
  if (testError !== undefined) return { passed: false, status: "error", message: `the test could not run: ${testError.error}` };
  if (test.status === "error") return { passed: false, status: "error", message: `the test cell could not run: ${test.message}` };
  if (test.status !== "ok") return { ...failure("before this case started"), status: "not-run" };
  return { passed: false, status: "not-recorded", message: "no result was recorded for this case (did the notebook replace its display functions?)" };
}
