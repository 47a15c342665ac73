// Grading end to end on a small assignment (fixtures/hw00-mini.ipynb: q1 3 points, q2 2, q3 2) and
// the sample submissions in fixtures/submissions/: every one gets exactly its expected score, and
// the reason is the right one. One graded batch (jobs 2) serves every assertion; kernels are real
// tslab kernels in the grader's sandbox (bubblewrap where it works here).
//
// The tampering submissions each solve the other questions and try to forge one; the forged one
// must score 0 and the others keep their points. files-around-grader answers q2 right only if all
// its attempts to read another submission and the bundle, write outside its scratch folder, and
// spawn a process were blocked.
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assign, type AssignResult } from "../../../kernel/homework/assign";
import { readBundle } from "../../../kernel/homework/bundle";
import { gradeSubmissions, type GradeOptions, type GradeSummary } from "../../../kernel/homework/grade";
import { mergeGraded } from "../../../kernel/homework/merge";
import { bwrapUnavailable } from "../../../kernel/homework/sandbox";
import { markedLines } from "../../../kernel/homework/source";
import { runNotebook } from "../../../kernel/runner/runner";
import { CHECK_MIME } from "../../../src/display/common";
import type { QuestionResult } from "../../../src/check/check";
import { joinSource, type Notebook } from "../../../kernel/notebook-format";
import { SKIP_BROWSER, browserOutputDir } from "../../helpers/browser";
import { expectPageRenders } from "../../helpers/expect-page";

const fixtures = join(__dirname, "fixtures");
const master = join(fixtures, "hw00-mini.ipynb");

/** Expected points per question (q1 of 3, q2 of 2, q3 of 2). */
const EXPECTED: Record<string, [number, number, number]> = {
  master: [3, 2, 2],
  untouched: [0, 0, 0],
  correct: [3, 2, 2],
  "partly-correct": [1, 2, 0],
  wrong: [0, 0, 0],
  crashing: [3, 2, 1],
  looping: [1, 2, 2],
  "never-resolving": [3, 0, 2],
  "memory-hog": [3, 2, 0],
  "heap-hog": [0, 2, 2],
  "patch-math": [3, 2, 0],
  "patch-array-prototype": [3, 2, 0],
  "patch-float64array-prototype": [3, 2, 0],
  "patch-object-is": [3, 2, 0],
  "patch-json-stringify": [3, 2, 0],
  "patch-number-tofixed": [3, 2, 0],
  "value-of": [3, 0, 2],
  "changing-getter": [0, 2, 2],
  proxy: [0, 2, 2],
  "redefine-check": [3, 2, 0],
  "fake-verdict": [3, 2, 0],
  "process-exit": [3, 0, 2],
  "output-flood": [3, 2, 2],
  "files-around-grader": [3, 2, 0],
  "deleted-tests": [3, 2, 2],
  "edited-tests": [0, 2, 2],
  "console-error": [3, 2, 2],
  malformed: [0, 0, 0],
};

const bwrap = bwrapUnavailable() === null;
let work: string;
let release: string;
let out: string;
let assigned: AssignResult;
let summary: GradeSummary;
let options: GradeOptions;

