// A graded submission as files: results.json in Gradescope's autograder format (one test per case,
// hidden cases with visibility "after_published") and the class's grades.csv (one row per
// submission, one column per question, and the total). Hidden cases say only passed/failed and
// why in one word (time limit, wrong value, …) unless the grader asks for their messages.
// Gradescope's format: https://gradescope-autograders.readthedocs.io/en/latest/specs/

import type { CaseOutcome, CaseStatus, QuestionOutcome } from "./verdicts";

export interface SubmissionGrade {
  /** The submission's name: its file name without .ipynb. */
  submission: string;
  assignment: string;
  score: number;
  maxScore: number;
  questions: QuestionOutcome[];
  /** What the grader did beyond running the notebook: restored cells, restarts, ignored records. */
  notes: string[];
  /** Set when the submission could not be run at all (e.g. not a notebook); it scores 0. */
  error?: string;
  seconds: number;
  submissionSha256: string;
  bundleSha256: string;
}

/** What deepnotes keeps in a results.json beside Gradescope's fields: extra_data.deepnotes. */
interface DeepnotesExtra {
  assignment: string;
  submission: string;
  max_score: number;
  questions: Record<string, { score: number; max_score: number }>;
  error?: string;
  /** The submission's and the bundle's sha256: a results.json from the same two is up to date. */
  submission_sha256: string;
  bundle_sha256: string;
}

/** extra_data.deepnotes of a results.json read back (any field may be missing from a file deepnotes did not write). */
export function deepnotesExtra(results: Record<string, unknown>): Partial<DeepnotesExtra> | undefined {
  return (results.extra_data as { deepnotes?: Partial<DeepnotesExtra> } | undefined)?.deepnotes;
}

/** What Gradescope shows for a case that students see only as passed/failed. */
const HIDDEN_SUMMARY: Record<CaseStatus, string> = {
  passed: "passed",
  failed: "failed: wrong value",
  error: "failed: the code raised an error",
  unrecordable: "failed: the value cannot be recorded (a Proxy, a getter, a function, …)",
  timeout: "failed: time limit",
  memory: "failed: memory limit",
  crashed: "failed: the kernel died",
  "not-run": "failed: not run",
  "not-recorded": "failed: no result was recorded",
  tampered: "failed: not counted (recorded more than once)",
};

/** The line a student reads for a case. */
export function caseOutput(c: CaseOutcome, showHidden: boolean): string {
  if (c.visibility === "hidden" && !showHidden) return HIDDEN_SUMMARY[c.status];
  return c.passed ? "passed" : `failed: ${c.message}`;
}

export function gradescopeResults(grade: SubmissionGrade, showHidden: boolean): Record<string, unknown> {
  const tests = grade.questions.flatMap((q) =>
    q.cases.map((c, i) => ({
      name: `${q.id}: ${c.name}`,
      number: `${q.id}.${i + 1}`,
      score: c.points,
      max_score: c.maxPoints,
      visibility: c.visibility === "hidden" ? "after_published" : "visible",
      output: caseOutput(c, showHidden),
      tags: [q.id],
    })),
  );
  const output = [grade.error ? `Not graded: ${grade.error}` : "", ...grade.notes, ...grade.questions.flatMap((q) => q.notes.map((n) => `${q.id}: ${n}`))]
    .filter((line) => line !== "")
    .join("\n");
  const deepnotes: DeepnotesExtra = {
    assignment: grade.assignment,
    submission: grade.submission,
    max_score: grade.maxScore,
    questions: Object.fromEntries(grade.questions.map((q) => [q.id, { score: q.points, max_score: q.maxPoints }])),
    ...(grade.error && { error: grade.error }),
    submission_sha256: grade.submissionSha256,
    bundle_sha256: grade.bundleSha256,
  };
  return {
    score: grade.score,
    execution_time: Math.round(grade.seconds * 10) / 10,
    output,
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
    extra_data: { deepnotes },
  };
}

/** What grades.csv needs of one results.json (so a merge can rebuild it from files alone). */
export interface GradeRow {
  submission: string;
  questions: Record<string, number>;
  total: number;
}

export function gradeRowOf(results: Record<string, unknown>): GradeRow {
  const extra = deepnotesExtra(results);
  if (typeof extra?.submission !== "string" || typeof extra.questions !== "object") throw new Error("not a results.json written by deepnotes grade");
  return {
    submission: extra.submission,
    questions: Object.fromEntries(Object.entries(extra.questions).map(([id, q]) => [id, q.score])),
    total: results.score as number,
  };
}

/** grades.csv: a header, then one row per submission in name order. */
export function gradesCsv(questionIds: string[], rows: GradeRow[]): string {
  const header = ["submission", ...questionIds, "total"];
  const lines = [...rows]
    .sort((a, b) => (a.submission < b.submission ? -1 : a.submission > b.submission ? 1 : 0))
    .map((row) => [csvField(row.submission), ...questionIds.map((id) => formatPoints(row.questions[id] ?? 0)), formatPoints(row.total)].join(","));
  return `${[header.map(csvField).join(","), ...lines].join("\n")}\n`;
}

/** Points as written in files and pages: up to 6 decimals, no trailing zeros. */
export function formatPoints(points: number): string {
  return String(Math.round(points * 1e6) / 1e6);
}

/**
 * RFC 4180: quoted when it holds a comma, quote or line break. A name a spreadsheet would read as a
 * formula (=, +, -, @ first) gets a leading apostrophe, as OWASP advises for CSV exports.
 */
function csvField(text: string): string {
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
