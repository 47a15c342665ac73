// iopub messages to nbformat outputs, and tslab's stderr-only errors to error outputs, without a kernel.
import { describe, expect, test } from "vitest";
import { CellOutputCollector, NotebookOutputs, parseErrorText } from "../../../kernel/runner/outputs";
import { createMessage, parse, serialize } from "../../../kernel/runner/wire";

/** A message as the client receives it: serialized and parsed back, signature checked. */
const message = (msgType: string, content: Record<string, unknown>) => parse(serialize(createMessage(msgType, content, "session"), "key"), "key");
const stdout = (text: string) => message("stream", { name: "stdout", text });
const stderr = (text: string) => message("stream", { name: "stderr", text });

describe("CellOutputCollector", () => {
  test("consecutive streams of the same name merge; other outputs keep their place", () => {
    const cell = new CellOutputCollector(new NotebookOutputs());
    cell.add(stdout("a"));
    cell.add(stdout("b\n"));
    cell.add(stderr("warn\n"));
    cell.add(message("execute_result", { execution_count: 3, data: { "text/plain": "42" }, metadata: {} }));
    cell.add(stdout("c\n"));
    cell.add(message("status", { execution_state: "idle" }));
    expect(cell.outputs()).toEqual([
      { output_type: "stream", name: "stdout", text: "ab\n" },
      { output_type: "stream", name: "stderr", text: "warn\n" },
      { output_type: "execute_result", execution_count: 3, data: { "text/plain": "42" }, metadata: {} },
      { output_type: "stream", name: "stdout", text: "c\n" },
    ]);
  });

  test("update_display_data replaces the output with the same display_id, also in an earlier cell", () => {
    const displays = new NotebookOutputs();
    const first = new CellOutputCollector(displays);
    const second = new CellOutputCollector(displays);
    first.add(message("display_data", { data: { "text/plain": "0 %" }, metadata: {}, transient: { display_id: "bar" } }));
    second.add(message("update_display_data", { data: { "text/plain": "100 %" }, metadata: { done: true }, transient: { display_id: "bar" } }));
    second.add(message("update_display_data", { data: { "text/plain": "?" }, metadata: {}, transient: { display_id: "unknown" } }));
    expect(first.outputs()).toEqual([{ output_type: "display_data", data: { "text/plain": "100 %" }, metadata: { done: true } }]);
    expect(second.outputs()).toEqual([]);
  });

  test("clear_output clears now, or at the next output with wait", () => {
    const cell = new CellOutputCollector(new NotebookOutputs());
    cell.add(stdout("old\n"));
    cell.add(message("clear_output", { wait: true }));
    expect(cell.outputs()).toHaveLength(1);
    cell.add(stdout("new\n"));
    expect(cell.outputs()).toEqual([{ output_type: "stream", name: "stdout", text: "new\n" }]);
    cell.add(message("clear_output", { wait: false }));
    expect(cell.outputs()).toEqual([]);
  });

  test("the error tslab printed last leaves stderr; earlier stderr stays", () => {
    const cell = new CellOutputCollector(new NotebookOutputs());
    cell.add(stderr("a warning\n"));
    cell.add(stdout("partial\n"));
    cell.add(stderr("TypeError: f is not a function\n    at evalmachine.<anonymous>:3:1\n"));
    expect(cell.takeErrorFromStderr()).toEqual({
      output_type: "error",
      ename: "TypeError",
      evalue: "f is not a function",
      traceback: ["TypeError: f is not a function", "    at evalmachine.<anonymous>:3:1"],
    });
    expect(cell.outputs()).toEqual([
      { output_type: "stream", name: "stderr", text: "a warning\n" },
      { output_type: "stream", name: "stdout", text: "partial\n" },
    ]);
  });

  test("TypeScript diagnostics (one message each) all belong to the error", () => {
    const cell = new CellOutputCollector(new NotebookOutputs());
    cell.add(stderr("1:7 - Type 'string' is not assignable to type 'number'.\n"));
    cell.add(stderr("2:1 - Cannot find name 'foo'.\n"));
    expect(cell.takeErrorFromStderr()).toMatchObject({
      ename: "Error",
      evalue: "1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'foo'.",
    });
    expect(cell.outputs()).toEqual([]);
  });
});

describe("parseErrorText", () => {
  test("Node's source excerpt before the error, the kernel's frames and extra properties", () => {
    const text = [
      "evalmachine.<anonymous>:6",
      "throw e;",
      "^",
      "",
      "RangeError: bad range",
      "second line",
      "    at evalmachine.<anonymous>:3:11",
      "    at Script.runInThisContext (node:vm:135:14)",
      "    at Object.execute (/repo/node_modules/tslab/dist/executor.js:160:38) {",
      "  code: 'E_RANGE'",
      "}",
    ].join("\n");
    expect(parseErrorText(text)).toEqual({
      output_type: "error",
      ename: "RangeError",
      evalue: "bad range\nsecond line",
      traceback: [
        "evalmachine.<anonymous>:6",
        "throw e;",
        "^",
        "",
        "RangeError: bad range",
        "second line",
        "    at evalmachine.<anonymous>:3:11 {",
        "  code: 'E_RANGE'",
        "}",
      ],
    });
  });

  test("plain Error, error codes, custom error classes, thrown non-errors", () => {
    expect(parseErrorText("Error: boom\n    at x (y.js:1:1)\n")).toMatchObject({ ename: "Error", evalue: "boom" });
    expect(parseErrorText("Error [ERR_SCRIPT_EXECUTION_INTERRUPTED]: Script execution was interrupted by `SIGINT`")).toMatchObject({
      ename: "Error",
      evalue: "Script execution was interrupted by `SIGINT`",
    });
    expect(parseErrorText("ShapeError: shapes (2,3) and (4,5)")).toMatchObject({ ename: "ShapeError", evalue: "shapes (2,3) and (4,5)" });
    expect(parseErrorText("a string\n")).toEqual({ output_type: "error", ename: "Error", evalue: "a string", traceback: ["a string"] });
    expect(parseErrorText("Loss: 0.5")).toMatchObject({ ename: "Error", evalue: "Loss: 0.5" });
  });
});
