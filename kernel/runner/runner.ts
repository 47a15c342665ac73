// The headless notebook runner: one tslab kernel per notebook, code cells in order, every output
// recorded (within the output limits, output-limits.ts) into an executed copy of the notebook.
// Time limits per cell and per notebook — the caller's, else the notebook's own (timeouts.ts) —
// are enforced by interrupting (SIGINT) and, if the kernel does not come back, killing it; a dead
// kernel is noticed from its process exit, not from a timeout (cell-execution.ts). Whatever
// happens, the result carries all outputs collected so far and the kernel is shut down. In a batch
// (runNotebooks) one notebook's failure, of any kind, never stops the others.
//
// tslab quirks handled here and in outputs.ts: a failed cell is reported only as text on stderr;
// after a failed cell tslab drops requests for 200 ms, so the next cell waits AFTER_ERROR_MS; it
// never sends execute_result (a cell's last expression is printed to stdout with console.log).

import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { joinSource, type CodeCell, type ErrorOutput, type Notebook } from "../notebook-format";
import { errorOutput, executeCell, recordCellEnd, type CellLimit, type FailureKind } from "./cell-execution";
import { kernelCommandFor, type KernelCommand } from "./kernel-command";
import { describeExit } from "./kernel-process";
import { KernelSession, KernelStartError, type KernelStartFailureKind } from "./kernel-session";
import type { OutputLimits } from "./output-limits";
import { CellOutputCollector, NotebookOutputs } from "./outputs";
import { readNotebook } from "./read-notebook";
import { injectParameters, type Parameters } from "./parameters";
import { cellLimit, DEFAULT_SOURCE, notebookLimit, type Limit } from "./timeouts";

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
  /** Seconds one cell may run; overrides the notebook's metadata (timeouts.ts); default 600. */
  cellTimeout?: number;
  /** Seconds the whole notebook may take, kernel start included; overrides its metadata; default 1800. */
  notebookTimeout?: number;
  /** Caps on recorded output (output-limits.ts); unset ones keep their defaults. */
  outputLimits?: Partial<OutputLimits>;
  /**
   * Directories of kernelspecs (`<dir>/<name>/kernel.json`); a notebook whose
   * metadata.kernelspec.name is found there runs on that kernel instead of deepnotes' own.
   */
  kernelspecDirs?: string[];
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
  /** Index in notebook.cells (absent when the notebook could not be read). */
  cellIndex?: number;
  /** 1-based number among code cells (absent when the notebook could not be read). */
  codeCell?: number;
  kind: FailureKind;
  message: string;
}

export interface RunResult {
  path: string;
  /**
   * The executed copy: outputs and execution_count on every executed code cell, metadata.deepnotes.
   * For a notebook that could not be read: one markdown cell that says why.
   */
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

const DEFAULTS = { interruptGrace: 5, startTimeout: 60 };
/** tslab cancels requests for 200 ms after a failed cell (`execQueue.reset(200)`). */
export const AFTER_ERROR_MS = 250;
/** Error names of the outputs that say why the kernel did not start. */
const START_ERROR_NAMES: Record<KernelStartFailureKind, string> = {
  "kernel-missing": "KernelMissingError",
  "kernel-start-failed": "KernelStartError",
  "kernel-start-timeout": "KernelStartTimeoutError",
};

/** Runs one notebook in a fresh kernel. Rejects only if the file is not a valid notebook or the parameters do not apply. */
export async function runNotebook(notebookPath: string, options: RunOptions = {}): Promise<RunResult> {
  const notebook = injectParameters(readNotebook(notebookPath), options.parameters ?? {}, notebookPath);
  return executeNotebook(notebookPath, notebook, options);
}

export interface BatchOptions extends RunOptions {
  /** Notebooks run at once, each in its own kernel; default 1. */
  jobs?: number;
  /** Called as each notebook finishes (before the batch does), e.g. to write its files. */
  onNotebookEnd?: (result: RunResult) => void;
}

/**
 * Runs notebooks with up to `jobs` kernels at once; results in input order. Never rejects for one
 * notebook: a file that cannot be read or parameters that do not apply become that notebook's
 * failure ("invalid-notebook", "bad-parameters"), and the others run.
 */
export async function runNotebooks(paths: string[], options: BatchOptions = {}): Promise<RunResult[]> {
  const results = new Array<RunResult>(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await runOneOfBatch(paths[i], options);
      options.onNotebookEnd?.(results[i]);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, paths.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

async function runOneOfBatch(notebookPath: string, options: RunOptions): Promise<RunResult> {
  let notebook: Notebook;
  try {
    notebook = readNotebook(notebookPath);
  } catch (error) {
    return notRun(notebookPath, "invalid-notebook", (error as Error).message);
  }
  try {
    notebook = injectParameters(notebook, options.parameters ?? {}, notebookPath);
  } catch (error) {
    return notRun(notebookPath, "bad-parameters", (error as Error).message);
  }
  try {
    return await executeNotebook(notebookPath, notebook, options);
  } catch (error) {
    // executeNotebook turns every fault of a kernel into a result; this is a bug of the runner itself.
    const what = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return notRun(notebookPath, "runner-error", `the runner failed: ${what} — a bug in deepnotes, please report it`);
  }
}

/** The result for a notebook that did not run (or whose run the runner lost): a one-cell notebook saying why. */
function notRun(notebookPath: string, kind: FailureKind, message: string): RunResult {
  const failure: RunFailure = { kind, message };
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { deepnotes: { failure } },
    cells: [{ cell_type: "markdown", id: "not-run", metadata: {}, source: `**This notebook was not run** (${kind}):\n\n> ${message.replace(/\n/g, "\n> ")}` }],
  };
  return { path: notebookPath, notebook, ok: false, failure, kernelStartSeconds: 0, cellSeconds: [], seconds: 0 };
}

/** Runs `source` (read, parameters injected) in a fresh kernel; never rejects. */
async function executeNotebook(notebookPath: string, source: Notebook, options: RunOptions): Promise<RunResult> {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const parameters = options.parameters ?? {};
  const started = new Date();
  const begin = performance.now();
  const notebook = structuredClone(source);
  const wholeLimit = notebookLimit(notebook, parameters, options.notebookTimeout);
  const deadline = begin + wholeLimit.seconds * 1000;
  const cwd = options.cwd ?? path.dirname(path.resolve(notebookPath));

  const codeCellIndices: number[] = [];
  notebook.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    cell.outputs = [];
    cell.execution_count = null;
    codeCellIndices.push(i);
  });
  const cellSeconds: (number | null)[] = codeCellIndices.map(() => null);
  const outputs = new NotebookOutputs(options.outputLimits);
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

