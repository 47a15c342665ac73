// Restoring a submission against the bundle: locked cells matched by grade_id, edited ones replaced,
// missing ones put back after their nearest surviving predecessor, copies dropped; the student's own
// cells untouched and attributed to the question whose tests follow them.
import { describe, expect, test } from "vitest";
import type { Bundle, BundleCell } from "../../../kernel/homework/bundle";
import { restoreSubmission } from "../../../kernel/homework/restore";
import { sourceChecksum } from "../../../kernel/homework/source";
import type { Cell, Notebook } from "../../../kernel/notebook-format";

const nbgrader = (grade_id: string, extra: object) => ({ nbgrader: { grade_id, schema_version: 3, task: false, solution: false, grade: false, locked: false, ...extra } });
const code = (source: string, metadata: object = {}): Cell => ({ cell_type: "code", source, metadata: metadata as Record<string, unknown>, execution_count: null, outputs: [] });
const locked = (gradeId: string, role: BundleCell["role"], source: string): BundleCell => ({
  gradeId, role, cellType: "code", source, ...(role === "tests" && { graderSource: `${source} // with hidden` }), metadata: {}, checksum: sourceChecksum(source),
});
const bundle: Bundle = {
  format: "deepnotes-autograder", version: 1, assignment: "hw", created: "", notebookMetadata: {},
  questions: [],
  cells: [locked("setup", "read-only", "import x;"), locked("q1", "tests", 'test("q1", t => {})'), locked("q2", "tests", 'test("q2", t => {})')],
  layout: ["setup", "q1-solution", "q1", "q2-solution", "q2"],
};
const notebook = (cells: Cell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

describe("restoreSubmission", () => {
  test("an intact submission: test cells become the grader's copies, student cells stay", () => {
    const { cells, notes } = restoreSubmission(notebook([
      code("import x;", nbgrader("setup", { locked: true })),
      code("answer 1", nbgrader("q1-solution", { solution: true })),
      code('test("q1", t => {})', nbgrader("q1", { grade: true, locked: true })),
      code("scratch work"),
      code("answer 2", nbgrader("q2-solution", { solution: true })),
      code('test("q2", t => {})', nbgrader("q2", { grade: true, locked: true })),
    ]), bundle);
    expect(notes).toEqual([]);
    expect(cells.map((c) => [c.kind, c.gradeId, c.question])).toEqual([
      ["read-only", "setup", "q1"], ["student", "q1-solution", "q1"], ["tests", "q1", "q1"], ["student", undefined, "q2"], ["student", "q2-solution", "q2"], ["tests", "q2", "q2"],
    ]);
    expect(cells[2].source).toContain("// with hidden");
    expect(cells[2].source).toMatch(/^\{ const \{ test, hidden: __deepnotesHidden \}/);
  });

  test("edited, deleted and copied locked cells", () => {
    const { cells, notes } = restoreSubmission(notebook([
      code("import x; // and my edit", nbgrader("setup", { locked: true })),
      code("answer 1", nbgrader("q1-solution", { solution: true })),
      code("answer 2", nbgrader("q2-solution", { solution: true })),
      code('test("q2", t => { /* mine */ })', nbgrader("q2", { grade: true, locked: true })),
      code('test("q2", t => {})', nbgrader("q2", { grade: true, locked: true })),
    ]), bundle);
    expect(cells.map((c) => c.gradeId)).toEqual(["setup", "q1-solution", "q1", "q2-solution", "q2"]);
    expect(cells[0].source).toBe("import x;");
    expect(notes).toEqual([
      'restored the locked cell "setup" (cell 1 had been edited)',
      'restored the locked cell "q2" (cell 4 had been edited)',
      'ignored cell 5: a second copy of the locked cell "q2"',
      'put back the locked cell "q1" (it was missing)',
    ]);
  });

  test("an empty notebook gets every locked cell in the master's order", () => {
    const { cells } = restoreSubmission(notebook([]), bundle);
    expect(cells.map((c) => c.gradeId)).toEqual(["setup", "q1", "q2"]);
  });
});