interface Results {
  score: number;
  output: string;
  tests: Array<{ name: string; score: number; max_score: number; visibility: string; output: string }>;
  extra_data: { deepnotes: { questions: Record<string, { score: number }>; error?: string } };
}
const results = (name: string, dir = out): Results => JSON.parse(readFileSync(join(dir, name, "results.json"), "utf8")) as Results;
const outputOf = (name: string, test: string) => results(name).tests.find((t) => t.name === test)!.output;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "deepnotes-grade-test-"));
  release = join(work, "release", "hw00-mini");
  out = join(work, "graded");
  const submissions = join(work, "submissions");
  mkdirSync(submissions, { recursive: true });
  const runOptions = { cellTimeout: 10, submissionTimeout: 120, memoryMb: 1024, fileSizeMb: 64, bwrap, maxRestarts: 3 };
  assigned = await assign(master, release, runOptions);
  // The placeholders of files-around-grader become the real paths of this run.
  for (const file of readdirSync(join(fixtures, "submissions"))) {
    const text = readFileSync(join(fixtures, "submissions", file), "utf8")
      .replaceAll("{{OTHER_SUBMISSION}}", join(submissions, "correct.ipynb"))
      .replaceAll("{{BUNDLE}}", join(release, "autograder", "bundle.json"))
      .replaceAll("{{OUT}}", out);
    writeFileSync(join(submissions, file), text);
  }
  copyFileSync(master, join(submissions, "master.ipynb"));
  copyFileSync(assigned.studentNotebook, join(submissions, "untouched.ipynb"));
  options = { ...runOptions, assignmentDir: release, outDir: out, jobs: 2, force: false, showHidden: false };
  summary = await gradeSubmissions([submissions], options);
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("assign on hw00-mini", () => {
  test("the master passed its own cases; three questions with visible and hidden cases", () => {
    expect(assigned.questions).toEqual([
      { id: "q1", points: 3, visible: 1, hidden: 1 },
      { id: "q2", points: 2, visible: 1, hidden: 1 },
      { id: "q3", points: 2, visible: 1, hidden: 1 },
    ]);
  });

  test("nothing of a solution or a hidden test is in the student notebook, in any field", () => {
    const text = readFileSync(assigned.studentNotebook, "utf8");
    const strings = collectStrings(JSON.parse(text)).join("\n");
    const masterNotebook = JSON.parse(readFileSync(master, "utf8")) as Notebook;
    const secret = masterNotebook.cells.flatMap((cell) => [...markedLines(joinSource(cell.source), "solution"), ...markedLines(joinSource(cell.source), "hidden")]);
    expect(secret.length).toBeGreaterThan(5);
    for (const line of secret.map((l) => l.trim()).filter((l) => l.length >= 8)) expect(strings).not.toContain(line);
  });

  test("student cells: outputs cleared, test and read-only cells locked, solutions stubbed with their signatures", () => {
    const student = JSON.parse(readFileSync(assigned.studentNotebook, "utf8")) as Notebook;
    for (const cell of student.cells) {
      if (cell.cell_type === "code") expect([cell.outputs, cell.execution_count]).toEqual([[], null]);
      const nbgrader = cell.metadata.nbgrader as { locked?: boolean; grade?: boolean; solution?: boolean } | undefined;
      if (nbgrader?.locked) expect(cell.metadata).toMatchObject({ editable: false, deletable: false, nbgrader: { locked: true, schema_version: 3, task: false } });
      if (nbgrader?.solution) expect(cell.metadata.editable).toBeUndefined();
    }
    const sources = student.cells.map((cell) => joinSource(cell.source));
    expect(sources).toContain('function affine(x: Tensor, w: Tensor, b: Tensor): Tensor {\n  throw new Error("not implemented"); // YOUR CODE HERE\n}');
    expect(sources).toContain("const linearParameters: number = undefined!; // YOUR ANSWER HERE");
  });

  test("the bundle has the hidden tests, points, expected values and checksums, and no solution", () => {
    const { bundle } = readBundle(release);
    const q1 = bundle.cells.find((cell) => cell.gradeId === "q1")!;
    expect(q1.graderSource).toContain("// BEGIN HIDDEN TESTS");
    expect(q1.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.questions[1].cases[1]).toMatchObject({ kind: "answer", visibility: "hidden", expected: { t: "str", v: expect.stringMatching(/^sha256:/) as unknown } });
    expect(readFileSync(join(release, "autograder", "bundle.json"), "utf8")).not.toContain("x.matmul(w.T).add(b)");
  });
});

test("check() in a headless run: each test cell shows its question's result as CHECK_MIME", async () => {
  // The master run as a student would run it (no grader): every case, hidden ones included, passes.
  const run = await runNotebook(master, { cellTimeout: 60 });
  expect(run.ok).toBe(true);
  const shown = run.notebook.cells.flatMap((cell) =>
    cell.cell_type === "code" ? cell.outputs.flatMap((o) => (o.output_type === "display_data" && CHECK_MIME in o.data ? [o.data[CHECK_MIME] as QuestionResult] : [])) : [],
  );
  expect(shown.map((r) => [r.question, r.points, r.maxPoints])).toEqual([["q1", 3, 3], ["q2", 2, 2], ["q3", 2, 2]]);
}, 120_000);

