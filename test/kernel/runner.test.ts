// The headless runner against real tslab kernels, one fixture notebook per behaviour. Each kernel
// start costs ~1.5 s, so fixtures combine cases (hanging.ipynb: an infinite loop, a promise that
// never resolves, then a cell that proves the kernel survived) and the passing and failing
// notebooks are run once, together, by runNotebooks with two jobs.
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { CodeCell, ErrorOutput, Output } from "../../kernel/notebook-format";
import { runNotebook, runNotebooks, type RunResult } from "../../kernel/runner/runner";
import { errorOutput, IDLE_MISSING_NOTICE } from "../../kernel/runner/cell-execution";
import { HOW_TO_RAISE } from "../../kernel/runner/timeouts";
import { findProblem } from "../../kernel/runner/validate";

const fixture = (name: string) => join(__dirname, "fixtures", `${name}.ipynb`);

function codeCells(result: RunResult): CodeCell[] {
  return result.notebook.cells.filter((cell): cell is CodeCell => cell.cell_type === "code");
}

function errorOf(outputs: Output[]): ErrorOutput | undefined {
  return outputs.find((output): output is ErrorOutput => output.output_type === "error");
}

describe("runNotebooks with two jobs: a passing and a failing notebook", () => {
  let passing: RunResult;
  let failing: RunResult;
  let wallSeconds: number;

  beforeAll(async () => {
    const begin = performance.now();
    [passing, failing] = await runNotebooks([fixture("passing"), fixture("failing")], { jobs: 2 });
    wallSeconds = (performance.now() - begin) / 1000;
  }, 60_000);

  test("results come back in input order, and both kernels ran at the same time", () => {
    expect(passing.path).toBe(fixture("passing"));
    expect(failing.path).toBe(fixture("failing"));
    // Sequential runs would take the sum; with two jobs the wall time is about the longer one.
    expect(wallSeconds).toBeLessThan(passing.seconds + failing.seconds);
  });

  test("a passing notebook records every kind of output with execution counts", () => {
    expect(passing.ok).toBe(true);
    expect(passing.failure).toBeUndefined();
    const [imports, expression, html, display, update, empty, warning] = codeCells(passing);
    expect(imports.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "sum 6\n" }]);
    // tslab prints a cell's last expression with console.log: stdout, not execute_result.
    expect(expression.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
    expect(html.outputs).toEqual([{ output_type: "display_data", data: { "text/html": "<b>bold</b>" }, metadata: {} }]);
    // update_display_data from a later cell rewrites the earlier output in place.
    expect(display.outputs).toEqual([{ output_type: "display_data", data: { "text/plain": "step 2" }, metadata: {} }]);
    expect(update.outputs).toEqual([]);
    // stderr from a cell that succeeded is an ordinary stream and fails nothing.
    expect(warning.outputs).toEqual([
      { output_type: "stream", name: "stderr", text: "a warning, not a failure\n" },
      { output_type: "stream", name: "stdout", text: "done\n" },
    ]);
    expect(codeCells(passing).map((cell) => cell.execution_count)).toEqual([1, 2, 3, 4, 5, null, 6]);
    expect(empty.outputs).toEqual([]);
    expect(passing.cellSeconds[5]).toBeNull();
    expect(passing.cellSeconds.filter((s) => s !== null)).toHaveLength(6);
  });

  test("the executed copy carries run metadata and the kernel's language", () => {
    const meta = passing.notebook.metadata.deepnotes as Record<string, unknown>;
    expect(meta.seconds).toBe(passing.seconds);
    expect(meta.kernelStartSeconds).toBe(passing.kernelStartSeconds);
    expect(new Date(meta.started as string).getTime()).toBeGreaterThan(0);
    expect(meta.failure).toBeUndefined();
    expect(passing.notebook.metadata.language_info).toMatchObject({ name: "typescript" });
    expect(passing.kernelStartSeconds).toBeGreaterThan(0);
    expect(passing.seconds).toBeGreaterThan(passing.kernelStartSeconds);
  });

  test("a throwing cell gets an error output, the failure names it, later cells do not run", () => {
    expect(failing.ok).toBe(false);
    expect(failing.failure).toEqual({
      cellIndex: 1,
      codeCell: 2,
      kind: "error",
      message: "cell 2: TypeError: notAFunction is not a function",
    });
    const [before, thrower, after] = codeCells(failing);
    expect(before.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "before\n" }]);
    expect(thrower.execution_count).toBe(2);
    // Output printed before the throw is kept; the error text left stderr for a proper error output.
    expect(thrower.outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "partial output\n" });
    expect(thrower.outputs).toHaveLength(2);
    const error = errorOf(thrower.outputs)!;
    expect(error.ename).toBe("TypeError");
    expect(error.evalue).toBe("notAFunction is not a function");
    expect(error.traceback).toContain("TypeError: notAFunction is not a function");
    expect(error.traceback.join("\n")).not.toMatch(/tslab[\\/]dist/);
    expect(after.outputs).toEqual([]);
    expect(after.execution_count).toBeNull();
    expect(failing.cellSeconds[2]).toBeNull();
    expect((failing.notebook.metadata.deepnotes as { failure: unknown }).failure).toEqual(failing.failure);
  });
});

