// `deepnotes assign master.ipynb --out release/<hw>`: from one master notebook, the notebook
// students receive and the autograder bundle.
//
// The student notebook has solution regions replaced by stubs, hidden tests removed, outputs and
// execution counts cleared, only nbgrader's and Jupyter's lock metadata on cells (test and read-only
// cells editable: false, deletable: false, nbgrader locked), and no attachments on solution cells.
//
// The bundle's expected values are recorded, not written by hand: the master runs in the grader's
// sandboxed kernel in "author" mode, where every case records the master solution's value and its
// expected side. Then the master is judged like a submission: assign fails, writing nothing, unless
// the master gets full marks — so a wrong reference, a tolerance too tight, a case whose points do
// not add up to the cell's nbgrader points, or a hidden case whose expected tensor is computed
// outside a function (where a submission could watch it being computed) are caught here.

import * as fs from "node:fs";
import * as path from "node:path";
import { decodeValue } from "../../src/check/value";
import { joinSource, type Cell, type Notebook } from "../notebook-format";
import { readNotebook } from "../runner/read-notebook";
import { BUNDLE_FORMAT, BUNDLE_VERSION, writeBundle, type Bundle, type BundleCase, type BundleCell, type BundleQuestion } from "./bundle";
import { gradeIdOf, metadataProblems, nbgraderOf, roleOf, studentMetadata } from "./nbgrader";
import type { VerifiedRecord } from "./records";
import { restoreSubmission } from "./restore";
import { runGraded, type GradedRunOptions } from "./run";
import { hasHiddenMarkers, hasSolutionMarkers, removeHiddenTests, sourceChecksum, stubSolutions } from "./source";
import { judgeValue } from "./verdicts";

export type AssignOptions = Omit<GradedRunOptions, "mode">;

export interface AssignResult {
  assignment: string;
  studentNotebook: string;
  bundleFile: string;
  questions: Array<{ id: string; points: number; visible: number; hidden: number }>;
  seconds: number;
}

/** Builds the student notebook and the bundle of `masterPath` into `outDir`; throws naming every problem. */
export async function assign(masterPath: string, outDir: string, options: AssignOptions): Promise<AssignResult> {
  const master = readNotebook(masterPath);
  const assignment = path.basename(masterPath, ".ipynb");
  const problems = metadataProblems(master);
  if (problems.length > 0) throw new Error(`${masterPath}:\n- ${problems.join("\n- ")}`);

  const student = studentNotebook(master, masterPath);
  const cells: BundleCell[] = [];
  master.cells.forEach((cell, i) => {
    const role = roleOf(cell);
    if (role !== "tests" && role !== "read-only") return;
    const source = joinSource(student.cells[i].source);
    cells.push({
      gradeId: gradeIdOf(cell)!,
      role,
      cellType: cell.cell_type,
      source,
      ...(role === "tests" && { graderSource: joinSource(cell.source) }),
      metadata: student.cells[i].metadata,
      checksum: sourceChecksum(source),
    });
  });
  if (!cells.some((cell) => cell.role === "tests")) throw new Error(`${masterPath}: no test cells (nbgrader "Autograder tests") — nothing to grade`);
  const layout = master.cells.map(gradeIdOf).filter((id): id is string => id !== undefined);
  const notebookMetadata = student.metadata;
  const skeleton: Bundle = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, assignment, created: new Date().toISOString(), questions: [], cells, layout, notebookMetadata };

  const restored = restoreSubmission(master, skeleton);
  const run = await runGraded(restored.cells, { ...options, mode: "author" });
  const failures: string[] = [];
  const questions: BundleQuestion[] = [];
  restored.cells.forEach((cell, index) => {
    const outcome = run.outcomes[index];
    if (cell.kind !== "tests") {
      if (outcome.status !== "ok") failures.push(`cell ${(cell.submissionIndex ?? index) + 1}${cell.gradeId ? ` (${cell.gradeId})` : ""}: ${outcome.message ?? outcome.status}`);
      return;
    }
    const id = cell.gradeId!;
    if (outcome.status !== "ok") failures.push(`test cell ${id}: ${outcome.message ?? outcome.status}`);
    const records = run.records.filter((r) => r.question === id || r.cell === index);
    const points = nbgraderOf(master.cells.find((c) => gradeIdOf(c) === id)!)!.points!;
    questions.push(questionFrom(id, points, records, failures));
  });
  if (questions.every((q) => q.cases.length === 0) && failures.length === 0) failures.push("no test case was recorded");
  if (failures.length > 0) throw new Error(`${masterPath}: the master notebook does not pass its own tests, so no bundle was written:\n- ${failures.join("\n- ")}`);

  const bundle: Bundle = { ...skeleton, questions };
  fs.mkdirSync(outDir, { recursive: true });
  const studentNotebookPath = path.join(outDir, `${assignment}.ipynb`);
  fs.writeFileSync(studentNotebookPath, `${JSON.stringify(student, null, 1)}\n`);
  const bundleFile = writeBundle(outDir, bundle);
  return {
    assignment,
    studentNotebook: studentNotebookPath,
    bundleFile,
    questions: questions.map((q) => ({
      id: q.id,
      points: q.points,
      visible: q.cases.filter((c) => c.visibility === "visible").length,
      hidden: q.cases.filter((c) => c.visibility === "hidden").length,
    })),
    seconds: run.seconds,
  };
}

