// The reproduction report's summary page: each claim's row carries its statement, the expected value
// with the source it comes from, the measured value and the verdict — all escaped, since statements
// and references are free text written in notebooks.

import { describe, expect, test } from "vitest";
import type { CollectedClaim } from "../../kernel/collect";
import { indexHtml, summaryLine, type ReportSummary } from "../../kernel/report";

const claims: CollectedClaim[] = [
  {
    id: "kl-rate", lecture: 2, item: "KLD", statement: "D_KL[p + εv ‖ p] ≈ ½ε² Σ v²/p", measured: [2.0001], expected: [2], atol: 0.01,
    reference: "closed form: Fisher information <Σ v²/p> & its slope", passed: true, detail: "within", notebook: "02-loss-functions", cellIndex: 23,
  },
  {
    id: "regions-bound", lecture: 1, item: "Obszary liniowe", statement: "regions < (D+1)^K", measured: 17, expected: 16, relation: "<=",
    reference: "closed form ∏(D_k + 1) \"per layer\"", passed: false, detail: "fails at index 0", notebook: "01-deep-networks", cellIndex: 13,
  },
];
const summary: ReportSummary = {
  ok: false,
  notebooks: [
    { notebook: "01-deep-networks", ok: true, seconds: 12.5, claims: 1, failedClaims: 1 },
    { notebook: "02-loss-functions", ok: true, seconds: 101.2, claims: 1, failedClaims: 0 },
  ],
  claims,
  errata: [],
};

/** The claims table's body rows, one string per claim. */
function claimRows(html: string): string[] {
  const table = html.split("<h2>Claims</h2>")[1].split("</table>")[0];
  return table.split("<tbody>")[1].split("</tr>").filter((row) => row.includes("<td"));
}

describe("indexHtml", () => {
  test("a claim's row shows its reference, expected and measured values and its verdict, escaped", () => {
    const html = indexHtml(summary);
    expect(html).toContain("<th>source of the expected value</th>");
    const [passed, failed] = claimRows(html);
    expect(passed).toContain('<tr class="pass">');
    expect(passed).toContain('<td class="source">closed form: Fisher information &lt;Σ v²/p&gt; &amp; its slope</td>');
    expect(passed).toContain('<td class="num">[2] ± 0.01</td><td class="num">[2.00010]</td>');
    expect(passed).toContain('<td class="verdict">✔ reproduced</td>');
    expect(passed).toContain('<a href="02-loss-functions.html#cell-23">kl-rate</a>');
    expect(failed).toContain('<tr class="fail">');
    expect(failed).toContain('<td class="source">closed form ∏(D_k + 1) &quot;per layer&quot;</td>');
    expect(failed).toContain('<td class="num">&lt;= 16</td><td class="num">17</td>');
    expect(failed).toContain('<td class="verdict">✘ failed</td>');
    expect(html).not.toContain("<Σ v²/p>");
  });

  test("the summary line counts reproduced and failed claims", () => {
    expect(summaryLine(summary)).toBe("1 claims reproduced, 1 failed; 2 notebooks ran");
    expect(indexHtml(summary)).toContain("1 claims reproduced, 1 failed; 2 notebooks ran");
  });
});
