// The autograder bundle that `assign` writes next to the student notebook
// (release/<hw>/autograder/bundle.json) and `grade` reads: everything needed to grade, nothing a
// student needs — the master's test cells with their hidden tests, the read-only cells with the
// checksums of what students receive, each case's points, visibility and tolerances, and the
// expected values (recorded from the master in a clean kernel; short answers as hashes). It holds
// no solution code. Keep it away from students.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CaseKind } from "../../src/check/cases";
import type { CloseOptions } from "../../src/check/compare";
import { decodeValue } from "../../src/check/value";

export const BUNDLE_FORMAT = "deepnotes-autograder";
export const BUNDLE_VERSION = 1;

export interface BundleCase {
  name: string;
  points: number;
  kind: CaseKind;
  visibility: "visible" | "hidden";
  options: CloseOptions;
  /**
   * The expected value in the wire form of src/check/value.ts (parsed JSON): the value for
   * allclose and equal, the "sha256:…" string for answers, the reference gradients (the master's
   * central differences, one tensor per input) for gradient checks.
   */
  expected: unknown;
}

export interface BundleQuestion {
  /** The question's id: the grade_id of its test cell and the name passed to test(). */
  id: string;
  points: number;
  cases: BundleCase[];
}

export interface BundleCell {
  gradeId: string;
  role: "tests" | "read-only";
  cellType: "code" | "markdown" | "raw";
  /** The source students receive. */
  source: string;
  /** For test cells: the master's source, hidden tests included (the grader runs this). */
  graderSource?: string;
  /** The cell's metadata in the student notebook. */
  metadata: Record<string, unknown>;
  /** sourceChecksum(source): a submission's cell with another checksum was edited. */
  checksum: string;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** The assignment's name, e.g. "hw01-deep-networks" (the student notebook is <name>.ipynb). */
  assignment: string;
  created: string;
  questions: BundleQuestion[];
  /** The locked cells, in the master's order. */
  cells: BundleCell[];
  /** The grade_ids of all cells that have one, in the master's order: where a missing cell goes back. */
  layout: string[];
  /** The notebook metadata the student notebook carries (kernelspec, language_info). */
  notebookMetadata: Record<string, unknown>;
}

const bundleFile = (assignmentDir: string) => path.join(assignmentDir, "autograder", "bundle.json");

export function writeBundle(assignmentDir: string, bundle: Bundle): string {
  const file = bundleFile(assignmentDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(bundle, null, 1)}\n`);
  return file;
}

/** Reads and checks a bundle; throws an Error that names the file and the problem. */
export function readBundle(assignmentDir: string): { bundle: Bundle; sha256: string } {
  const file = bundleFile(assignmentDir);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`${file}: no autograder bundle here (write one with \`deepnotes assign <master.ipynb> --out ${assignmentDir}\`)`);
  }
  let bundle: Bundle;
  try {
    bundle = JSON.parse(text) as Bundle;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (bundle.format !== BUNDLE_FORMAT || bundle.version !== BUNDLE_VERSION) {
    throw new Error(`${file}: not a deepnotes autograder bundle of version ${BUNDLE_VERSION}`);
  }
  for (const question of bundle.questions) {
    if (!bundle.cells.some((cell) => cell.role === "tests" && cell.gradeId === question.id)) throw new Error(`${file}: question ${question.id} has no test cell`);
    for (const c of question.cases) decodeExpected(c);
  }
  return { bundle, sha256: createHash("sha256").update(text).digest("hex") };
}

/** A case's expected value decoded (throws on a malformed bundle). */
export function decodeExpected(c: BundleCase) {
  if (c.kind === "gradcheck") {
    const value = decodeValue(c.expected);
    if (value.type !== "array") throw new Error(`case ${c.name}: the reference gradients are not a list`);
    return value;
  }
  return decodeValue(c.expected);
}

export function maxScore(bundle: Bundle): number {
  return bundle.questions.reduce((sum, q) => sum + q.points, 0);
}
