// kernel/tslab-shorthand.js: shorthand properties written out before tslab compiles a cell, checked
// by evaluating each snippet as typed and as expanded (plain JavaScript, no tslab), by the positions
// of a diagnostic, and end to end in a real kernel, where `{ seed }` naming an earlier cell's
// variable failed with "ReferenceError: seed is not defined" before.
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import type { CodeCell } from "../../kernel/notebook-format";
import { runNotebook } from "../../kernel/runner/runner";
import { expandShorthandProperties, typedPosition } from "../../kernel/tslab-shorthand.js";

const expand = (src: string) => expandShorthandProperties(ts, src).code;

/** What a snippet (a function body with `seed`, `a`, `b` in scope) returns, as JSON. */
const evaluate = (src: string): unknown => runInNewContext(`JSON.stringify((function (seed, a, b) { "use strict"; ${src} })(3, 0, 0))`);

describe("expandShorthandProperties", () => {
  test.each([
    ["const o = { seed };", "const o = { seed: seed };"],
    ["({ a = 1, b } = { b: 2 });", "({ a: a = 1, b: b } = { b: 2 });"],
    ["const o = { x: { seed }, seed: 1 };", "const o = { x: { seed: seed }, seed: 1 };"],
    ["f(`${JSON.stringify({ seed })}`);", "f(`${JSON.stringify({ seed: seed })}`);"],
  ])("writes out %s", (typed, expanded) => {
    expect(expand(typed)).toBe(expanded);
  });

  test.each([
    "const { a, b } = o;", // a binding pattern declares names: nothing to resolve
    "const s = \"{ seed }\"; // { seed }",
    "const t = `{ seed }`;",
    "function f({ seed }: { seed: number }) { return seed; }",
  ])("leaves %s alone", (typed) => {
    expect(expand(typed)).toBe(typed);
  });

  test.each([
    "return { seed, nested: { seed, a } };",
    "({ a = 7, b } = { b: 5 }); return [a, b];",
    "({ a, b = 9 } = { a: 4 }); return [a, b];",
    "const [x] = [{ seed }]; return x;",
  ])("gives the same value as typed: %s", (typed) => {
    expect(evaluate(expand(typed))).toEqual(evaluate(typed));
  });

  test("a diagnostic's position maps back to the column as typed", () => {
    const typed = "const p = { seed, a }; const n: number = \"x\";";
    const { code, insertions } = expandShorthandProperties(ts, typed);
    const offset = code.indexOf("n: number");
    const position = typedPosition(typed, insertions, { offset, line: 0, character: offset });
    expect(position).toEqual({ offset: typed.indexOf("n: number"), line: 0, character: typed.indexOf("n: number") });
    // a position inside an inserted `: seed` maps to where it was inserted
    expect(typedPosition(typed, insertions, { offset: code.indexOf(": seed") + 3, line: 0, character: 0 }).offset).toBe(typed.indexOf("seed") + 4);
  });

  test("positions on later lines keep their line and column", () => {
    const typed = "const o = { seed };\nconst q = { a };\nconst n: number = \"x\";";
    const { code, insertions } = expandShorthandProperties(ts, typed);
    const position = typedPosition(typed, insertions, { offset: code.indexOf("n: number"), line: 2, character: 6 });
    expect(position).toMatchObject({ offset: typed.indexOf("n: number"), line: 2, character: 6 });
  });
});

describe("in a deepnotes kernel", () => {
  test("a shorthand property names an earlier cell's variable; a type error after one points at its typed column", async () => {
    const result = await runNotebook(join(__dirname, "fixtures", "shorthand.ipynb"), { continueOnError: true });
    const cells = result.notebook.cells.filter((c): c is CodeCell => c.cell_type === "code");
    expect(cells[1].outputs).toEqual([{ output_type: "stream", name: "stdout", text: '[{"seed":3,"twice":{"seed":3}},1,2]\n' }]);
    const typed = cells[2].source as string;
    expect(cells[2].outputs).toEqual([expect.objectContaining({ output_type: "error", evalue: `1:${typed.indexOf("n: number") + 1} - Type 'string' is not assignable to type 'number'.` })]);
  }, 60_000);
});
