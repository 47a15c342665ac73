// Output limits, message by message: what is kept, what is dropped and counted, the notice that
// names the limit, and that a dropped stderr message still yields tslab's error. The floods that
// motivated the limits are run against a real kernel in runner-floods.test.ts.
import { describe, expect, test } from "vitest";
import { joinSource, type Output } from "../../../kernel/notebook-format";
import { DEFAULT_OUTPUT_LIMITS, parseLimitSetting, type OutputLimits } from "../../../kernel/runner/output-limits";
import { CellOutputCollector, NotebookOutputs } from "../../../kernel/runner/outputs";
import { readStreamText } from "../../../kernel/runner/stream-text";
import { createMessage, parse, serialize } from "../../../kernel/runner/wire";

const message = (msgType: string, content: Record<string, unknown>) => parse(serialize(createMessage(msgType, content, "s"), "k"), "k");
const stdout = (text: string) => message("stream", { name: "stdout", text });
const stderr = (text: string) => message("stream", { name: "stderr", text });
const display = (text: string, id?: string) => message("display_data", { data: { "text/plain": text }, metadata: {}, ...(id && { transient: { display_id: id } }) });
const update = (text: string, id: string) => message("update_display_data", { data: { "text/plain": text }, metadata: {}, transient: { display_id: id } });

/** The text of a stream output ("" for any other output). */
function textOf(output: Output): string {
  return output.output_type === "stream" ? joinSource(output.text) : "";
}

function cellWith(limits: Partial<OutputLimits>, notebook = new NotebookOutputs(limits)) {
  return { notebook, cell: new CellOutputCollector(notebook) };
}

describe("stream text limits", () => {
  test("a cell keeps its first cellStreamBytes bytes; the notice says how much was dropped and which limit to raise", () => {
    const { cell } = cellWith({ cellStreamBytes: 10 });
    cell.add(stdout("hello\n"));
    cell.add(stdout("world\n"));
    cell.add(stdout("more\n"));
    cell.finish();
    expect(cell.outputs()).toEqual([
      {
        output_type: "stream",
        name: "stdout",
        text:
          "hello\nworl\n[deepnotes] This cell produced more output than the runner records; the rest was dropped:\n" +
          "- 7 bytes of printed text (stdout/stderr) — limit cellStreamBytes = 10 bytes per cell\n" +
          "To record more, raise the limit: --limit cellStreamBytes=100 on the deepnotes command line (or outputLimits in RunOptions).\n",
      },
    ]);
  });

  test("the notebook limit spans cells; text is never cut inside a character", () => {
    const notebook = new NotebookOutputs({ notebookStreamBytes: 9 });
    const first = new CellOutputCollector(notebook);
    first.add(stdout("ab\n"));
    const second = new CellOutputCollector(notebook);
    second.add(stdout("ééé€")); // 2 + 2 + 2 + 3 bytes; 6 bytes of room left
    second.add(stdout("x"));
    second.finish();
    expect(textOf(second.outputs()[0])).toMatch(/^ééé\n\[deepnotes\][^]*- 4 bytes of printed text \(stdout\/stderr\) — limit notebookStreamBytes = 9 bytes per notebook\n/);
  });

  test("clear_output gives the room back", () => {
    const { cell } = cellWith({ cellStreamBytes: 4 });
    for (let i = 0; i < 100; i++) {
      cell.add(message("clear_output", { wait: true }));
      cell.add(stdout(`${i % 10}%\n`));
    }
    cell.finish();
    expect(cell.outputs()).toEqual([{ output_type: "stream", name: "stdout", text: "9%\n" }]);
  });

  test("tslab's error on stderr is still read when the limit dropped it", () => {
    const { cell } = cellWith({ cellStreamBytes: 8 });
    cell.add(stdout("x".repeat(100)));
    cell.add(stderr("RangeError: too far\n    at evalmachine.<anonymous>:1:7\n"));
    cell.finish();
    expect(cell.takeErrorFromStderr()).toMatchObject({ ename: "RangeError", evalue: "too far" });
    expect(cell.outputs().map((o) => o.output_type)).toEqual(["stream"]);
  });

  test("lone surrogates (printable by JavaScript, not by UTF-8) become U+FFFD", () => {
    const { cell } = cellWith({});
    cell.add(stdout("a\ud800b\udc00c"));
    expect(cell.outputs()).toEqual([{ output_type: "stream", name: "stdout", text: "a\ufffdb\ufffdc" }]);
  });
});

