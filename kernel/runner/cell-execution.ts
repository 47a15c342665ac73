// One code cell on a running kernel: send it, wait for the first of reply / kernel death / time
// limit / abort, interrupt and then kill if needed (`executeCell`); then turn how it ended into
// the cell's error output and the run's failure (`recordCellEnd`).
//
// A SIGINT that reaches tslab before it has started the cell interrupts nothing (tslab rejects an
// "interrupt" promise that nobody awaits yet), so the interrupt is repeated every second until the
// reply comes; an extra SIGINT while idle is harmless.

import type { ErrorOutput } from "../notebook-format";
import type { ExecuteOutcome } from "./client";
import { describeExit, type KernelExit } from "./kernel-process";
import type { KernelSession, KernelStartFailureKind } from "./kernel-session";
import type { CellOutputCollector } from "./outputs";
import { HOW_TO_RAISE } from "./timeouts";

/** Why a notebook run failed; a report shows it next to the notebook's name. */
export type FailureKind =
  | "error"
  | "cell-timeout"
  | "notebook-timeout"
  | "kernel-died"
  | "interrupt-failed"
  | "aborted"
  | KernelStartFailureKind
  /** The file is not a notebook the runner can read (JSON, nbformat schema, declared timeouts). */
  | "invalid-notebook"
  /** The -p parameters cannot be applied to this notebook. */
  | "bad-parameters"
  /** The notebook ran, but its executed copy or page could not be written (set by the report). */
  | "export-failed"
  /** A bug in the runner itself ended the notebook's run (its batch goes on). */
  | "runner-error";

/** Why a cell was interrupted. */
export type InterruptReason = "cell-timeout" | "notebook-timeout" | "aborted";

/** How one cell's execution ended. */
export type CellEnd =
  | { kind: "reply"; outcome: ExecuteOutcome }
  | { kind: "died"; exit: KernelExit }
  | { kind: "interrupted"; reason: InterruptReason; outcome: ExecuteOutcome }
  | { kind: "interrupt-failed"; reason: InterruptReason };

export interface CellLimit {
  reason: "cell-timeout" | "notebook-timeout";
  ms: number;
  /** The limit as it was set (for a notebook limit: the whole notebook's), for messages. */
  seconds: number;
  /** Who set it ("the cell's metadata deepnotes.timeout.full (-p full true)"); absent for the default. */
  source?: string;
}

export interface CellProblem {
  kind: FailureKind;
  message: string;
}

const INTERRUPT_REPEAT_MS = 1000;

/** How the request itself ended. */
type Ending = { kind: "reply"; outcome: ExecuteOutcome } | { kind: "died"; exit: KernelExit };
type Event = Ending | { kind: "limit" } | { kind: "aborted" };

/**
 * Runs `code`, feeding iopub messages to `collector` as they arrive. On the limit or an abort:
 * SIGINT, wait `graceMs` for the reply, else kill the kernel ("interrupt-failed").
 */
export async function executeCell(
  session: KernelSession,
  code: string,
  collector: CellOutputCollector,
  limit: CellLimit,
  graceMs: number,
  signal: AbortSignal | undefined,
): Promise<CellEnd> {
  const died = session.ended.then((exit): Ending => ({ kind: "died", exit }));
  const reply = session.client
    .executeRequest(code, { onIopub: (message) => collector.add(message) })
    // A rejected request means the kernel went away; `ended` says how.
    .then((outcome): Ending => ({ kind: "reply", outcome }), () => died);
  const waits = new Waits();
  try {
    // When the kernel dies, `ended` settles the request first (client.failPending): a cell the
    // kernel had already replied to completes, so its reply — not the death — is how it ended
    // (the death is noticed before the next cell). `reply` is already settled then.
    const first = await Promise.race([
      reply,
      died,
      waits.after<Event>(limit.ms, { kind: "limit" }),
      waits.abort<Event>(signal, { kind: "aborted" }),
    ]);
    if (first.kind === "reply") return first;
    if (first.kind === "died") return await reply;

    const reason: InterruptReason = first.kind === "aborted" ? "aborted" : limit.reason;
    await session.client.interrupt();
    waits.every(INTERRUPT_REPEAT_MS, () => void session.client.interrupt());
    const raced = await Promise.race([reply, died, waits.after<Event>(graceMs, { kind: "limit" })]);
    const second = raced.kind === "died" ? await reply : raced;
    if (second.kind === "reply") return { kind: "interrupted", reason, outcome: second.outcome };
    if (second.kind === "died") return second;
    await session.process.kill();
    await session.ended; // lets the last iopub messages of the killed cell arrive
    return { kind: "interrupt-failed", reason };
  } finally {
    waits.clear();
  }
}