test("continueOnError runs the cells after a failing one (the first failure is reported)", async () => {
  const result = await runNotebook(fixture("failing"), { continueOnError: true });
  expect(result.ok).toBe(false);
  expect(result.failure?.codeCell).toBe(2);
  const after = codeCells(result)[2];
  expect(after.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "after\n" }]);
  expect(after.execution_count).toBe(3);
});

test("per-cell limit: a never-resolving await and an infinite loop are interrupted and the kernel survives", async () => {
  const result = await runNotebook(fixture("hanging"), { cellTimeout: 3, continueOnError: true });
  expect(result.failure).toEqual({
    cellIndex: 1,
    codeCell: 2,
    kind: "cell-timeout",
    message: `cell 2 exceeded the per-cell limit of 3 s from the --timeout option (interrupted); ${HOW_TO_RAISE.cell}`,
  });
  const [start, wait, loop, alive] = codeCells(result);
  expect(start.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "start\n" }]);
  // SIGINT rejects the pending await and breaks `while (true) {}` (vm breakOnSigint): only our
  // timeout error is recorded, tslab's "interrupted" text is not left behind on stderr.
  expect(wait.outputs).toEqual([
    {
      output_type: "error",
      ename: "CellTimeoutError",
      evalue: `cell 2 exceeded the per-cell limit of 3 s from the --timeout option (interrupted); ${HOW_TO_RAISE.cell}`,
      traceback: [`CellTimeoutError: cell 2 exceeded the per-cell limit of 3 s from the --timeout option (interrupted); ${HOW_TO_RAISE.cell}`],
    },
  ]);
  expect(loop.outputs).toEqual([
    expect.objectContaining({ ename: "CellTimeoutError", evalue: `cell 3 exceeded the per-cell limit of 3 s from the --timeout option (interrupted); ${HOW_TO_RAISE.cell}` }),
  ]);
  // Same kernel afterwards: execution counts continue.
  expect(alive.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "still alive\n" }]);
  expect(codeCells(result).map((cell) => cell.execution_count)).toEqual([1, 2, 3, 4]);
  for (const seconds of result.cellSeconds.slice(1, 3)) {
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThan(4.5);
  }
});

test("a loop after an await cannot be interrupted: the kernel is killed (interrupt-failed)", async () => {
  const result = await runNotebook(fixture("unstoppable"), { cellTimeout: 2, interruptGrace: 1 });
  expect(result.failure).toEqual({
    cellIndex: 0,
    codeCell: 1,
    kind: "interrupt-failed",
    message: `cell 1 exceeded the per-cell limit of 2 s from the --timeout option (the interrupt did not stop it; kernel killed); ${HOW_TO_RAISE.cell}`,
  });
  const [loop, after] = codeCells(result);
  expect(errorOf(loop.outputs)?.ename).toBe("CellTimeoutError");
  expect(loop.execution_count).toBe(1);
  expect(after.outputs).toEqual([]);
  expect(after.execution_count).toBeNull();
  expect(result.cellSeconds[0]).toBeLessThan(4.5);
});

