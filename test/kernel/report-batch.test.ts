// The report over a batch in which every kind of notebook failure happens at once, with two jobs:
// stand-in kernels that die, hang or are missing (test/kernel/fixtures/kernels/), a file that is
// not JSON, a kernel that loses its idle status — next to one that works. Nothing stops the batch,
// every notebook gets its pages, the summary names each failed notebook with its failure kind, and
// progress comes as log lines because the output is not a terminal. Then floods of output
// (fixtures/heavy-output.ipynb) must leave a small, valid notebook and page, quickly, while the
// runner's own memory stays bounded.
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, test } from "vitest";
import type { CodeCell, Notebook } from "../../kernel/notebook-format";
import { performance } from "node:perf_hooks";
import { executeAndExport, reproduce, summaryLine, type ReportSummary } from "../../kernel/report";
import { DEFAULT_OUTPUT_LIMITS } from "../../kernel/runner/output-limits";
import type { RunResult } from "../../kernel/runner/runner";
import { IDLE_MISSING_NOTICE } from "../../kernel/runner/cell-execution";
import { findProblem } from "../../kernel/runner/validate";

const kernels = join(__dirname, "fixtures", "kernels");

/** A one-cell notebook on kernel `kernel`. */
function notebookOn(kernel: string): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: kernel, display_name: kernel } },
    cells: [{ cell_type: "code", id: "only", metadata: {}, execution_count: null, outputs: [], source: "1 + 1" }],
  };
}

describe("reproduce over a batch where every notebook fails differently", () => {
  let out: string;
  let summary: ReportSummary;
  let log: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-report-"));
    out = join(dir, "reports");
    const notebooks = join(dir, "notebooks");
    fs.mkdirSync(notebooks);
    const write = (name: string, kernel: string) => fs.writeFileSync(join(notebooks, `${name}.ipynb`), JSON.stringify(notebookOn(kernel)));
    write("a-works", "fake-echo");
    write("b-dies", "fake-dies");
    write("c-hangs", "fake-silent");
    write("d-missing", "missing-launcher");
    write("f-loses-idle", "fake-no-idle");
    fs.writeFileSync(join(notebooks, "e-broken.ipynb"), '{"nbformat": 4,');
    const stream = new PassThrough();
    log = "";
    stream.on("data", (chunk: Buffer) => (log += chunk.toString()));
    summary = await reproduce({
      notebooksDir: notebooks,
      outDir: out,
      jobs: 2,
      startTimeout: 2,
      kernelspecDirs: [kernels],
      progress: { terminal: process.stderr, log: stream },
    });
  }, 60_000);

  test("each notebook's failure kind, in order; the others ran", () => {
    expect(summary.notebooks.map((n) => [n.notebook, n.ok, n.failure?.kind])).toEqual([
      ["a-works", true, undefined],
      ["b-dies", false, "kernel-start-failed"],
      ["c-hangs", false, "kernel-start-timeout"],
      ["d-missing", false, "kernel-missing"],
      ["e-broken", false, "invalid-notebook"],
      ["f-loses-idle", true, undefined],
    ]);
    expect(summaryLine(summary)).toBe(
      "0 claims reproduced, 0 failed; 4 of 6 notebooks failed: b-dies (kernel-start-failed), c-hangs (kernel-start-timeout), d-missing (kernel-missing), e-broken (invalid-notebook)",
    );
    expect(summary.ok).toBe(false);
  });

  test("the messages name the kernel command and what happened", () => {
    const failure = (name: string) => summary.notebooks.find((n) => n.notebook === name)!.failure!;
    expect(failure("b-dies").message).toMatch(/^the kernel process exited with code 1 during start \(kernel command: node .*fake-kernel\.js dies \{connection_file\}; stderr: fake kernel: cannot load the model weights \(on purpose\)\)$/);
    expect(failure("c-hangs").message).toMatch(/^the kernel did not answer within 2\.0 s \(kernel command: node .*fake-kernel\.js silent \{connection_file\}\)$/);
    expect(failure("d-missing").message).toMatch(/^the kernel cannot be started: the file .*missing-launcher\/launch\.js does not exist \(kernel command: node .*\)$/);
    expect(failure("e-broken").message).toMatch(/e-broken\.ipynb: not valid JSON \(Expected double-quoted property name at line 1 column 16\)$/);
  });

  test("every notebook has its executed copy (valid nbformat) and page; the report pages are written", () => {
    for (const n of summary.notebooks) {
      const executed = JSON.parse(fs.readFileSync(join(out, `${n.notebook}.ipynb`), "utf8")) as Notebook;
      expect(findProblem(executed), n.notebook).toBeNull();
      expect(fs.readFileSync(join(out, `${n.notebook}.html`), "utf8")).toContain("<!DOCTYPE html>");
    }
    const index = fs.readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain("kernel-start-timeout: the kernel did not answer within 2.0 s");
    expect((JSON.parse(fs.readFileSync(join(out, "claims.json"), "utf8")) as { notebooks: unknown[] }).notebooks).toHaveLength(6);
  });

  test("a failed start leaves its reason in the first cell; a lost idle status is told, not hung on", () => {
    const cell = (name: string) => (JSON.parse(fs.readFileSync(join(out, `${name}.ipynb`), "utf8")) as Notebook).cells[0] as CodeCell;
    expect(cell("b-dies").outputs).toEqual([expect.objectContaining({ output_type: "error", ename: "KernelStartError" })]);
    expect(cell("c-hangs").outputs).toEqual([expect.objectContaining({ output_type: "error", ename: "KernelStartTimeoutError" })]);
    expect(cell("d-missing").outputs).toEqual([expect.objectContaining({ output_type: "error", ename: "KernelMissingError" })]);
    expect(cell("f-loses-idle").outputs).toEqual([{ output_type: "stream", name: "stdout", text: `ran: 1 + 1\n${IDLE_MISSING_NOTICE}` }]);
  });

  test("progress came as log lines, one start and one end per notebook", () => {
    const lines = log.trimEnd().split("\n");
    expect(lines).toContain("a-works: started (1 code cell)");
    expect(lines).toContain("a-works: finished in " + summary.notebooks[0].seconds.toFixed(1) + " s, 0 claims (0 reproduced)");
    expect(lines.filter((line) => line.startsWith("c-hangs: FAILED (kernel-start-timeout: the kernel did not answer within 2.0 s"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("e-broken: FAILED (invalid-notebook: "))).toHaveLength(1);
  });
});