      // A kernel that died after the previous cell had replied (a timer or callback that cell left
      // behind): that cell's outputs are complete; this one has not started.
      let diedBefore: ErrorOutput | null = null;
      if (session !== null && !session.alive) {
        const exit = await session.ended;
        await session.dispose();
        session = null;
        diedBefore = errorOutput("KernelDiedError", `the kernel died after cell ${number - 1} had finished and before cell ${number} started (${describeExit(exit)}); something an earlier cell left running (a timer, a callback) may have ended it`);
        if (options.continueOnError !== true) {
          cell.outputs.push(diedBefore);
          fail("kernel-died", `cell ${number}: ${diedBefore.evalue}`);
          break;
        }
        failure ??= { cellIndex, codeCell: number, kind: "kernel-died", message: `cell ${number}: ${diedBefore.evalue}` };
      }

      if (session === null) {
        const notebookLeftMs = Math.max(deadline - performance.now(), 0);
        const kernel = await startKernel(notebook, cwd, Math.min(settings.startTimeout * 1000, notebookLeftMs), options.kernelspecDirs);
        if (!(kernel instanceof KernelSession)) {
          const notebookExpired = kernel.kind === "kernel-start-timeout" && notebookLeftMs < settings.startTimeout * 1000;
          const [ename, kind, evalue] = notebookExpired
            ? (["NotebookTimeoutError", "notebook-timeout", `the notebook exceeded its limit of ${wholeLimit.seconds} s while the kernel was starting`] as const)
            : ([START_ERROR_NAMES[kernel.kind], kernel.kind, kernel.message] as const);
          cell.outputs.push(errorOutput(ename, evalue));
          fail(kind, notebookExpired ? `cell ${number}: ${evalue}` : evalue);
          break;
        }
        session = kernel;
        kernelStartSeconds += session.startSeconds;
        notebook.metadata.language_info = session.kernelInfo.language_info;
      }

      const cellBegin = performance.now();
      const limit = limitFor(cellLimit(cell, notebook, parameters, options.cellTimeout), wholeLimit, deadline - cellBegin);
      const collector = new CellOutputCollector(outputs);
      if (diedBefore !== null) collector.push(diedBefore);
      session.executeCount++;
      const end = await executeCell(session, code, collector, limit, settings.interruptGrace * 1000, options.signal);
      cellSeconds[k] = (performance.now() - cellBegin) / 1000;

      // Outputs first, whatever happened: they are what the student needs to see.
      const problem = recordCellEnd(end, collector, number, limit);
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
  notebook.metadata.deepnotes = { ...declaredSettings(notebook.metadata.deepnotes), ...metadata };
  return { path: notebookPath, notebook, ok: failure === undefined, failure, kernelStartSeconds, cellSeconds, seconds };
}

/** A started kernel, or why it could not start. */
async function startKernel(
  notebook: Notebook,
  cwd: string,
  timeoutMs: number,
  kernelspecDirs: string[] | undefined,
): Promise<KernelSession | KernelStartError> {
  let command: KernelCommand;
  try {
    command = kernelCommandFor(notebook, kernelspecDirs);
  } catch (error) {
    return new KernelStartError("kernel-missing", `the notebook's kernel cannot be started: ${(error as Error).message}`);
  }
  try {
    return await KernelSession.start(cwd, timeoutMs, { command });
  } catch (error) {
    return error instanceof KernelStartError ? error : new KernelStartError("kernel-start-failed", (error as Error).message);
  }
}

/** The limit for the next cell: its own, or what is left of the notebook's if that is less. */
function limitFor(cell: Limit, notebook: Limit, notebookLeftMs: number): CellLimit {
  if (notebookLeftMs < cell.seconds * 1000) {
    return { reason: "notebook-timeout", ms: Math.max(notebookLeftMs, 0), seconds: notebook.seconds, ...sourceOf(notebook) };
  }
  return { reason: "cell-timeout", ms: cell.seconds * 1000, seconds: cell.seconds, ...sourceOf(cell) };
}

function sourceOf(limit: Limit): { source?: string } {
  return limit.source === DEFAULT_SOURCE ? {} : { source: limit.source };
}

/** What the notebook itself declares under metadata.deepnotes (its timeouts), without an earlier run's record. */
function declaredSettings(value: unknown): Record<string, unknown> {
  const timeouts = typeof value === "object" && value !== null ? (value as Record<string, unknown>).timeouts : undefined;
  return timeouts === undefined ? {} : { timeouts };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The options that are set, so `undefined` never overrides a default. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