test("per-notebook limit: the cell running when it expires is interrupted, nothing after it runs", async () => {
  // The limit counts from the start of the run, kernel start included; 5 s expire in cell 2
  // (a never-resolving await) unless the machine is so busy that the kernel start ate them.
  const result = await runNotebook(fixture("hanging"), { notebookTimeout: 5 });
  const codeCell = result.failure!.codeCell!;
  expect(result.failure?.kind).toBe("notebook-timeout");
  expect(codeCell === 2 || codeCell === 1).toBe(true);
  if (codeCell === 2) expect(result.failure?.message).toBe(`cell 2: the notebook exceeded its limit of 5 s from the --notebook-timeout option in cell 2 (interrupted); ${HOW_TO_RAISE.notebook}`);
  expect(errorOf(codeCells(result)[codeCell - 1].outputs)?.ename).toBe("NotebookTimeoutError");
  expect(codeCells(result)[2].execution_count).toBeNull();
  expect(result.seconds).toBeGreaterThanOrEqual(5);
  expect(result.seconds).toBeLessThan(7.5);
});

test("a crashed kernel (process.exit(3)) is detected at once; continueOnError restarts it", async () => {
  const progress: string[] = [];
  const result = await runNotebook(fixture("exit"), {
    continueOnError: true,
    onProgress: (e) => progress.push(`${e.cell}/${e.codeCells} ${e.phase}${e.ok === undefined ? "" : ` ${e.ok}`}`),
  });
  expect(result.failure).toEqual({
    cellIndex: 0,
    codeCell: 1,
    kind: "kernel-died",
    message: "cell 1: the kernel died while running cell 1 (exit code 3)",
  });
  expect(result.cellSeconds[0]).toBeLessThan(1.5);
  const [exits, after] = codeCells(result);
  // Output printed just before the exit is not lost.
  expect(exits.outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "bye\n" });
  expect(errorOf(exits.outputs)).toMatchObject({ ename: "KernelDiedError", evalue: "the kernel died while running cell 1 (exit code 3)" });
  // A fresh kernel: its execution count starts again at 1.
  expect(after.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "after\n" }]);
  expect(after.execution_count).toBe(1);
  expect(progress).toEqual(["0/2 start", "0/2 end false", "1/2 start", "1/2 end true"]);
});

test("an aborted run interrupts the running cell and stops", async () => {
  const controller = new AbortController();
  const result = await runNotebook(fixture("hanging"), {
    signal: controller.signal,
    onProgress: (event) => {
      if (event.cell === 1 && event.phase === "start") setTimeout(() => controller.abort(), 500);
    },
  });
  expect(result.failure).toEqual({
    cellIndex: 1,
    codeCell: 2,
    kind: "aborted",
    message: "cell 2: the run was aborted during cell 2 (interrupted)",
  });
  expect(errorOf(codeCells(result)[1].outputs)?.ename).toBe("RunAbortedError");
  expect(codeCells(result)[2].execution_count).toBeNull();
});

test("a malformed notebook is a clear error naming the file; in a batch it is that notebook's failure", async () => {
  await expect(runNotebook(fixture("malformed"))).rejects.toThrow(
    `${fixture("malformed")}: not valid JSON (Unexpected token ',' at line 3 column 13)`,
  );
  await expect(runNotebook(fixture("does-not-exist"))).rejects.toThrow(`${fixture("does-not-exist")}: cannot read the file (ENOENT`);
  const [malformed, missing] = await runNotebooks([fixture("malformed"), fixture("does-not-exist")], { jobs: 2 });
  expect(malformed.failure).toEqual({ kind: "invalid-notebook", message: `${fixture("malformed")}: not valid JSON (Unexpected token ',' at line 3 column 13)` });
  expect(missing.failure?.kind).toBe("invalid-notebook");
  // The executed copy says why in its only cell, so the report's page for it is not empty.
  expect(malformed.notebook.cells).toHaveLength(1);
  expect(malformed.notebook.cells[0].source).toContain("not valid JSON");
  expect(findProblem(malformed.notebook)).toBeNull();
});

