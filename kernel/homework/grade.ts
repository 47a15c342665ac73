// `deepnotes grade <submissions…> --assignment release/<hw> --out graded/<hw>`: a class at a time.
// Each submission (an .ipynb; its name is the file name without .ipynb) is restored against the
// bundle, run in its own sandboxed kernel, judged by the grader, and written as
// <out>/<name>/results.json (Gradescope) and <out>/<name>/feedback.html; <out>/grades.csv has one
// row per submission graded into <out> with this bundle (so late submissions extend it). Submissions run `jobs` at a time; one that cannot even be read scores 0 with
// the reason and never stops the others. A submission whose results.json was written from the same
// file and the same bundle is not graded again (unless `force`). `shard` grades a deterministic
// slice — every n-th submission in name order — so machines can split a class (merge.ts joins them).

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook } from "../runner/read-notebook";
import { readBundle, maxScore, type Bundle } from "./bundle";
import { feedbackHtml } from "./feedback";
import { readGraded } from "./merge";
import { restoreSubmission } from "./restore";
import { deepnotesExtra, gradeRowOf, gradescopeResults, gradesCsv, type GradeRow, type SubmissionGrade } from "./results";
import { runGraded, type GradedRunOptions } from "./run";
import { judgeSubmission } from "./verdicts";

export interface Shard {
  /** 0-based, below count (Kubernetes' JOB_COMPLETION_INDEX). */
  index: number;
  count: number;
}

export interface GradeOptions extends Omit<GradedRunOptions, "mode"> {
  /** Folder with autograder/bundle.json (what assign wrote). */
  assignmentDir: string;
  outDir: string;
  /** Submissions graded at once. */
  jobs: number;
  shard?: Shard;
  /** Grade again even where results.json is up to date. */
  force: boolean;
  /** Hidden cases' messages in feedback and results.json (for graders, not for students). */
  showHidden: boolean;
  onProgress?: (event: GradeProgress) => void;
}

export interface GradeProgress {
  done: number;
  total: number;
  submission: string;
  score: number;
  maxScore: number;
  /** Already graded (results.json up to date). */
  skipped: boolean;
  seconds: number;
  error?: string;
}

export interface GradeSummary {
  graded: number;
  skipped: number;
  /** Submissions that could not be run at all (they score 0). */
  failed: number;
  rows: GradeRow[];
  /** Seconds per graded (not skipped) submission, for the benchmark. */
  secondsPerSubmission: number[];
  csvFile: string;
}

