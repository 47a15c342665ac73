// Verdicts from records and cell endings, without a kernel: a case with one authenticated record is
// judged against the bundle; without one, the reason names what was running; two different records
// for one case count for nothing.
import { describe, expect, test } from "vitest";
import type { Bundle } from "../../../kernel/homework/bundle";
import type { VerifiedRecord } from "../../../kernel/homework/records";
import type { GradedCell } from "../../../kernel/homework/restore";
import { judgeSubmission, type CellOutcome } from "../../../kernel/homework/verdicts";

const bundle = {
  questions: [{
    id: "q1", points: 3, cases: [
      { name: "a", points: 1, kind: "allclose", visibility: "visible", options: { atol: 1e-9 }, expected: { t: "num", v: "2" } },
      { name: "b", points: 2, kind: "equal", visibility: "hidden", options: {}, expected: { t: "num", v: "5" } },
    ],
  }],
} as unknown as Bundle;
const cells: GradedCell[] = [
  { kind: "student", cellType: "code", source: "", question: "q1", submissionIndex: 0 },
  { kind: "tests", cellType: "code", source: "", gradeId: "q1", question: "q1" },
];
let seq = 0;
const end = (name: string, actual: unknown, error: string | null = null): VerifiedRecord =>
  ({ seq: ++seq, phase: "end", question: "q1", case: name, kind: "allclose", actual, error, cell: 1, payload: `end ${seq}` });
const begin = (name: string): VerifiedRecord => ({ seq: ++seq, phase: "begin", question: "q1", case: name, cell: 1, payload: `begin ${seq}` });
const ok: CellOutcome = { status: "ok" };
const judge = (outcomes: CellOutcome[], records: VerifiedRecord[]) => judgeSubmission(bundle, cells, outcomes, records, { memoryMb: 512 })[0];

describe("judgeSubmission", () => {
  test("values judged against the bundle, points per case", () => {
    const q = judge([ok, ok], [begin("a"), end("a", { t: "num", v: "2.0000000001" }), begin("b"), end("b", { t: "num", v: "4" })]);
    expect(q.cases.map((c) => [c.status, c.points])).toEqual([["passed", 1], ["failed", 0]]);
    expect(q.cases[1].message).toBe("expected 5, got 4");
    expect(q.points).toBe(1);
  });

  test("a time limit in a case: that case timed out, the next did not run", () => {
    const q = judge([ok, { status: "timeout", message: "the per-cell time limit of 10 s was exceeded (interrupted)" }], [begin("a")]);
    expect(q.cases.map((c) => c.status)).toEqual(["timeout", "not-run"]);
    expect(q.cases[1].message).toMatch(/in the earlier case "a", which stopped this question's tests/);
  });

  test("memory: an allocation that failed in a case, or a kernel that died of it", () => {
    const q = judge([ok, ok], [begin("a"), end("a", null, "RangeError: Array buffer allocation failed")]);
    expect(q.cases[0]).toMatchObject({ status: "memory", message: "memory limit (512 MB) exceeded: RangeError: Array buffer allocation failed" });
    const died = judge([ok, { status: "died", memory: true, message: "the kernel ran out of memory" }], [begin("a")]);
    expect(died.cases[0].status).toBe("memory");
  });

  test("no record, two different records, and the student's own failing cell", () => {
    const q = judge([{ status: "error", message: "TypeError: boom" }, ok], [end("b", { t: "num", v: "5" }), end("b", { t: "num", v: "5" })]);
    expect(q.cases.map((c) => c.status)).toEqual(["not-recorded", "tampered"]);
    expect(q.notes).toEqual(["cell 1 of your notebook: TypeError: boom"]);
  });
});
