// Solution regions become stubs that keep signatures and types; hidden test regions leave the
// student's copy and are marked in the grader's; malformed markers are named by line.
import { describe, expect, test } from "vitest";
import { graderTestCell, markedLines, removeHiddenTests, sourceChecksum, stubSolutions } from "../../../kernel/homework/source";

describe("stubSolutions", () => {
  test("a region inside a function body becomes a throw at its indentation", () => {
    const source = [
      "function forward(x: Tensor, net: Net): Tensor {",
      "  // BEGIN SOLUTION",
      "  let h = x;",
      "  for (const layer of net.layers) h = layer(h);",
      "  return h;",
      "  // END SOLUTION",
      "}",
    ].join("\n");
    expect(stubSolutions(source, "cell 3")).toBe(['function forward(x: Tensor, net: Net): Tensor {', '  throw new Error("not implemented"); // YOUR CODE HERE', "}"].join("\n"));
  });

  test("top-level typed declarations keep their names and types, even arrow and generic types", () => {
    const source = [
      "// BEGIN SOLUTION",
      "const regions: number = (3 + 1) ** 2; // D = 3, K = 2",
      "let pick: (x: number) => number = (x) => { const y = x >= 0 ? x : -x; return y; };",
      "/* a comment */ const table: Map<string, number[]> = new Map([['a', [1, 2]]]);",
      "// END SOLUTION",
      "console.log(regions);",
    ].join("\n");
    expect(stubSolutions(source, "cell 5").split("\n")).toEqual([
      "const regions: number = undefined!; // YOUR ANSWER HERE",
      "let pick: (x: number) => number = undefined!; // YOUR ANSWER HERE",
      "const table: Map<string, number[]> = undefined!; // YOUR ANSWER HERE",
      "console.log(regions);",
    ]);
  });

  test("what cannot be stubbed is named", () => {
    expect(() => stubSolutions("const x = 1;", "cell 2")).toThrow('cell 2: a solution cell needs "// BEGIN SOLUTION" … "// END SOLUTION"');
    expect(() => stubSolutions("// BEGIN SOLUTION\nconst x = 1;\n// END SOLUTION", "cell 2")).toThrow(/cell 2, line 1: a solution region at the top level may hold only typed declarations/);
    expect(() => stubSolutions("// BEGIN SOLUTION\nconst x: number = 1\n// END SOLUTION", "cell 2")).toThrow(/end the declaration of "x" with ";"/);
    expect(() => stubSolutions("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "cell 2")).toThrow('cell 2, line 2: "// BEGIN SOLUTION" inside another one (line 1)');
    expect(() => stubSolutions("  // BEGIN SOLUTION\n", "cell 2")).toThrow('cell 2, line 1: "// BEGIN SOLUTION" is never closed by "// END SOLUTION"');
  });
});

describe("hidden tests", () => {
  const source = [
    'test("q1", (t) => {',
    '  t.equal("public", 1, () => f(1), 2);',
    "  // BEGIN HIDDEN TESTS",
    '  t.equal("hidden", 2, () => f(7), () => 14);',
    "  // END HIDDEN TESTS",
    "});",
  ].join("\n");

  test("the student's copy drops the region with its markers", () => {
    expect(removeHiddenTests(source, "cell 4")).toBe(['test("q1", (t) => {', '  t.equal("public", 1, () => f(1), 2);', "});"].join("\n"));
    expect(markedLines(source, "hidden")).toEqual(['  t.equal("hidden", 2, () => f(7), () => 14);']);
  });

  test("the grader's copy takes test from the harness global and marks the region", () => {
    const cell = graderTestCell(source, "cell 4");
    expect(cell.split("\n")[0]).toBe(
      '{ const { test, hidden: __deepnotesHidden } = (function (this: any) { return this; })()["__deepnotesGrader"] as { test: typeof import("deepnotes").test; hidden: (flag: boolean) => void };',
    );
    expect(cell).toContain("  __deepnotesHidden(true); // BEGIN HIDDEN TESTS\n");
    expect(cell).toContain("  __deepnotesHidden(false); // END HIDDEN TESTS\n");
    expect(cell.endsWith("});\n}")).toBe(true);
  });
});

test("checksums ignore line endings and trailing white space, nothing else", () => {
  expect(sourceChecksum("a = 1;  \r\nb = 2;\n\n")).toBe(sourceChecksum("a = 1;\nb = 2;"));
  expect(sourceChecksum("a = 1;")).not.toBe(sourceChecksum("a = 2;"));
});