describe("reading part of a huge stream message", () => {
  // Every kind of JSON escape and UTF-8 length, so a cut can fall inside any of them.
  const unit = 'a\n"q"\\ é€😀\u0001\ttab ';
  const text = unit.repeat(20_000); // ~500 kB of text, ~640 kB of JSON

  test.each([0, 1, 7, 100, 1001, 4096, 65_537])("a %i-byte prefix is a prefix of the text, whole characters only", (maxBytes) => {
    const big = stdout(text);
    expect(big.contentFrame.length).toBeGreaterThan(maxBytes + 64 * 1024); // the path that does not parse the frame
    const read = readStreamText(big, maxBytes);
    expect(text.startsWith(read.text)).toBe(true);
    const bytes = Buffer.byteLength(read.text);
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    // Escapes take more bytes in JSON than in the text, so a prefix of the frame decodes to a bit less.
    expect(bytes).toBeGreaterThanOrEqual(Math.floor(maxBytes * 0.6) - 12);
    expect(read.name).toBe("stdout");
    expect(read.totalBytes).toBe(big.contentFrame.length);
  });

  test("stderr is recognised without parsing the frame", () => {
    expect(readStreamText(stderr(text), 10).name).toBe("stderr");
  });
});

describe("display limits", () => {
  test("displays past cellDisplays are dropped and counted", () => {
    const { cell } = cellWith({ cellDisplays: 2 });
    for (const text of ["a", "b", "c", "d"]) cell.add(display(text));
    cell.finish();
    const outputs = cell.outputs();
    expect(outputs.slice(0, 2).map((o) => o.output_type === "display_data" && o.data["text/plain"])).toEqual(["a", "b"]);
    expect(outputs[2]).toMatchObject({ output_type: "stream", name: "stdout" });
    expect(textOf(outputs[2])).toContain("- 2 display outputs (");
    expect(textOf(outputs[2])).toContain("— limit cellDisplays = 2 per cell\nTo record more, raise the limit: --limit cellDisplays=20 on the deepnotes command line");
  });

  test("100,000 updates of one display leave one output with the last state, and drop nothing", () => {
    const { cell, notebook } = cellWith({});
    cell.add(display("step 0", "bar"));
    for (let i = 1; i < 100_000; i++) cell.add(update(`step ${i}`, "bar"));
    cell.finish();
    expect(cell.outputs()).toEqual([{ output_type: "display_data", data: { "text/plain": "step 99999" }, metadata: {} }]);
    expect(notebook.budget.displays).toBe(1);
    expect(notebook.budget.displayBytes).toBe(update("step 99999", "bar").contentFrame.length);
  });

  test("an update that would pass a byte limit is dropped; the display keeps its last state that fit", () => {
    const { cell } = cellWith({ cellDisplayBytes: 200 });
    cell.add(display("small", "fig"));
    cell.add(update("x".repeat(500), "fig"));
    cell.add(update("still small", "fig"));
    cell.finish();
    const [shown, notice] = cell.outputs();
    expect(shown).toMatchObject({ data: { "text/plain": "still small" } });
    expect(textOf(notice)).toContain("- 1 display output or update (");
    expect(textOf(notice)).toContain("— limit cellDisplayBytes = 200 bytes per cell");
  });

  test("an update from a later cell counts against the cell that shows the display", () => {
    const notebook = new NotebookOutputs({ cellDisplayBytes: 300 });
    const first = new CellOutputCollector(notebook);
    first.add(display("a", "fig"));
    const second = new CellOutputCollector(notebook);
    second.add(display("b".repeat(150))); // this cell's own bytes do not matter for the update
    second.add(update("c".repeat(200), "fig"));
    expect(first.outputs()[0]).toMatchObject({ data: { "text/plain": "c".repeat(200) } });
    expect(first.displayBytes).toBe(update("c".repeat(200), "fig").contentFrame.length);
  });
});

describe("--limit NAME=VALUE", () => {
  test("sizes take units, counts are whole numbers", () => {
    expect(parseLimitSetting("cellStreamBytes=5MB")).toEqual(["cellStreamBytes", 5_000_000]);
    expect(parseLimitSetting("notebookDisplayBytes=512kB")).toEqual(["notebookDisplayBytes", 512_000]);
    expect(parseLimitSetting("cellStreamBytes=2MiB")).toEqual(["cellStreamBytes", 2 * 1024 * 1024]);
    expect(parseLimitSetting("cellDisplays=20")).toEqual(["cellDisplays", 20]);
    expect(() => parseLimitSetting("cellDisplays=5MB")).toThrow('--limit cellDisplays: expected a whole number, got "5MB"');
    expect(() => parseLimitSetting("cellStreamBytes=0")).toThrow('--limit cellStreamBytes: must be positive, got "0"');
    expect(() => parseLimitSetting("streams=1")).toThrow(`expected --limit NAME=VALUE with NAME one of ${Object.keys(DEFAULT_OUTPUT_LIMITS).join(", ")}; got "streams=1"`);
  });
});
