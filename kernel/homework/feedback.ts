// feedback.html: what a student reads about a graded submission — the score, each question's cases
// with points, the reason for every failed visible case, and for hidden cases only passed/failed
// and the kind of failure (never their code or expected values, unless the grader asks with
// --show-hidden). One self-contained page, no scripts, readable offline.

import { escapeHtml } from "../../src/display/common";
import { caseOutput, formatPoints, type SubmissionGrade } from "./results";

export function feedbackHtml(grade: SubmissionGrade, showHidden: boolean): string {
  const questions = grade.questions
    .map((q) => {
      const rows = q.cases
        .map((c) => {
          const hidden = c.visibility === "hidden" ? ' <span class="hidden-tag">hidden</span>' : "";
          const detail = caseOutput(c, showHidden);
          return (
            `<tr class="${c.passed ? "pass" : "fail"}"><td class="mark">${c.passed ? "✔" : "✘"}</td><td>${escapeHtml(c.name)}${hidden}</td>` +
            `<td class="num">${formatPoints(c.points)}/${formatPoints(c.maxPoints)}</td><td class="detail">${c.passed ? "" : escapeHtml(detail.replace(/^failed: /, ""))}</td></tr>`
          );
        })
        .join("\n");
      const notes = q.notes.length === 0 ? "" : `<ul class="notes">${q.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
      return (
        `<section class="question" id="${escapeHtml(q.id)}"><h2>${escapeHtml(q.id)} <span class="score">${formatPoints(q.points)}/${formatPoints(q.maxPoints)}</span></h2>${notes}` +
        `<table><thead><tr><th></th><th>case</th><th>points</th><th>why it failed</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`
      );
    })
    .join("\n");
  const error = grade.error ? `<p class="error">This submission could not be graded: ${escapeHtml(grade.error)}</p>` : "";
  const notes = grade.notes.length === 0 ? "" : `<h2>Notes</h2><ul class="notes">${grade.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
  const full = grade.score === grade.maxScore;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(grade.assignment)} — feedback for ${escapeHtml(grade.submission)}</title>
<style>
body { font-family: Inter, system-ui, sans-serif; color: #111827; max-width: 980px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
.total { font-size: 1.1rem; padding: .6rem 1rem; border-radius: 6px; background: ${full ? "#f0fdf4" : "#fef2f2"}; border-left: 5px solid ${full ? "#16a34a" : "#dc2626"}; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; table-layout: fixed; }
th:nth-child(1) { width: 1.5rem; } th:nth-child(2) { width: 32%; } th:nth-child(3) { width: 5rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
td.mark { width: 1.5rem; } tr.pass td.mark { color: #15803d; } tr.fail td.mark { color: #b91c1c; }
td.num { white-space: nowrap; font-family: ui-monospace, monospace; }
td.detail { font-family: ui-monospace, monospace; font-size: .82rem; color: #374151; overflow-wrap: anywhere; }
.hidden-tag { font-size: .75rem; color: #6b7280; border: 1px solid #d1d5db; border-radius: 4px; padding: 0 .3rem; }
.score { color: #4b5563; font-weight: 400; } .notes { color: #92400e; } .error { color: #b91c1c; font-weight: 600; }
.muted { color: #6b7280; font-size: .85rem; }
</style></head><body>
<h1>${escapeHtml(grade.assignment)} — ${escapeHtml(grade.submission)}</h1>
<p class="total">Score: <b>${formatPoints(grade.score)}</b> of ${formatPoints(grade.maxScore)} points</p>
${error}
${questions}
${notes}
<p class="muted">Graded by deepnotes: every case is judged outside your notebook's kernel. Hidden cases show whether they passed and, if not, the kind of failure.</p>
</body></html>
`;
}