describe("floods of output: 100 MB printed as lines, 100 MB in one call, 100,000 updates of one display, bytes that are not UTF-8", () => {
  let out: string;
  let result: RunResult;
  let wallSeconds: number;
  let peakHeapGrowth: number;

  beforeAll(async () => {
    out = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-floods-"));
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const begin = performance.now();
    [result] = await executeAndExport([join(__dirname, "fixtures", "heavy-output.ipynb")], {
      outDir: out,
      jobs: 1,
      progress: { terminal: process.stderr, log: new PassThrough() },
    });
    wallSeconds = (performance.now() - begin) / 1000;
    clearInterval(sampler);
    peakHeapGrowth = peak - baseline;
    console.log(`floods: ${wallSeconds.toFixed(1)} s; .ipynb ${fs.statSync(join(out, "heavy-output.ipynb")).size} bytes; .html ${fs.statSync(join(out, "heavy-output.html")).size} bytes; peak heap growth ${(peakHeapGrowth / 1e6).toFixed(0)} MB`);
  }, 180_000);

  const outputs = () => result.notebook.cells.filter((cell): cell is CodeCell => cell.cell_type === "code").map((cell) => cell.outputs);

  test("everything ran, the cells around the floods too", () => {
    expect(result.failure).toBeUndefined();
    const all = outputs();
    expect(all[0]).toEqual([{ output_type: "stream", name: "stdout", text: "before\n" }]);
    expect(all[5]).toEqual([{ output_type: "stream", name: "stdout", text: "after\n" }]);
    expect(wallSeconds).toBeLessThan(120);
  });

  test("each flood keeps the first 1 MB and a notice naming the limit; the updated display shows its last state", () => {
    const [, lines, oneString, updates] = outputs();
    for (const [cell, dropped] of [[lines, "99 MB"], [oneString, "99 MB"]] as const) {
      expect(cell).toHaveLength(1);
      const text = cell[0].output_type === "stream" ? String(cell[0].text) : "";
      expect(text).toContain(`- ${dropped} of printed text (stdout/stderr) — limit cellStreamBytes = 1 MB per cell`);
      expect(text).toContain("--limit cellStreamBytes=10MB");
      expect(Buffer.byteLength(text)).toBeLessThan(DEFAULT_OUTPUT_LIMITS.cellStreamBytes + 1000);
    }
    expect(lines[0].output_type === "stream" && String(lines[0].text)).toMatch(/^(x{999}\n){1000}\[deepnotes\]/);
    expect(updates).toEqual([{ output_type: "display_data", data: { "text/plain": "step 99999" }, metadata: {} }]);
  });

  test("bytes that are not UTF-8 arrive replaced, never as broken JSON", () => {
    const bytes = outputs()[4];
    const text = bytes[0].output_type === "stream" ? String(bytes[0].text) : "";
    expect(text.startsWith("f\ufffd\ufffdg\nlone \ufffd surrogate\n")).toBe(true);
    expect(text.endsWith("\nend of bytes\n")).toBe(true);
  });

  test("the executed notebook and its page are small, strict UTF-8, and the notebook is valid nbformat", () => {
    const ipynb = fs.readFileSync(join(out, "heavy-output.ipynb"));
    const html = fs.readFileSync(join(out, "heavy-output.html"));
    expect(ipynb.length).toBeLessThan(3_000_000);
    expect(html.length).toBeLessThan(4_000_000);
    for (const file of [ipynb, html]) expect(() => new TextDecoder("utf-8", { fatal: true }).decode(file)).not.toThrow();
    expect(findProblem(JSON.parse(ipynb.toString("utf8")))).toBeNull();
  });

  test("the runner's own heap stayed bounded: far below the 200 MB of text it was sent", () => {
    expect(peakHeapGrowth).toBeLessThan(120e6);
  });
});
