// Reading notebooks: every kind of bad input gets one sentence that names the file, the cell (by
// number and id) and what is wrong; valid notebooks of nbformat 4.4 (no cell ids) and 4.5 (ids
// required) are both accepted. Fixtures: test/kernel/fixtures/invalid/.
import * as fs from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readNotebook } from "../../../kernel/runner/read-notebook";
import { findProblem } from "../../../kernel/runner/validate";

const fixtures = join(__dirname, "..", "fixtures");
const invalid = (name: string) => join(fixtures, "invalid", `${name}.ipynb`);

describe("readNotebook: bad input, one clear sentence each", () => {
  const cases: Array<[string, string]> = [
    ["binary", "not a notebook: the file is not UTF-8 text (a notebook is JSON text; is this a binary file?)"],
    ["not-an-object", 'the file is JSON but not a notebook: a notebook is an object with "cells", "metadata" and "nbformat", this is a list'],
    [
      "nbformat3",
      "this notebook is in the old format nbformat 3 (IPython 2 or earlier); deepnotes reads nbformat 4 — open and save it in Jupyter, or convert it with `jupyter nbconvert --to notebook --nbformat 4`",
    ],
    ["no-cells", 'the notebook has no "cells" list (every notebook has one, even an empty one)'],
    ["unknown-cell-type", 'cell 2 (id "h") has cell_type "heading", which nbformat 4 does not have (it must be "code", "markdown" or "raw")'],
    ["source-number", 'cell 2 (id "sum"): "source" must be a string or a list of strings, it is a number (42)'],
    ["source-list-number", 'cell 1 (id "sum"): "source" must be a string or a list of strings, item 2 of the list is a number (2)'],
    [
      "missing-id",
      'cell 2 has no "id"; nbformat 4.5 requires a unique id on every cell (Jupyter adds them when it saves the notebook; or set "nbformat_minor" to 4, which has no ids)',
    ],
    ["duplicate-id", 'cells 2 and 4 have the same id "step"; every cell needs its own id'],
    ["id-in-v4.4", 'cell 1 (id "c") has an "id", but nbformat 4.4 has no cell ids (set "nbformat_minor" to 5, the version with ids)'],
    ["missing-metadata", 'cell 1 (id "c") is missing the field "metadata"'],
    ["bad-output-type", 'cell 1 (id "print"), output 1 has output_type "pyout" (it must be one of "execute_result", "display_data", "stream", "error")'],
    ["bad-output", 'cell 1 (id "print"), output 2 (display_data): data["image/png"] must be a string or a list of strings'],
    ["stream-without-text", 'cell 1 (id "print"), output 1 (stream) is missing the field "text"'],
    ["bad-timeout", 'cell 2 (id "train"): its metadata deepnotes.timeout must be a number of seconds, or an object like {"default": 600, "full": 7200}; got "10 min"'],
  ];
  test.each(cases)("%s.ipynb", (name, message) => {
    expect(() => readNotebook(invalid(name))).toThrow(new Error(`${invalid(name)}: ${message}`));
  });

  test("a JSON syntax error keeps its line and column; a missing file says so", () => {
    expect(() => readNotebook(join(fixtures, "malformed.ipynb"))).toThrow(`${join(fixtures, "malformed.ipynb")}: not valid JSON (Unexpected token ',' at line 3 column 13)`);
    expect(() => readNotebook(join(fixtures, "nope.ipynb"))).toThrow(`${join(fixtures, "nope.ipynb")}: cannot read the file (ENOENT`);
  });
});

describe("readNotebook: valid notebooks", () => {
  test("nbformat 4.4 without cell ids, and a file that starts with a byte-order mark", () => {
    expect(readNotebook(join(fixtures, "v4.4-no-ids.ipynb")).cells).toHaveLength(3);
    expect(readNotebook(join(fixtures, "bom.ipynb")).cells[0].source).toBe("saved with a byte-order mark");
  });

  test("every lecture notebook and every runner fixture is valid under the official schema", () => {
    const notebooks = join(__dirname, "..", "..", "..", "notebooks");
    const files = [
      ...fs.readdirSync(notebooks).filter((f) => f.endsWith(".ipynb")).map((f) => join(notebooks, f)),
      ...fs.readdirSync(fixtures).filter((f) => f.endsWith(".ipynb") && f !== "malformed.ipynb").map((f) => join(fixtures, f)),
    ];
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) expect(findProblem(JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""))), file).toBeNull();
  });

  test("the schema itself catches what the targeted checks do not (a wrong nbformat_minor type, a bad id)", () => {
    const cell = { cell_type: "code", id: "a b", metadata: {}, execution_count: null, outputs: [], source: "" };
    expect(findProblem({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] })).toBe('cell 1 (id "a b"): id may only use letters, digits, "-" and "_"');
    expect(findProblem({ nbformat: 4, nbformat_minor: "5", metadata: {}, cells: [] })).toBe('"nbformat_minor" must be a whole number (4 or 5 for today\'s Jupyter), it is "5"');
    expect(findProblem({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "x" } }, cells: [] })).toBe(
      'metadata.kernelspec is missing the field "display_name"',
    );
  });
});