/** Told when the kernel's idle status never came (it dropped messages): output may be missing. */
export const IDLE_MISSING_NOTICE =
  "[deepnotes] The kernel never confirmed that all output of this cell arrived (its last status message was lost); some output may be missing.\n";

/**
 * Completes the cell's outputs for how it ended and says what went wrong, if anything: the notice
 * of output dropped by the limits, then the error. tslab reports a failed cell only as text on
 * stderr: that text becomes the error output (or, for an interrupted cell, is dropped in favour of
 * our timeout error).
 */
export function recordCellEnd(end: CellEnd, collector: CellOutputCollector, number: number, limit: CellLimit): CellProblem | null {
  collector.finish();
  const replied = end.kind === "reply" || end.kind === "interrupted";
  if (replied && end.outcome.idleMissing) collector.push({ output_type: "stream", name: "stdout", text: IDLE_MISSING_NOTICE });
  if (replied && end.outcome.reply.status !== "ok" && !collector.hasError()) {
    const printed = collector.takeErrorFromStderr();
    if (end.kind === "reply") collector.push(printed ?? errorFromReply(end.outcome));
  }
  const problem = describeProblem(end, number, limit, collector);
  if (problem?.output) collector.push(problem.output);
  return problem && { kind: problem.kind, message: problem.message };
}

function describeProblem(
  end: CellEnd,
  number: number,
  limit: CellLimit,
  collector: CellOutputCollector,
): (CellProblem & { output?: ErrorOutput }) | null {
  const limitText = `${limit.seconds} s${limit.source === undefined ? "" : ` from ${limit.source}`}`;
  switch (end.kind) {
    case "reply": {
      if (end.outcome.reply.status === "ok") return null;
      const error = collector.outputs().find((output): output is ErrorOutput => output.output_type === "error");
      const summary = error ? `${error.ename}: ${error.evalue.split("\n")[0]}` : "the cell failed";
      return { kind: "error", message: `cell ${number}: ${summary}` };
    }
    case "died": {
      const evalue = `the kernel died while running cell ${number} (${describeExit(end.exit)})`;
      return { kind: "kernel-died", message: `cell ${number}: ${evalue}`, output: errorOutput("KernelDiedError", evalue) };
    }
    case "interrupted":
    case "interrupt-failed": {
      const how = end.kind === "interrupted" ? "interrupted" : "the interrupt did not stop it; kernel killed";
      const kind: FailureKind = end.kind === "interrupt-failed" ? "interrupt-failed" : end.reason;
      if (end.reason === "aborted") {
        const evalue = `the run was aborted during cell ${number} (${how})`;
        return { kind, message: `cell ${number}: ${evalue}`, output: errorOutput("RunAbortedError", evalue) };
      }
      if (end.reason === "notebook-timeout") {
        const evalue = `the notebook exceeded its limit of ${limitText} in cell ${number} (${how}); ${HOW_TO_RAISE.notebook}`;
        return { kind, message: `cell ${number}: ${evalue}`, output: errorOutput("NotebookTimeoutError", evalue) };
      }
      const evalue = `cell ${number} exceeded the per-cell limit of ${limitText} (${how}); ${HOW_TO_RAISE.cell}`;
      return { kind, message: evalue, output: errorOutput("CellTimeoutError", evalue) };
    }
  }
}

/** An error output the runner makes itself (timeouts, a dead kernel). */
export function errorOutput(ename: string, evalue: string): ErrorOutput {
  return { output_type: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

/** For a failed reply with nothing on stderr: whatever the reply itself says. */
function errorFromReply(outcome: ExecuteOutcome): ErrorOutput {
  const { ename, evalue, traceback, status } = outcome.reply;
  if (status === "abort") return errorOutput("Error", "the kernel aborted the request");
  return {
    output_type: "error",
    ename: ename ?? "Error",
    evalue: evalue ?? "the kernel reported an error without a message",
    traceback: traceback ?? [],
  };
}

/** Timers and abort listeners for one race, all removed at once when it is decided. */
class Waits {
  private readonly cleanups: Array<() => void> = [];

  after<T>(ms: number, value: T): Promise<T> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(value), ms);
      this.cleanups.push(() => clearTimeout(timer));
    });
  }

  every(ms: number, callback: () => void): void {
    const timer = setInterval(callback, ms);
    this.cleanups.push(() => clearInterval(timer));
  }

  /** Resolves with `value` when `signal` aborts; never without a signal. */
  abort<T>(signal: AbortSignal | undefined, value: T): Promise<T> {
    return new Promise((resolve) => {
      if (signal === undefined) return;
      if (signal.aborted) return resolve(value);
      const listener = () => resolve(value);
      signal.addEventListener("abort", listener, { once: true });
      this.cleanups.push(() => signal.removeEventListener("abort", listener));
    });
  }

  clear(): void {
    for (const cleanup of this.cleanups) cleanup();
  }
}
