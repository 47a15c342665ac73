// How `npm start` and `deepnotes run` show progress. On a terminal: one bar per notebook. Anywhere
// else — a CI log, `npm start > file` — bars are garbage, so progress comes as plain lines: each
// notebook's start, its end with time and claims, a failing cell, and every LOG_EVERY_MS a line for
// a cell that is still running, so a long cell never looks like a hung run:
//
//   01-deep-networks: started (30 code cells)
//   01-deep-networks: cell 12/30 running for 40 s
//   01-deep-networks: finished in 52.1 s, 23 claims (23 reproduced)

import { basename } from "node:path";
import { MultiBar, Presets } from "cli-progress";
import type { RunProgress, RunResult } from "./runner/runner";

export interface NotebookClaims {
  claims: number;
  failedClaims: number;
}

export interface ProgressDisplay {
  onProgress(event: RunProgress): void;
  onNotebookEnd(result: RunResult, claims: NotebookClaims): void;
  stop(): void;
}

/** How often a still-running cell gets a line in a log. */
const LOG_EVERY_MS = 10_000;

/**
 * Bars on `terminal` when both it and `log` are terminals (`npm start` in a shell), else log lines
 * on `log` (`npm start > file`, CI). The report passes stderr and stdout.
 */
export function progressDisplay(options: { terminal: NodeJS.WriteStream; log: NodeJS.WritableStream }): ProgressDisplay {
  const interactive = options.terminal.isTTY === true && (options.log as { isTTY?: boolean }).isTTY === true;
  return interactive ? new ProgressBars(options.terminal) : new ProgressLog(options.log);
}

/** Log lines, one per event worth telling; a timer reports cells that run long. */
export class ProgressLog implements ProgressDisplay {
  private readonly running = new Map<string, { name: string; cell: number; codeCells: number; cellStart: number; nextLine: number }>();
  private readonly started = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly everyMs = LOG_EVERY_MS,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.timer = setInterval(() => this.reportLongCells(), Math.min(1000, everyMs));
    this.timer.unref();
  }

  onProgress(event: RunProgress): void {
    const name = notebookName(event.path);
    const now = this.now();
    if (!this.started.has(event.path)) {
      this.started.set(event.path, now);
      this.line(`${name}: started (${event.codeCells} code cell${event.codeCells === 1 ? "" : "s"})`);
    }
    if (event.phase === "start") {
      this.running.set(event.path, { name, cell: event.cell, codeCells: event.codeCells, cellStart: now, nextLine: now + this.everyMs });
      return;
    }
    this.running.delete(event.path);
    if (event.ok === false) this.line(`${name}: cell ${event.cell + 1}/${event.codeCells} failed`);
  }

  onNotebookEnd(result: RunResult, claims: NotebookClaims): void {
    const name = notebookName(result.path);
    this.running.delete(result.path);
    const claimText = `${claims.claims} claim${claims.claims === 1 ? "" : "s"} (${claims.claims - claims.failedClaims} reproduced)`;
    const status = result.ok ? "finished" : `FAILED (${result.failure?.kind}: ${result.failure?.message})`;
    this.line(`${name}: ${status} in ${result.seconds.toFixed(1)} s, ${claimText}`);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One line per cell that has run for another `everyMs` since its last line. */
  reportLongCells(): void {
    const now = this.now();
    for (const cell of this.running.values()) {
      if (now < cell.nextLine) continue;
      this.line(`${cell.name}: cell ${cell.cell + 1}/${cell.codeCells} running for ${Math.round((now - cell.cellStart) / 1000)} s`);
      cell.nextLine += this.everyMs * Math.max(1, Math.ceil((now - cell.nextLine + 1) / this.everyMs));
    }
  }

  private line(text: string): void {
    this.out.write(`${text}\n`);
  }
}

/** One cli-progress bar per notebook, on a terminal. */
class ProgressBars implements ProgressDisplay {
  private readonly bars: MultiBar;
  private readonly perNotebook = new Map<string, ReturnType<MultiBar["create"]>>();

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new MultiBar({ format: "{name} {bar} {value}/{total} cells {status}", hideCursor: true, stream }, Presets.shades_classic);
  }

  onProgress(event: RunProgress): void {
    let bar = this.perNotebook.get(event.path);
    if (!bar) {
      bar = this.bars.create(event.codeCells, 0, { name: notebookName(event.path).padEnd(24), status: "" });
      this.perNotebook.set(event.path, bar);
    }
    if (event.phase === "end") bar.update(event.cell + 1, { status: event.ok === false ? "✘ failed" : "" });
  }

  onNotebookEnd(result: RunResult): void {
    const bar = this.perNotebook.get(result.path);
    if (!result.ok) bar?.update({ status: `✘ ${result.failure?.kind}` });
  }

  stop(): void {
    this.bars.stop();
  }
}

function notebookName(path: string): string {
  return basename(path, ".ipynb");
}
