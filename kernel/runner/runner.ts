// The headless notebook runner: one tslab kernel per notebook, code cells in order, every output
// recorded into an executed copy of the notebook. Time limits per cell and per notebook are
// enforced by interrupting (SIGINT) and, if the kernel does not come back, killing it; a dead
// kernel is noticed from its process exit, not from a timeout (cell-execution.ts). Whatever
// happens, the result carries all outputs collected so far and the kernel is shut down.
//
// tslab quirks handled here and in outputs.ts: a failed cell is reported only as text on stderr;
// after a failed cell tslab drops requests for 200 ms, so the next cell waits AFTER_ERROR_MS; it
// never sends execute_result (a cell's last expression is printed to stdout with console.log).

import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { joinSource, type CodeCell, type Notebook } from "../notebook-format";
import { errorOutput, executeCell, recordCellEnd, type CellLimit, type FailureKind } from "./cell-execution";
import { KernelSession, KernelStartTimeoutError } from "./kernel-session";
import { CellOutputCollector, DisplayRegistry } from "./outputs";
import { readNotebook } from "./read-notebook";
import { injectParameters, type Parameters } from "./parameters";

export type { FailureKind } from "./cell-execution";

export interface RunProgress {
  /** The notebook path as given (useful with runNotebooks). */
  path: string;
  /** Index among code cells, 0-based. */
  cell: number;
  codeCells: number;
  phase: "start" | "end";
  ok?: boolean;
}

export interface RunOptions {
  /** Seconds one cell may run; default 600. */
  cellTimeout?: number;
  /** Seconds the whole notebook may take, kernel start included; default 1800. */
  notebookTimeout?: number;
  /** Go on after a failing cell (restarting the kernel if it died); default false. */
  continueOnError?: boolean;
  /** The kernel's working directory; default the notebook's directory. */
  cwd?: string;
  onProgress?: (event: RunProgress) => void;
  /** Aborting interrupts the running cell and ends the run (failure kind "aborted"). */
  signal?: AbortSignal;
  /** Seconds to wait for the kernel to come back after an interrupt before killing it; default 5. */
  interruptGrace?: number;
  /** Seconds a kernel may take to start; default 60 (and never past the notebook limit). */
  startTimeout?: number;
  /** Papermill-style overrides, injected after the cell tagged "parameters" (see parameters.ts). */
  parameters?: Parameters;
}

export interface RunFailure {
  /** Index in notebook.cells. */
  cellIndex: number;
  /** 1-based number among code cells. */
  codeCell: number;
  kind: FailureKind;
  message: string;
}

export interface RunResult {
  path: string;
  /** The executed copy: outputs and execution_count on every executed code cell, metadata.deepnotes. */
  notebook: Notebook;
  ok: boolean;
  /** The first failure (with continueOnError there may have been more; see the cells' outputs). */
  failure?: RunFailure;
  /** Seconds spent starting kernels (more than one start only after a restart). */
  kernelStartSeconds: number;
  /** Seconds per code cell; null for cells that did not run (and empty ones). */
  cellSeconds: (number | null)[];
  seconds: number;
}

export interface RunMetadata {
  started: string;
  seconds: number;
  kernelStartSeconds: number;
  failure?: RunFailure;
}

const DEFAULTS = { cellTimeout: 600, notebookTimeout: 1800, interruptGrace: 5, startTimeout: 60 };
/** tslab cancels requests for 200 ms after a failed cell (`execQueue.reset(200)`). */
const AFTER_ERROR_MS = 250;

/** Runs one notebook in a fresh kernel. Rejects only if the file is not a readable nbformat-4 notebook. */
export async function runNotebook(notebookPath: string, options: RunOptions = {}): Promise<RunResult> {
  return executeNotebook(notebookPath, readNotebook(notebookPath), options);
}

/**
 * Runs notebooks with up to `jobs` kernels at once (default 1); results in input order. All files
 * are read and validated first, so a malformed one rejects before any kernel starts.
 */
