import { describe, expect, test } from "vitest";
import { injectParameters, parseParameterValue } from "../../../kernel/runner/parameters";
import type { Notebook } from "../../../kernel/notebook-format";

const notebook = (tags: string[] | undefined): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", metadata: {}, source: "# t" },
    { cell_type: "code", metadata: tags ? { tags } : {}, execution_count: null, outputs: [], source: "const full = false;" },
    { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: "console.log(full)" },
  ],
});

describe("papermill-style parameters", () => {
  test("values parse as JSON when they are JSON, else stay strings", () => {
    expect([parseParameterValue("true"), parseParameterValue("4"), parseParameterValue("[1,2]"), parseParameterValue("adam")]).toEqual([true, 4, [1, 2], "adam"]);
  });

  test("the overrides are injected right after the parameters cell and recorded in the metadata", () => {
    const out = injectParameters(notebook(["parameters"]), { full: true, widths: [2, 4] }, "x.ipynb");
    expect(out.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "code", "code"]);
    expect(out.cells[2]).toMatchObject({ id: "injected-parameters", metadata: { tags: ["injected-parameters"] } });
    expect(out.cells[2].source).toBe("// Parameters injected by the runner (-p NAME VALUE)\nconst full = true;\nconst widths = [2,4];");
    expect(out.metadata.parameters).toEqual({ full: true, widths: [2, 4] });
  });

  test("no parameters, no change; a notebook without a parameters cell or a bad name is an error naming the file", () => {
    const nb = notebook(undefined);
    expect(injectParameters(nb, {}, "x.ipynb")).toBe(nb);
    expect(() => injectParameters(nb, { full: true }, "x.ipynb")).toThrow('x.ipynb: no code cell is tagged "parameters", so -p full cannot be applied');
    expect(() => injectParameters(notebook(["parameters"]), { "a-b": 1 }, "x.ipynb")).toThrow('x.ipynb: parameter name "a-b" is not a valid identifier');
  });
});
