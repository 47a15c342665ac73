// What runs when a submission is graded: the student's notebook with the master's locked cells put
// back. Cells are matched by nbgrader grade_id, never by position or content:
// - a test cell always runs as the master wrote it, hidden tests included (the grader's copy);
// - a read-only cell whose source was edited gets the master's source back;
// - a locked cell that was deleted goes back where the master had it (after the nearest earlier
//   cell with a grade_id that the submission still has);
// - a second cell with a locked cell's grade_id is dropped (a copied test cell cannot count twice);
// - everything else is the student's and runs as it is.
// The notes say what was restored, for the grader's report.

import { joinSource, type Cell, type Notebook } from "../notebook-format";
import type { Bundle, BundleCell } from "./bundle";
import { gradeIdOf } from "./nbgrader";
import { graderTestCell, sourceChecksum } from "./source";

export interface GradedCell {
  /** "student": the submission's own cell; "tests"/"read-only": a locked cell from the bundle. */
  kind: "student" | "tests" | "read-only";
  cellType: Cell["cell_type"];
  /** The code that runs (for test cells the grader's copy, with the harness). */
  source: string;
  gradeId?: string;
  /** The question whose tests follow this cell (its test cell's grade_id); none after the last test cell. */
  question?: string;
  /** Index in the submission's cells, for a student cell. */
  submissionIndex?: number;
}

export interface RestoredSubmission {
  cells: GradedCell[];
  notes: string[];
}

export function restoreSubmission(submission: Notebook, bundle: Bundle): RestoredSubmission {
  const locked = new Map(bundle.cells.map((cell) => [cell.gradeId, cell]));
  const notes: string[] = [];
  const cells: GradedCell[] = [];
  const placed = new Set<string>();

  submission.cells.forEach((cell, index) => {
    const gradeId = gradeIdOf(cell);
    const master = gradeId === undefined ? undefined : locked.get(gradeId);
    if (master === undefined) {
      cells.push({ kind: "student", cellType: cell.cell_type, source: joinSource(cell.source), gradeId, submissionIndex: index });
      return;
    }
    if (placed.has(master.gradeId)) {
      notes.push(`ignored cell ${index + 1}: a second copy of the locked cell "${master.gradeId}"`);
      return;
    }
    if (sourceChecksum(joinSource(cell.source)) !== master.checksum || cell.cell_type !== master.cellType) {
      notes.push(`restored the locked cell "${master.gradeId}" (cell ${index + 1} had been edited)`);
    }
    placed.add(master.gradeId);
    cells.push(fromBundle(master));
  });

  // Missing locked cells, in the master's order, each after its nearest placed predecessor.
  for (const master of bundle.cells) {
    if (placed.has(master.gradeId)) continue;
    const at = bundle.layout.indexOf(master.gradeId);
    let position = 0;
    for (let k = at - 1; k >= 0; k--) {
      const found = cells.findIndex((cell) => cell.gradeId === bundle.layout[k]);
      if (found >= 0) {
        position = found + 1;
        break;
      }
    }
    cells.splice(position, 0, fromBundle(master));
    placed.add(master.gradeId);
    notes.push(`put back the locked cell "${master.gradeId}" (it was missing)`);
  }

  let question: string | undefined;
  for (let i = cells.length - 1; i >= 0; i--) {
    if (cells[i].kind === "tests") question = cells[i].gradeId;
    cells[i].question = question;
  }
  return { cells, notes };
}

function fromBundle(master: BundleCell): GradedCell {
  return {
    kind: master.role,
    cellType: master.cellType,
    source: master.role === "tests" ? graderTestCell(master.graderSource ?? master.source, `test cell ${master.gradeId}`) : master.source,
    gradeId: master.gradeId,
  };
}