export async function runNotebooks(
  paths: string[],
  options: RunOptions & { jobs?: number } = {},
): Promise<RunResult[]> {
  const notebooks = paths.map((p) => readNotebook(p));
  notebooks.forEach((nb, i) => injectParameters(nb, options.parameters ?? {}, paths[i])); // fail before any kernel starts
  const results = new Array<RunResult>(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await executeNotebook(paths[i], notebooks[i], options);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, paths.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

async function executeNotebook(notebookPath: string, source: Notebook, options: RunOptions): Promise<RunResult> {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const started = new Date();
  const begin = performance.now();
  const deadline = begin + settings.notebookTimeout * 1000;
  const cwd = options.cwd ?? path.dirname(path.resolve(notebookPath));

  const notebook = injectParameters(structuredClone(source), options.parameters ?? {}, notebookPath);
  const codeCellIndices: number[] = [];
  notebook.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    cell.outputs = [];
    cell.execution_count = null;
    codeCellIndices.push(i);
  });
  const cellSeconds: (number | null)[] = codeCellIndices.map(() => null);
  const displays = new DisplayRegistry();
  const progress = (cell: number, phase: "start" | "end", ok?: boolean) =>
    options.onProgress?.({ path: notebookPath, cell, codeCells: codeCellIndices.length, phase, ok });

  let session: KernelSession | null = null;
  let kernelStartSeconds = 0;
  let failure: RunFailure | undefined;

  try {
    for (let k = 0; k < codeCellIndices.length; k++) {
      const cellIndex = codeCellIndices[k];
      const cell = notebook.cells[cellIndex] as CodeCell;
      const number = k + 1;
      const code = joinSource(cell.source);
      /** Records a failure; true if the run goes on. */
      const fail = (kind: FailureKind, message: string): boolean => {
        failure ??= { cellIndex, codeCell: number, kind, message };
        progress(k, "end", false);
        return options.continueOnError === true && kind !== "notebook-timeout" && kind !== "aborted";
      };
      progress(k, "start");
      if (code.trim() === "") {
        progress(k, "end", true);
        continue;
      }
      if (options.signal?.aborted) {
        fail("aborted", `the run was aborted before cell ${number}`);
        break;
      }

      if (session === null) {
        const notebookLeftMs = Math.max(deadline - performance.now(), 0);
        try {
          session = await KernelSession.start(cwd, Math.min(settings.startTimeout * 1000, notebookLeftMs));
        } catch (error) {
          const notebookExpired = error instanceof KernelStartTimeoutError && notebookLeftMs < settings.startTimeout * 1000;
          const [ename, kind, evalue] = notebookExpired
            ? (["NotebookTimeoutError", "notebook-timeout", `the notebook exceeded its limit of ${settings.notebookTimeout} s while the kernel was starting`] as const)
            : (["KernelDiedError", "kernel-died", `the kernel could not start: ${(error as Error).message}`] as const);
          cell.outputs.push(errorOutput(ename, evalue));
          fail(kind, `cell ${number}: ${evalue}`);
          break;
        }
        kernelStartSeconds += session.startSeconds;
        notebook.metadata.language_info = session.kernelInfo.language_info;
      }

      const cellBegin = performance.now();
      const limit = cellLimit(settings.cellTimeout, settings.notebookTimeout, deadline - cellBegin);
      const collector = new CellOutputCollector(displays);
      session.executeCount++;
      const end = await executeCell(session, code, collector, limit, settings.interruptGrace * 1000, options.signal);
      cellSeconds[k] = (performance.now() - cellBegin) / 1000;

      // Outputs first, whatever happened: they are what the student needs to see.
      const problem = recordCellEnd(end, collector, number, limit.seconds);
      cell.outputs = collector.outputs();
      const replied = end.kind === "reply" || end.kind === "interrupted";
      cell.execution_count = (replied ? end.outcome.reply.execution_count : null) ?? session.executeCount;

      if (end.kind === "died" || end.kind === "interrupt-failed") {
        await session.dispose();
        session = null;
      }
      if (problem === null) {
        progress(k, "end", true);
        continue;
      }
      if (!fail(problem.kind, problem.message)) break;
      if (session !== null) await sleep(AFTER_ERROR_MS);
    }
  } finally {
    if (session !== null) await session.dispose();
  }

  const seconds = (performance.now() - begin) / 1000;
  const metadata: RunMetadata = { started: started.toISOString(), seconds, kernelStartSeconds };
  if (failure) metadata.failure = failure;
  notebook.metadata.deepnotes = metadata;
  return { path: notebookPath, notebook, ok: failure === undefined, failure, kernelStartSeconds, cellSeconds, seconds };
}

/** The limit for the next cell: the per-cell one, or what is left of the notebook's if that is less. */
function cellLimit(cellTimeout: number, notebookTimeout: number, notebookLeftMs: number): CellLimit {
  if (notebookLeftMs < cellTimeout * 1000) {
    return { reason: "notebook-timeout", ms: Math.max(notebookLeftMs, 0), seconds: notebookTimeout };
  }
  return { reason: "cell-timeout", ms: cellTimeout * 1000, seconds: cellTimeout };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The options that are set, so `undefined` never overrides a default. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