describe("grading the sample submissions", () => {
  test("every submission gets exactly its expected points per question", () => {
    const got = Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, Object.values(results(name).extra_data.deepnotes.questions).map((q) => q.score)]));
    expect(got).toEqual(EXPECTED);
    expect(summary.graded).toBe(Object.keys(EXPECTED).length);
    expect(summary.failed).toBe(1); // malformed
  });

  test("grades.csv: a header, one row per submission in name order, the total", () => {
    const csv = readFileSync(join(out, "grades.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("submission,q1,q2,q3,total");
    const names = Object.keys(EXPECTED).sort();
    expect(csv.slice(1)).toEqual(names.map((name) => [name, ...EXPECTED[name], EXPECTED[name].reduce((a, b) => a + b, 0)].join(",")));
  });

  test("results.json is Gradescope's format; hidden cases are after_published and say only how they failed", () => {
    const wrong = results("wrong");
    expect(Object.keys(wrong)).toEqual(expect.arrayContaining(["score", "tests", "output", "execution_time", "visibility"]));
    expect(wrong.tests.map((t) => [t.name, t.visibility, t.max_score])).toEqual([
      ["q1: the 2×2 example", "visible", 1],
      ["q1: a 3×2 input", "after_published", 2],
      ["q2: parameters of Linear(3, 2)", "visible", 1],
      ["q2: the same count, as a short answer", "after_published", 1],
      ["q3: backward of x ⊙ x", "visible", 1],
      ["q3: backward at a matrix", "after_published", 1],
    ]);
    expect(wrong.tests[0].output).toMatch(/^failed: 4 of 4 values differ; worst at/);
    expect(wrong.tests[1].output).toBe("failed: wrong value");
    expect(wrong.tests[3].output).toBe("failed: wrong value");
    expect(wrong.tests[2].output).toBe("failed: expected 8, got 6");
  });

  test("time, memory and crashes are attributed to the case that was running", () => {
    expect(outputOf("looping", "q1: a 3×2 input")).toBe("failed: time limit");
    expect(outputOf("memory-hog", "q3: backward of x ⊙ x")).toMatch(/^failed: memory limit \(1024 MB\) exceeded: RangeError: Array buffer allocation failed/);
    expect(outputOf("heap-hog", "q1: the 2×2 example")).toMatch(/^failed: memory limit \(1024 MB\) exceeded while this case ran: the kernel ran out of memory/);
    expect(outputOf("crashing", "q3: backward of x ⊙ x")).toBe("passed");
    expect(outputOf("crashing", "q3: backward at a matrix")).toBe("failed: the kernel died");
    expect(results("crashing").output).toMatch(/the kernel died 1 time and was restarted/);
    expect(results("never-resolving").output).toMatch(/q2: cell \d+ of your notebook: the per-cell time limit of 10 s was exceeded/);
    expect(results("process-exit").output).toMatch(/the kernel exited \(exit code 0\)/);
  });

  test("values that could lie are refused, imitations are ignored, restored cells are noted", () => {
    expect(outputOf("proxy", "q1: the 2×2 example")).toBe("failed: the value cannot be recorded: it is a Proxy");
    expect(outputOf("value-of", "q2: parameters of Linear(3, 2)")).toMatch(/^failed: the value cannot be recorded: it is a function/);
    expect(outputOf("changing-getter", "q1: the 2×2 example")).toMatch(/"storage" is a getter/);
    expect(results("fake-verdict").output).toMatch(/2 messages imitating the grader's records were ignored/);
    expect(results("deleted-tests").output).toMatch(/put back the locked cell "q1" \(it was missing\)/);
    expect(results("edited-tests").output).toMatch(/restored the locked cell "q1" \(cell \d+ had been edited\)[\s\S]*ignored cell \d+: a second copy of the locked cell "q2"/);
    expect(results("malformed").extra_data.deepnotes.error).toMatch(/malformed\.ipynb: not valid JSON/);
  });

  test("a submission cannot write outside its scratch folder", () => {
    expect(existsSync(join(out, "written-by-a-submission.txt"))).toBe(false);
    expect(existsSync("/tmp/written-by-a-submission.txt")).toBe(false);
  });

  test("feedback.html: the score and each case, hidden cases without their messages", () => {
    const html = readFileSync(join(out, "wrong", "feedback.html"), "utf8");
    expect(html).toContain("Score: <b>0</b> of 7 points");
    expect(html).toContain("a 3×2 input <span class=\"hidden-tag\">hidden</span>");
    const hiddenRow = html.split("\n").find((line) => line.includes("a 3×2 input"))!;
    expect(hiddenRow).toContain(">wrong value</td>");
    expect(hiddenRow).not.toMatch(/expected|actual/);
  });

  test("grading again skips what is already graded from the same file and bundle", async () => {
    const again = await gradeSubmissions([join(work, "submissions", "correct.ipynb"), join(work, "submissions", "wrong.ipynb")], options);
    expect([again.graded, again.skipped]).toEqual([0, 2]);
  });

  test("sharded runs merged equal the unsharded run", async () => {
    const some = ["correct", "wrong", "malformed"].map((name) => join(work, "submissions", `${name}.ipynb`));
    const shards = [0, 1].map((index) => join(work, `shard-${index}`));
    await Promise.all(shards.map((dir, index) => gradeSubmissions(some, { ...options, outDir: dir, jobs: 1, force: true, shard: { index, count: 2 } })));
    expect(readdirSync(shards[0]).sort()).toEqual(["correct", "grades.csv", "wrong"]); // 0 and 2 of correct, malformed, wrong
    const merged = join(work, "merged");
    mergeGraded(shards, merged);
    const unsharded = readFileSync(join(out, "grades.csv"), "utf8").split("\n").filter((line) => /^(submission|correct|wrong|malformed),/.test(line));
    expect(readFileSync(join(merged, "grades.csv"), "utf8").trim().split("\n")).toEqual(unsharded);
    for (const name of ["correct", "wrong", "malformed"]) {
      const { execution_time: _a, ...a } = results(name, merged) as unknown as Record<string, unknown>;
      const { execution_time: _b, ...b } = results(name, out) as unknown as Record<string, unknown>;
      expect(a).toEqual(b);
    }
  }, 300_000);

  test.skipIf(SKIP_BROWSER)("feedback.html renders in headless Chromium, offline, without errors", async () => {
    const dir = browserOutputDir("feedback");
    const page = join(dir, "feedback.html");
    copyFileSync(join(out, "partly-correct", "feedback.html"), page);
    await expectPageRenders(page, join(dir, "feedback.png"));
  }, 60_000);
});

function collectStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => [k, ...collectStrings(v)]);
  return [];
}
