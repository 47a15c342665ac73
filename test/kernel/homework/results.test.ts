// Files from a grade: Gradescope's results.json, the grades.csv rows, and feedback.html's hidden rows.
import { describe, expect, test } from "vitest";
import { feedbackHtml } from "../../../kernel/homework/feedback";
import { gradeRowOf, gradescopeResults, gradesCsv, type SubmissionGrade } from "../../../kernel/homework/results";

const grade: SubmissionGrade = {
  submission: "=cmd|' /C calc'!A0", assignment: "hw", score: 1, maxScore: 3, seconds: 2.345, submissionSha256: "s", bundleSha256: "b",
  notes: ["restored the locked cell \"q1\" (cell 2 had been edited)"],
  questions: [{
    id: "q1", points: 1, maxPoints: 3, notes: [],
    cases: [
      { name: "visible <one>", points: 1, maxPoints: 1, visibility: "visible", passed: true, status: "passed", message: "ok" },
      { name: "hidden one", points: 0, maxPoints: 2, visibility: "hidden", passed: false, status: "failed", message: "1 of 2 values differ; worst at [1]: actual 3, expected 4.25" },
    ],
  }],
};

describe("results", () => {
  test("Gradescope's format, hidden cases after_published with a one-word reason", () => {
    const results = gradescopeResults(grade, false);
    expect(results).toMatchObject({ score: 1, execution_time: 2.3, visibility: "visible", output: grade.notes[0] });
    expect(results.tests).toEqual([
      { name: "q1: visible <one>", number: "q1.1", score: 1, max_score: 1, visibility: "visible", output: "passed", tags: ["q1"] },
      { name: "q1: hidden one", number: "q1.2", score: 0, max_score: 2, visibility: "after_published", output: "failed: wrong value", tags: ["q1"] },
    ]);
    expect((gradescopeResults(grade, true).tests as Array<{ output: string }>)[1].output).toMatch(/expected 4\.25/);
    expect(gradeRowOf(results)).toEqual({ submission: grade.submission, questions: { q1: 1 }, total: 1 });
  });

  test("grades.csv quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(gradesCsv(["q1"], [{ submission: "b, c", questions: { q1: 1.5 }, total: 1.5 }, { submission: grade.submission, questions: {}, total: 0 }, { submission: "a", questions: { q1: 2 }, total: 2 }]))
      .toBe(`submission,q1,total\n'=cmd|' /C calc'!A0,0,0\na,2,2\n"b, c",1.5,1.5\n`);
  });

  test("feedback.html escapes everything and shows hidden cases without their message", () => {
    const html = feedbackHtml(grade, false);
    expect(html).toContain("visible &lt;one&gt;");
    expect(html).not.toContain("expected 4.25");
    expect(html).toContain(">wrong value</td>");
    expect(feedbackHtml(grade, true)).toContain("expected 4.25");
  });
});