/** A question's cases from the master's author-mode records; problems go to `failures`. */
function questionFrom(id: string, points: number, records: VerifiedRecord[], failures: string[]): BundleQuestion {
  const cases: BundleCase[] = [];
  for (const record of records) {
    if (record.question !== id) {
      failures.push(`test cell ${id} runs test("${record.question}"): a test cell's test() must use its own grade_id`);
      continue;
    }
    if (record.phase === "test-error") failures.push(`${id}: the test stopped: ${record.error}`);
    if (record.phase !== "end") continue;
    const where = `${id}, case "${record.case}"`;
    if (record.error) {
      failures.push(`${where}: the master solution failed: ${record.error}`);
      continue;
    }
    if (record.expectedError) {
      failures.push(`${where}: the expected value could not be computed: ${record.expectedError}`);
      continue;
    }
    const kind = record.kind!;
    const hidden = record.hidden === true;
    if (hidden && kind !== "gradcheck" && record.expectedIsFunction !== true && !isPlainWire(record.expected)) {
      failures.push(`${where}: a hidden case's expected tensor must be given as a function (() => tensor(…)), so it is never computed while grading`);
    }
    const options = {
      ...(record.options?.atol !== undefined && { atol: Number(record.options.atol) }),
      ...(record.options?.rtol !== undefined && { rtol: Number(record.options.rtol) }),
      ...(record.options?.equalNan === true && { equalNan: true }),
    };
    const expected = kind === "gradcheck" ? numericGradients(record.actual) : record.expected;
    const c: BundleCase = { name: record.case!, points: Number(record.points), kind, visibility: hidden ? "hidden" : "visible", options, expected };
    const verdict = judgeValue(c, decodeValue(record.actual));
    if (!verdict.passed) failures.push(`${where}: the master solution does not pass: ${verdict.message}`);
    cases.push(c);
  }
  const sum = cases.reduce((s, c) => s + c.points, 0);
  if (Math.abs(sum - points) > 1e-9) failures.push(`test cell ${id}: its cases add up to ${sum} points but nbgrader.points is ${points}`);
  return { id, points, cases };
}

/** The master's central differences — the reference gradients a submission's backward must match. */
function numericGradients(actual: unknown): unknown {
  const entries = (actual as { v?: Array<[string, unknown]> }).v ?? [];
  return entries.find(([key]) => key === "numeric")?.[1];
}

/**
 * Numbers, strings, booleans and arrays or plain objects of them: what a literal in the test's
 * source makes without calling anything a submission could have replaced. A tensor or typed array
 * given as a value was computed by a call while the test ran, so it must be a function instead.
 */
function isPlainWire(wire: unknown): boolean {
  const node = wire as { t?: unknown; v?: unknown } | null;
  switch (node?.t) {
    case "num":
    case "str":
    case "bool":
    case "null":
    case "undef":
    case "bigint":
      return true;
    case "arr":
      return Array.isArray(node.v) && node.v.every(isPlainWire);
    case "obj":
      return Array.isArray(node.v) && node.v.every((entry: unknown) => Array.isArray(entry) && isPlainWire(entry[1]));
    default:
      return false;
  }
}

/** The student's copy of the master: see the header. */
function studentNotebook(master: Notebook, masterPath: string): Notebook {
  const cells = master.cells.map((cell, i): Cell => {
    const role = roleOf(cell);
    const where = `${masterPath}, cell ${i + 1}${gradeIdOf(cell) ? ` (${gradeIdOf(cell)})` : ""}`;
    const source = joinSource(cell.source);
    if (role !== "solution" && hasSolutionMarkers(source)) throw new Error(`${where}: solution markers in a cell that is not a solution cell (nbgrader "Autograded answer")`);
    if (role !== "tests" && hasHiddenMarkers(source)) throw new Error(`${where}: hidden-test markers in a cell that is not a test cell (nbgrader "Autograder tests")`);
    const studentSource = role === "solution" ? stubSolutions(source, where) : role === "tests" ? removeHiddenTests(source, where) : source;
    const metadata = studentMetadata(cell, role);
    const id = cell.id === undefined ? {} : { id: cell.id };
    if (cell.cell_type === "code") return { cell_type: "code", ...id, metadata, source: studentSource, execution_count: null, outputs: [] };
    if (cell.cell_type === "markdown") {
      const attachments = role === "solution" || cell.attachments === undefined ? {} : { attachments: cell.attachments };
      return { cell_type: "markdown", ...id, metadata, source: studentSource, ...attachments };
    }
    return { cell_type: "raw", ...id, metadata, source: studentSource };
  });
  const { kernelspec, language_info } = master.metadata;
  return { nbformat: 4, nbformat_minor: master.nbformat_minor, metadata: { ...(kernelspec !== undefined && { kernelspec }), ...(language_info !== undefined && { language_info }) }, cells };
}