describe("time limits the notebook declares (long-cell.ipynb: 2.5 s of work, metadata limit 1 s, or 30 s with -p full true)", () => {
  test("by default the cell's own limit applies, and the message says where it came from and how to raise it", async () => {
    const result = await runNotebook(fixture("long-cell"));
    expect(result.failure).toEqual({
      cellIndex: 2,
      codeCell: 2,
      kind: "cell-timeout",
      message: `cell 2 exceeded the per-cell limit of 1 s from the cell's metadata deepnotes.timeout.default (interrupted); ${HOW_TO_RAISE.cell}`,
    });
    expect(HOW_TO_RAISE.cell).toBe('raise it with --timeout SECONDS, or in the cell\'s metadata: "deepnotes": {"timeout": SECONDS}');
    expect(result.cellSeconds[1]).toBeLessThan(2.5);
  });

  test("with -p full true the cell gets its longer limit and finishes", async () => {
    const result = await runNotebook(fixture("long-cell"), { parameters: { full: true } });
    expect(result.failure).toBeUndefined();
    const cells = codeCells(result);
    expect(cells[2].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "long cell done\n" }]);
    // The declaration survives in the executed copy, next to the run's record.
    expect(result.notebook.metadata.deepnotes).toMatchObject({ seconds: result.seconds });
    expect(result.notebook.cells[3].metadata).toEqual({ deepnotes: { timeout: { default: 1, full: 30 } } });
  });

  test("the caller's --timeout still wins over the metadata", async () => {
    const result = await runNotebook(fixture("long-cell"), { parameters: { full: true }, cellTimeout: 1 });
    expect(result.failure?.message).toBe(`cell 3 exceeded the per-cell limit of 1 s from the --timeout option (interrupted); ${HOW_TO_RAISE.cell}`);
  });
});

test("a notebook of nbformat 4.4 (no cell ids) runs with parameters, and its executed copy is valid 4.4", async () => {
  const result = await runNotebook(fixture("v4.4-no-ids"), { parameters: { greeting: "hi" } });
  expect(result.failure).toBeUndefined();
  expect(codeCells(result).map((cell) => cell.outputs)).toEqual([[], [], [{ output_type: "stream", name: "stdout", text: "hi\n" }]]);
  expect(result.notebook.cells.some((cell) => "id" in cell)).toBe(false);
  expect(findProblem(result.notebook)).toBeNull();
});

describe("a kernel that dies right after it replied (fixtures/kernels/fake-exit-after-reply)", () => {
  const kernelspecDirs = [join(__dirname, "fixtures", "kernels")];
  const twoCells = (dir: string): string => {
    const file = join(dir, "exits-after-reply.ipynb");
    const cell = (id: string, source: string) => ({ cell_type: "code", id, metadata: {}, execution_count: null, outputs: [], source });
    const notebook = { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "fake-exit-after-reply", display_name: "x" } }, cells: [cell("one", "1"), cell("two", "2")] };
    fs.writeFileSync(file, JSON.stringify(notebook));
    return file;
  };

  test("the cell it answered keeps its reply; the death is reported before the next cell, which runs in a new kernel", async () => {
    const file = twoCells(fs.mkdtempSync(join(os.tmpdir(), "deepnotes-exit-after-reply-")));
    const result = await runNotebook(file, { continueOnError: true, kernelspecDirs });
    const [one, two] = codeCells(result);
    expect(one.outputs).toEqual([{ output_type: "stream", name: "stdout", text: `ran: 1\n${IDLE_MISSING_NOTICE}` }]);
    const evalue = "the kernel died after cell 1 had finished and before cell 2 started (exit code 5); something an earlier cell left running (a timer, a callback) may have ended it";
    expect(result.failure).toEqual({ cellIndex: 1, codeCell: 2, kind: "kernel-died", message: `cell 2: ${evalue}` });
    expect(two.outputs).toEqual([errorOutput("KernelDiedError", evalue), { output_type: "stream", name: "stdout", text: `ran: 2\n${IDLE_MISSING_NOTICE}` }]);
  });

  test("without continueOnError the run stops there, with the same error", async () => {
    const file = twoCells(fs.mkdtempSync(join(os.tmpdir(), "deepnotes-exit-after-reply-")));
    const result = await runNotebook(file, { kernelspecDirs });
    expect(result.failure?.kind).toBe("kernel-died");
    expect(codeCells(result)[1].outputs).toEqual([expect.objectContaining({ ename: "KernelDiedError" })]);
  });
});
