// The five course assignments in notebooks/homework/: each master passes its own tests (assign
// refuses otherwise), gets full marks when graded as a submission, and its untouched student
// notebook runs to the end and gets 0 — and nothing of a solution or a hidden test reaches the
// student notebook in any field.
import { mkdtempSync, readFileSync, readdirSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assign, type AssignResult } from "../../../kernel/homework/assign";
import { gradeSubmissions, type GradeSummary } from "../../../kernel/homework/grade";
import { bwrapUnavailable } from "../../../kernel/homework/sandbox";
import { lectureNotebooks } from "../../../kernel/report";
import { markedLines } from "../../../kernel/homework/source";
import { joinSource, type Notebook } from "../../../kernel/notebook-format";

const homework = join(__dirname, "..", "..", "..", "notebooks", "homework");
const masters = readdirSync(homework)
  .filter((f) => f.endsWith(".ipynb"))
  .sort()
  .map((f) => join(homework, f));

interface Graded {
  assigned: AssignResult;
  summary: GradeSummary;
  maxScore: number;
}
const graded = new Map<string, Graded>();
const runOptions = { cellTimeout: 60, submissionTimeout: 300, memoryMb: 2048, fileSizeMb: 64, bwrap: bwrapUnavailable() === null, maxRestarts: 1 };

const work = mkdtempSync(join(tmpdir(), "deepnotes-assignments-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  // Two assignments at a time, each grading its master and its student notebook side by side.
  let next = 0;
  const worker = async () => {
    while (next < masters.length) {
      const master = masters[next++];
      const name = basename(master, ".ipynb");
      const release = join(work, "release", name);
      const assigned = await assign(master, release, runOptions);
      const submissions = join(work, "submissions", name);
      mkdirSync(submissions, { recursive: true });
      copyFileSync(master, join(submissions, "master.ipynb"));
      copyFileSync(assigned.studentNotebook, join(submissions, "untouched.ipynb"));
      const summary = await gradeSubmissions([submissions], { ...runOptions, assignmentDir: release, outDir: join(work, "graded", name), jobs: 1, force: false, showHidden: false });
      graded.set(name, { assigned, summary, maxScore: assigned.questions.reduce((s, q) => s + q.points, 0) });
    }
  };
  await Promise.all([worker(), worker()]);
}, 900_000);

test("there are five assignments, one per lecture", () => {
  expect(masters.map((m) => basename(m, ".ipynb"))).toEqual([
    "hw01-deep-networks",
    "hw02-loss-functions",
    "hw03-training",
    "hw04-regularisation",
    "hw05-convolutional-networks",
  ]);
});

test("npm start's lecture run leaves notebooks/homework alone", () => {
  const lectures = lectureNotebooks(join(homework, ".."));
  expect(lectures.length).toBeGreaterThan(0);
  expect(lectures.filter((path) => path.startsWith(`${homework}/`))).toEqual([]);
});

describe.each(masters.map((m) => [basename(m, ".ipynb"), m] as const))("%s", (name, master) => {
  test("3–5 questions, each with visible cases, and hidden cases in the assignment", () => {
    const { assigned } = graded.get(name)!;
    expect(assigned.questions.length).toBeGreaterThanOrEqual(3);
    expect(assigned.questions.length).toBeLessThanOrEqual(5);
    for (const q of assigned.questions) expect(q.visible).toBeGreaterThan(0);
    expect(assigned.questions.reduce((s, q) => s + q.hidden, 0)).toBeGreaterThan(0);
  });

  test("the master gets full marks and the untouched student notebook 0, without crashing", () => {
    const { summary, maxScore } = graded.get(name)!;
    expect(summary.failed).toBe(0);
    const byName = Object.fromEntries(summary.rows.map((row) => [row.submission, row.total]));
    expect(byName).toEqual({ master: maxScore, untouched: 0 });
  });

  test("no solution line and no hidden-test line is in the student notebook", () => {
    const masterNotebook = JSON.parse(readFileSync(master, "utf8")) as Notebook;
    const secretLines = masterNotebook.cells.flatMap((cell) => [...markedLines(joinSource(cell.source), "solution"), ...markedLines(joinSource(cell.source), "hidden")]);
    // A line that the master also has outside the markers (a closing brace, a shared helper) is not a secret.
    const publicText = masterNotebook.cells.map((cell) => joinSource(cell.source)).join("\n").split("\n").filter((line) => !secretLines.includes(line));
    const secrets = secretLines.map((l) => l.trim()).filter((l) => l.length >= 8 && !publicText.some((p) => p.includes(l)));
    expect(secrets.length).toBeGreaterThan(5);
    const student = strings(JSON.parse(readFileSync(graded.get(name)!.assigned.studentNotebook, "utf8")));
    const leaked = secrets.filter((line) => student.some((s) => s.includes(line)));
    expect(leaked).toEqual([]);
  });
});

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}
