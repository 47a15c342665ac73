// Progress where stdout is not a terminal (a CI log, `npm start > file`): plain lines, written to a
// non-TTY stream here, with a clock the test moves by hand.
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import { progressDisplay, ProgressLog } from "../../kernel/progress-log";
import type { RunResult } from "../../kernel/runner/runner";

const logs: ProgressLog[] = [];
afterEach(() => logs.splice(0).forEach((log) => log.stop()));

function logTo(): { log: ProgressLog; lines: () => string[]; clock: { now: number } } {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const clock = { now: 0 };
  const log = new ProgressLog(stream, 10_000, () => clock.now);
  logs.push(log);
  return { log, clock, lines: () => text.trimEnd().split("\n") };
}

const path = "/course/notebooks/01-deep-networks.ipynb";
const result = (ok: boolean, seconds: number): RunResult => ({
  path,
  notebook: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] },
  ok,
  ...(!ok && { failure: { cellIndex: 3, codeCell: 2, kind: "kernel-died", message: "cell 2: the kernel died while running cell 2 (exit code 3)" } }),
  kernelStartSeconds: 1,
  cellSeconds: [],
  seconds,
});

describe("ProgressLog", () => {
  test("start, a line every 10 s for a long cell, a failed cell, and the end with time and claims", () => {
    const { log, clock, lines } = logTo();
    log.onProgress({ path, cell: 0, codeCells: 30, phase: "start" });
    log.onProgress({ path, cell: 0, codeCells: 30, phase: "end", ok: true });
    clock.now = 2_000;
    log.onProgress({ path, cell: 11, codeCells: 30, phase: "start" });
    for (clock.now = 3_000; clock.now <= 45_000; clock.now += 1_000) log.reportLongCells();
    log.onProgress({ path, cell: 11, codeCells: 30, phase: "end", ok: false });
    clock.now = 60_000;
    log.reportLongCells(); // the cell has ended: nothing more about it
    log.onNotebookEnd(result(false, 52.1), { claims: 5, failedClaims: 1 });
    expect(lines()).toEqual([
      "01-deep-networks: started (30 code cells)",
      "01-deep-networks: cell 12/30 running for 10 s",
      "01-deep-networks: cell 12/30 running for 20 s",
      "01-deep-networks: cell 12/30 running for 30 s",
      "01-deep-networks: cell 12/30 running for 40 s",
      "01-deep-networks: cell 12/30 failed",
      "01-deep-networks: FAILED (kernel-died: cell 2: the kernel died while running cell 2 (exit code 3)) in 52.1 s, 5 claims (4 reproduced)",
    ]);
  });

  test("a tick that comes late reports once, not once per missed interval", () => {
    const { log, clock, lines } = logTo();
    log.onProgress({ path, cell: 0, codeCells: 1, phase: "start" });
    clock.now = 35_000;
    log.reportLongCells();
    clock.now = 39_000;
    log.reportLongCells();
    clock.now = 40_000;
    log.reportLongCells();
    log.onProgress({ path, cell: 0, codeCells: 1, phase: "end", ok: true });
    log.onNotebookEnd(result(true, 40.2), { claims: 1, failedClaims: 0 });
    expect(lines()).toEqual([
      "01-deep-networks: started (1 code cell)",
      "01-deep-networks: cell 1/1 running for 35 s",
      "01-deep-networks: cell 1/1 running for 40 s",
      "01-deep-networks: finished in 40.2 s, 1 claim (1 reproduced)",
    ]);
  });

  test("progressDisplay chooses log lines unless both streams are terminals", () => {
    const notTty = new PassThrough() as unknown as NodeJS.WriteStream;
    const tty = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
    const display = progressDisplay({ terminal: tty, log: notTty });
    display.stop();
    expect(display).toBeInstanceOf(ProgressLog);
  });
});