/** The .ipynb files named by `inputs` (files, or folders whose .ipynb files are taken), by name. */
export function listSubmissions(inputs: string[]): Array<{ name: string; file: string }> {
  const files = inputs.flatMap((input) => {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (stat === undefined) throw new Error(`${input}: no such file or folder`);
    if (!stat.isDirectory()) return [input];
    return fs
      .readdirSync(input)
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => path.join(input, f));
  });
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = path.basename(file, ".ipynb");
    // The name becomes a folder under --out: "." or ".." would put it elsewhere.
    if (name === "" || name === "." || name === "..") throw new Error(`${file}: a submission's name (its file name without .ipynb) cannot be "${name}"; rename the file`);
    const other = seen.get(name);
    if (other !== undefined && path.resolve(other) !== path.resolve(file)) throw new Error(`two submissions are named "${name}": ${other} and ${file}`);
    seen.set(name, file);
  }
  return [...seen].map(([name, file]) => ({ name, file })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every `count`-th submission in name order, starting at `index`. */
export function shardOf<T>(sorted: T[], shard: Shard | undefined): T[] {
  return shard === undefined ? sorted : sorted.filter((_, i) => i % shard.count === shard.index);
}

export async function gradeSubmissions(inputs: string[], options: GradeOptions): Promise<GradeSummary> {
  const { bundle, sha256: bundleSha256 } = readBundle(options.assignmentDir);
  const submissions = shardOf(listSubmissions(inputs), options.shard);
  fs.mkdirSync(options.outDir, { recursive: true });
  const rows = new Array<GradeRow>(submissions.length);
  const secondsPerSubmission: number[] = [];
  let done = 0;
  let skipped = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < submissions.length) {
      const i = next++;
      const { name, file } = submissions[i];
      const bytes = fs.readFileSync(file);
      const submissionSha256 = createHash("sha256").update(bytes).digest("hex");
      const dir = path.join(options.outDir, name);
      const previous = options.force ? null : upToDate(dir, submissionSha256, bundleSha256);
      let grade: SubmissionGrade | null = null;
      if (previous !== null) {
        rows[i] = gradeRowOf(previous);
        skipped++;
      } else {
        grade = await gradeOne(name, file, bundle, { submissionSha256, bundleSha256 }, options);
        writeSubmission(dir, grade, options.showHidden);
        rows[i] = gradeRowOf(gradescopeResults(grade, options.showHidden));
        if (grade.error !== undefined) failed++;
        else secondsPerSubmission.push(grade.seconds);
      }
      done++;
      options.onProgress?.({
        done,
        total: submissions.length,
        submission: name,
        score: rows[i].total,
        maxScore: maxScore(bundle),
        skipped: previous !== null,
        seconds: grade?.seconds ?? 0,
        ...(grade?.error !== undefined && { error: grade.error }),
      });
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs, submissions.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  // The class so far: every submission in --out graded with this bundle, not only this run's.
  const csvFile = path.join(options.outDir, "grades.csv");
  const graded = readGraded(options.outDir).filter((found) => found.bundleSha256 === bundleSha256);
  fs.writeFileSync(csvFile, gradesCsv(bundle.questions.map((q) => q.id), graded.map((found) => gradeRowOf(found.results))));
  return { graded: submissions.length - skipped, skipped, failed, rows, secondsPerSubmission, csvFile };
}

/** The existing results.json of a submission if it was written from these same bytes and bundle. */
function upToDate(dir: string, submissionSha256: string, bundleSha256: string): Record<string, unknown> | null {
  try {
    const results = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8")) as Record<string, unknown>;
    const extra = deepnotesExtra(results);
    return extra?.submission_sha256 === submissionSha256 && extra.bundle_sha256 === bundleSha256 ? results : null;
  } catch {
    return null;
  }
}

function writeSubmission(dir: string, grade: SubmissionGrade, showHidden: boolean): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "results.json"), `${JSON.stringify(gradescopeResults(grade, showHidden), null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "feedback.html"), feedbackHtml(grade, showHidden));
}

/** Grades one submission; never throws (what goes wrong becomes the grade's error). */
async function gradeOne(
  name: string,
  file: string,
  bundle: Bundle,
  hashes: { submissionSha256: string; bundleSha256: string },
  options: Omit<GradedRunOptions, "mode">,
): Promise<SubmissionGrade> {
  const base = { submission: name, assignment: bundle.assignment, maxScore: maxScore(bundle), ...hashes };
  const zero = (error: string, seconds = 0): SubmissionGrade => ({
    ...base,
    score: 0,
    questions: bundle.questions.map((q) => ({
      id: q.id,
      points: 0,
      maxPoints: q.points,
      notes: [],
      cases: q.cases.map((c) => ({ name: c.name, points: 0, maxPoints: c.points, visibility: c.visibility, passed: false, status: "not-run" as const, message: `not graded: ${error}` })),
    })),
    notes: [],
    error,
    seconds,
  });
  let submission;
  try {
    submission = readNotebook(file);
  } catch (error) {
    return zero((error as Error).message);
  }
  try {
    const restored = restoreSubmission(submission, bundle);
    const run = await runGraded(restored.cells, { ...options, mode: "grade" });
    const questions = judgeSubmission(bundle, restored.cells, run.outcomes, run.records, { memoryMb: options.memoryMb });
    const notes = [...restored.notes];
    if (run.restarts > 0) notes.push(`the kernel died ${run.restarts} time${run.restarts === 1 ? "" : "s"} and was restarted (the cells that had run were run again)`);
    if (run.forgedRecords > 0) notes.push(`${run.forgedRecords} message${run.forgedRecords === 1 ? "" : "s"} imitating the grader's records were ignored`);
    const score = questions.reduce((sum, q) => sum + q.points, 0);
    return { ...base, score, questions, notes, seconds: run.seconds };
  } catch (error) {
    return zero(`the grader could not run this submission: ${(error as Error).message}`);
  }
}
