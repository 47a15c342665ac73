// kernel/tslab-shown-values.js: a cell's last value that the library already displayed (a check
// result) is not printed again as text; every other value, and a cell's own console.log, still is —
// on a stand-in executor, and end to end in a real kernel, where a cell ending in check("q1") showed
// the verdict table and then the verdict object dumped below it.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { CodeCell } from "../../kernel/notebook-format";
import { runNotebook } from "../../kernel/runner/runner";
import { alreadyShown, patchExecutor } from "../../kernel/tslab-shown-values.js";
import { SHOWN } from "../../src/display/common";

const shown = () => Object.defineProperty({ question: "q1" }, SHOWN, { value: true });

describe("alreadyShown", () => {
  test("a marked object, or an array of only marked objects", () => {
    expect(alreadyShown(shown())).toBe(true);
    expect(alreadyShown([shown(), shown()])).toBe(true);
    expect(alreadyShown([shown(), { question: "q2" }])).toBe(false);
    expect(alreadyShown([])).toBe(false);
    expect(alreadyShown({ question: "q1" })).toBe(false);
    expect(alreadyShown(null)).toBe(false);
    expect(alreadyShown(42)).toBe(false);
  });
});

describe("patchExecutor", () => {
  test("the executor's log skips shown values and passes everything else on unchanged", () => {
    const logged: unknown[][] = [];
    let given: { log: (...v: unknown[]) => void; error: (...v: unknown[]) => void } | undefined;
    const module = { createExecutor: (_root: string, _convs: unknown, output: typeof given) => (given = output) };
    patchExecutor(module);
    const error = () => {};
    (module.createExecutor as (r: string, c: unknown, o: object) => unknown)("/", null, { log: (...v: unknown[]) => logged.push(v), error });
    given!.log(shown());
    given!.log([shown()]);
    given!.log({ answer: 42 });
    given!.log(shown(), "and more");
    expect(logged).toEqual([[{ answer: 42 }], [{ question: "q1" }, "and more"]]);
    expect(given!.error).toBe(error);
  });
});

describe("in a deepnotes kernel", () => {
  test("test() and check() show their verdict once; other values and console.log print", async () => {
    const result = await runNotebook(join(__dirname, "fixtures", "shown-values.ipynb"));
    const outputs = result.notebook.cells.filter((c): c is CodeCell => c.cell_type === "code").map((c) => c.outputs.map((o) => (o.output_type === "stream" ? `${o.name}: ${o.text as string}` : o.output_type)));
    expect(outputs).toEqual([
      ["display_data"], // test("q1", …);
      ["display_data"], // check("q1")
      ["display_data"], // check(): every question
      ["stdout: { answer: 42 }\n"], // any other value
      ["display_data", "stdout: 1\n"], // console.log(check("q1").points)
    ]);
  }, 60_000);
});
