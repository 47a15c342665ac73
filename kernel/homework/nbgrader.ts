// Cell roles of an assignment, read from nbgrader's own cell metadata so nbgrader's authoring
// toolbar can mark cells ("Autograded answer", "Autograder tests", "Read-only"):
//
//   metadata.nbgrader = { grade_id, solution, grade, locked, points?, schema_version: 3, task: false }
//
// - solution: solution true — the student's answer; `// BEGIN SOLUTION` … `// END SOLUTION` inside;
// - tests: grade true, solution false — a test cell worth `points`, the sum of its cases' points;
//   its grade_id is the question's id, the one it passes to test();
// - read-only: locked true, neither of the above — setup and question text, restored if edited;
// - free: no nbgrader metadata — the student's own cells, and the master's prose.
// Reference: https://nbgrader.readthedocs.io/en/stable/contributor_guide/metadata.html

import type { Cell, Notebook } from "../notebook-format";

export interface NbgraderMetadata {
  grade_id: string;
  solution: boolean;
  grade: boolean;
  locked: boolean;
  points?: number;
  schema_version: 3;
  task: false;
}

export type CellRole = "solution" | "tests" | "read-only" | "free";

/** nbgrader's metadata of a cell, if it has any. */
export function nbgraderOf(cell: Cell): NbgraderMetadata | undefined {
  const meta = cell.metadata?.nbgrader;
  return typeof meta === "object" && meta !== null ? (meta as NbgraderMetadata) : undefined;
}

export function roleOf(cell: Cell): CellRole {
  const meta = nbgraderOf(cell);
  if (meta === undefined) return "free";
  if (meta.solution === true) return "solution";
  if (meta.grade === true) return "tests";
  if (meta.locked === true) return "read-only";
  return "free";
}

/** The grade_id of a cell with nbgrader metadata, else undefined. */
export function gradeIdOf(cell: Cell): string | undefined {
  const id = nbgraderOf(cell)?.grade_id;
  return typeof id === "string" ? id : undefined;
}

/** Locked cells: tests and read-only cells, the ones a submission cannot change. */
function isLocked(role: CellRole): boolean {
  return role === "tests" || role === "read-only";
}

/**
 * Checks a master notebook's metadata: every graded cell has a grade_id, grade_ids are unique,
 * test cells are code with points, solution cells are code. Returns the problems as sentences
 * (empty when the metadata is sound).
 */
export function metadataProblems(notebook: Notebook): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  notebook.cells.forEach((cell, i) => {
    const meta = nbgraderOf(cell);
    if (meta === undefined) return;
    const where = `cell ${i + 1}`;
    const role = roleOf(cell);
    if (typeof meta.grade_id !== "string" || !/^[A-Za-z0-9_.-]+$/.test(meta.grade_id)) {
      problems.push(`${where}: nbgrader.grade_id must be a name of letters, digits, "_", "." or "-"`);
      return;
    }
    const first = seen.get(meta.grade_id);
    if (first !== undefined) problems.push(`${where}: grade_id "${meta.grade_id}" is also used by cell ${first + 1}`);
    seen.set(meta.grade_id, i);
    if (meta.solution === true && meta.grade === true) problems.push(`${where} (${meta.grade_id}): a cell is either a solution or tests, not both (manually graded answers are not supported)`);
    if ((role === "tests" || role === "solution") && cell.cell_type !== "code") problems.push(`${where} (${meta.grade_id}): ${role} cells must be code cells`);
    if (role === "tests" && !(typeof meta.points === "number" && meta.points > 0)) problems.push(`${where} (${meta.grade_id}): a test cell needs nbgrader.points > 0`);
    if (role === "tests" && meta.locked !== true) problems.push(`${where} (${meta.grade_id}): a test cell must be locked (nbgrader.locked true)`);
  });
  return problems;
}

/** The metadata a cell of `role` gets in the student notebook: nbgrader's, plus Jupyter's own lock. */
export function studentMetadata(cell: Cell, role: CellRole): Record<string, unknown> {
  const meta = nbgraderOf(cell);
  if (meta === undefined || role === "free") {
    const tags = cell.metadata?.tags;
    return Array.isArray(tags) ? { tags } : {};
  }
  const nbgrader: NbgraderMetadata = {
    grade_id: meta.grade_id,
    solution: role === "solution",
    grade: role === "tests",
    locked: isLocked(role),
    ...(role === "tests" && { points: meta.points }),
    schema_version: 3,
    task: false,
  };
  return isLocked(role) ? { editable: false, deletable: false, nbgrader } : { nbgrader };
}
