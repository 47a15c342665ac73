// The module that src/ and kernel/ share: HTML escaping safe in attributes as well as in content,
// JSON that cannot end a <script>, and how claim values and expectations are written.
import { describe, expect, test } from "vitest";
import { describeExpectation, escapeHtml, formatClaimValue, scriptJson } from "../../src/display/common";
import { claim, erratum } from "../../src/index";
import { enterNotebook, leaveNotebook, type SentDisplay } from "../helpers/fake-notebook";

describe("escapeHtml", () => {
  test("escapes the five characters that matter in content and in quoted attributes", () => {
    expect(escapeHtml(`<b title="x">Tom's & Jerry's</b>`)).toBe("&lt;b title=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/b&gt;");
  });

  test("a value with quotes cannot leave the attribute it is placed in", () => {
    const attack = `x" onmouseover="alert(1)' y='z`;
    const tag = `<span title="${escapeHtml(attack)}" data-x='${escapeHtml(attack)}'>`;
    expect(tag).toBe(`<span title="x&quot; onmouseover=&quot;alert(1)&#39; y=&#39;z" data-x='x&quot; onmouseover=&quot;alert(1)&#39; y=&#39;z'>`);
    expect(tag.match(/["']/g)).toHaveLength(4); // only the two pairs of delimiting quotes
  });

  test("claim and erratum verdicts escape quotes in their HTML (they used to pass them through)", () => {
    const sent: SentDisplay[] = [];
    enterNotebook(sent);
    try {
      claim("quoted", { lecture: 1, item: `"Twierdzenie" 1`, statement: "it's one", measured: 1, expected: 1, reference: "a < b's \"source\"" });
      erratum({ lecture: 1, location: `Wzór "1.1"`, text: "a < b", correction: "a ≤ b" });
    } finally {
      leaveNotebook();
    }
    const [claimHtml, erratumHtml] = sent.map((m) => m.data["text/html"] as string);
    expect(claimHtml).toContain("Lecture 1 · &quot;Twierdzenie&quot; 1</span> it&#39;s one");
    expect(claimHtml).toContain("(a &lt; b&#39;s &quot;source&quot;)</span>");
    expect(erratumHtml).toContain("lecture 1, Wzór &quot;1.1&quot;</b>: the notes say “a &lt; b”");
    expect(sent[0].data["text/plain"]).toContain(`"Twierdzenie" 1: it's one`); // plain text as written
  });
});

describe("scriptJson", () => {
  test("no '<' survives, and the JSON parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script><!--" };
    const json = scriptJson(value);
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("claim values", () => {
  test("integers as they are, other numbers to 6 significant digits, long arrays abbreviated", () => {
    expect(formatClaimValue(3)).toBe("3");
    expect(formatClaimValue(1 / 3)).toBe("0.333333");
    expect(formatClaimValue(1e-7)).toBe("1.0000e-7");
    expect(formatClaimValue(true)).toBe("true");
    expect(formatClaimValue([1, 0.5])).toBe("[1, 0.500000]");
    expect(formatClaimValue([1, 2, 3, 4, 5, 6, 7])).toBe("[1, 2, 3, … 7 values]");
  });

  test("an expectation: value with tolerances, or a relation", () => {
    expect(describeExpectation({ expected: 0.5, atol: 0.001 })).toBe("0.500000 ± 0.001");
    expect(describeExpectation({ expected: 2, rtol: 1e-6 })).toBe("2 (rtol 0.000001)");
    expect(describeExpectation({ expected: 3, relation: "<" })).toBe("< 3");
    expect(describeExpectation({ expected: 0.29, atol: 0.0030380205150027026 })).toBe("0.290000 ± 0.00304");
    expect(describeExpectation({ expected: 0, atol: 1e-12 })).toBe("0 ± 1e-12");
  });
});
