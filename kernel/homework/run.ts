// One submission's graded run: its restored cells (restore.ts) in a fresh, sandboxed kernel
// (sandbox.ts), with the runner's pieces — kernel sessions, cell execution with interrupt-then-kill
// time limits, output collection. What grading adds to a plain run:
// - a preamble before the first cell of every kernel installs the harness with a fresh secret;
// - the harness's records are taken out of the message stream as they arrive, before any output
//   limit or collector sees them, and read from the kernel's stderr too (where the harness writes
//   them synchronously, so the last ones before a crash are not lost), each checked with the
//   secret of the kernel it came from;
// - a kernel that dies (crash, memory limit, process.exit) is restarted, the cells that had run
//   fine are replayed silently to rebuild the state, and the run goes on after the cell that killed
//   it — up to a number of restarts;
// - every cell's ending is kept (CellOutcome) so verdicts can say what stopped which case.

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { GRADE_RECORD_LINE, GRADE_RECORD_MIME } from "../../src/display/common";
import type { ErrorOutput } from "../notebook-format";
import { packageRoot } from "../paths";
import { executeCell, recordCellEnd, type CellEnd, type CellLimit } from "../runner/cell-execution";
import { ipcConnectionInfo } from "../runner/connection";
import { describeExit } from "../runner/kernel-process";
import { KernelSession } from "../runner/kernel-session";
import { CellOutputCollector, NotebookOutputs } from "../runner/outputs";
import { AFTER_ERROR_MS } from "../runner/runner";
import type { ReceivedMessage } from "../runner/wire";
import { parseRecordLine, verifyRecord, type VerifiedRecord } from "./records";
import type { GradedCell } from "./restore";
import { prepareScratch, sandboxedKernelArgv } from "./sandbox";
import { isMemoryError, type CellOutcome } from "./verdicts";

export interface GradedRunOptions {
  /** "grade" for submissions; "author" for the master while assign records the expected values. */
  mode: "grade" | "author";
  /** Seconds one cell may run. */
  cellTimeout: number;
  /** Seconds the whole submission may take, kernel starts and replays included. */
  submissionTimeout: number;
  memoryMb: number;
  fileSizeMb: number;
  /** Confine the kernel with bubblewrap as well (sandbox.ts). */
  bwrap: boolean;
  /** Kernel restarts after which the remaining cells are not run. */
  maxRestarts: number;
  /** Seconds a kernel may take to start (default 60). */
  startTimeout?: number;
  /** Seconds to wait after an interrupt before killing the kernel (default 5). */
  interruptGrace?: number;
}

export interface GradedRun {
  /** How each of the restored cells ended, by index. */
  outcomes: CellOutcome[];
  /** Authenticated records, each once (with the cell it arrived in, when it came as a display message). */
  records: VerifiedRecord[];
  /** Record-like messages whose signature did not verify. */
  forgedRecords: number;
  restarts: number;
  seconds: number;
}

/** Bytes of records one submission may send before further ones are dropped. */
const RECORD_BYTES = 64 * 1024 * 1024;
/** A stderr line longer than this is not a record and is dropped while it streams by. */
const RECORD_LINE_BYTES = 16 * 1024 * 1024;
/** How long to wait, after a kernel died, for the rest of what it wrote to stderr. */
const STDERR_DRAIN_MS = 2000;

const gradingModule = () => path.join(packageRoot(), "dist", "src", "check", "grading.js");

/**
 * Outputs of a cell (within the runner's output limits), with the harness's records diverted to
 * `onRecord` as they arrive — before the limits, so a submission that floods its output cannot
 * crowd its own records out.
 */
class RecordDivertingCollector extends CellOutputCollector {
  constructor(
    outputs: NotebookOutputs,
    private readonly onRecord: (record: { payload: unknown; mac: unknown }) => void,
  ) {
    super(outputs);
  }

  override add(message: ReceivedMessage): void {
    const type = message.header.msg_type;
    // The raw bytes are searched first, so large displays that are not records are never parsed here.
    if ((type === "display_data" || type === "update_display_data" || type === "execute_result") && message.contentFrame.includes(GRADE_RECORD_MIME)) {
      const data = (message.content as { data?: Record<string, unknown> }).data;
      if (typeof data === "object" && data !== null && GRADE_RECORD_MIME in data) {
        const record = data[GRADE_RECORD_MIME] as { payload?: unknown; mac?: unknown } | null;
        this.onRecord({ payload: record?.payload, mac: record?.mac });
        return;
      }
    }
    super.add(message);
  }
}

interface Kernel {
  session: KernelSession;
  secret: Buffer;
}

export async function runGraded(cells: GradedCell[], options: GradedRunOptions): Promise<GradedRun> {
  const begin = performance.now();
  const deadline = begin + options.submissionTimeout * 1000;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "dng-"));
  const scratch = prepareScratch(runDir);
  const outcomes: CellOutcome[] = cells.map(() => ({ status: "not-run" }));
  const records: VerifiedRecord[] = [];
  let forgedRecords = 0;
  let recordBytes = 0;
  const seen = new Set<string>();
  const receive = (raw: { payload: unknown; mac: unknown }, secret: Buffer, cell: number | null) => {
    recordBytes += typeof raw.payload === "string" ? raw.payload.length : 0;
    if (recordBytes > RECORD_BYTES) return;
    const record = verifyRecord({ ...raw, cell, secret });
    if (record === null) forgedRecords++;
    else if (!seen.has(record.payload)) {
      seen.add(record.payload);
      records.push(record);
    }
  };
  let restarts = 0;
  let starts = 0;
  let kernel: Kernel | null = null;
  /** Cells that ran fine, replayed after a restart; cells that killed a kernel are never replayed. */
  const replayable: number[] = [];
  const notebookOutputs = new NotebookOutputs();
  const msLeft = () => deadline - performance.now();

  const execute = async (k: Kernel, code: string, cell: number | null, limitSeconds: number) => {
    const collector = new RecordDivertingCollector(notebookOutputs, (raw) => receive(raw, k.secret, cell));
    const limit: CellLimit = limitSeconds * 1000 >= msLeft()
      ? { reason: "notebook-timeout", ms: Math.max(msLeft(), 0), seconds: options.submissionTimeout }
      : { reason: "cell-timeout", ms: limitSeconds * 1000, seconds: limitSeconds };
    k.session.executeCount++;
    const end = await executeCell(k.session, code, collector, limit, (options.interruptGrace ?? 5) * 1000, undefined);
    const problem = recordCellEnd(end, collector, 0, limit);
    return { end, problem, outputs: collector.outputs(), limit };
  };

  const startKernel = async (): Promise<Kernel> => {
    starts++;
    const socketDir = path.join(runDir, `s${starts}`);
    fs.mkdirSync(socketDir);
    const secret = randomBytes(32);
    // In scratch, the one folder the kernel may write (so the preamble can delete it). An earlier
    // kernel of this submission may have left a link under that name: it is removed, and the file is
    // created exclusively (O_EXCL never follows a link), so the grader never writes where a
    // submission points it.
    const secretFile = path.join(scratch, `.deepnotes-secret-${starts}`);
    fs.rmSync(secretFile, { force: true });
    fs.writeFileSync(secretFile, secret, { mode: 0o600, flag: "wx" });
    const argv = sandboxedKernelArgv({ runDir, scratchDir: scratch, memoryMb: options.memoryMb, fileSizeMb: options.fileSizeMb, bwrap: options.bwrap });
    const lines = new LineSplitter((line) => {
      const raw = parseRecordLine(line, GRADE_RECORD_LINE);
      if (raw !== null) receive(raw, secret, null);
    });
    const session = await KernelSession.start(scratch, Math.min((options.startTimeout ?? 60) * 1000, Math.max(msLeft(), 1000)), {
      command: { name: "deepnotes", argv, interruptMode: options.bwrap ? "signal-group" : "signal" },
      createConnection: () => Promise.resolve(ipcConnectionInfo(socketDir)),
      onStderr: (chunk) => lines.push(chunk),
    });
    const k: Kernel = { session, secret };
    const preamble = `require(${JSON.stringify(gradingModule())}).installGrader({ secretFile: ${JSON.stringify(secretFile)}, mode: ${JSON.stringify(options.mode)} });`;
    const setup = await execute(k, preamble, null, options.cellTimeout);
    if (setup.problem !== null) {
      await session.dispose();
      throw new Error(`the grading harness could not be installed: ${setup.problem.message}${errorText(setup.outputs)}`);
    }
    return k;
  };

  const stopKernel = async () => {
    if (kernel === null) return;
    await kernel.session.dispose();
    // The records a dying kernel wrote last may still be in its stderr pipe: read to the end.
    await Promise.race([kernel.session.process.closed, new Promise((resolve) => setTimeout(resolve, STDERR_DRAIN_MS))]);
    kernel = null;
  };

  try {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell.cellType !== "code" || cell.source.trim() === "") {
        outcomes[i] = { status: "ok" };
        continue;
      }
      if (msLeft() <= 0) {
        outcomes[i] = { status: "not-run", message: `the submission's time limit of ${options.submissionTimeout} s was reached before this cell` };
        continue;
      }
      if (kernel === null) {
        if (restarts > options.maxRestarts) {
          outcomes[i] = { status: "not-run", message: `the kernel died ${restarts} times; the remaining cells were not run` };
          continue;
        }
        try {
          kernel = await startKernel();
        } catch (error) {
          // The first start failing is the grader's problem (no kernel, no sandbox): the caller reports it.
          // A restart failing ends the run; what ran before keeps its results.
          if (starts === 1) throw error;
          for (let j = i; j < cells.length; j++) outcomes[j] = { status: "not-run", message: `the kernel could not be restarted: ${(error as Error).message}` };
          break;
        }
        for (let r = 0; r < replayable.length && kernel !== null; r++) {
          const replay = await execute(kernel, cells[replayable[r]].source, null, options.cellTimeout);
          if (replay.end.kind === "died" || replay.end.kind === "interrupt-failed") {
            replayable.splice(r, 1);
            await stopKernel();
          }
        }
        if (kernel === null) {
          restarts++;
          i--; // try this cell again on a fresh kernel, without the replayed cell that killed the last one
          continue;
        }
      }
      const run = await execute(kernel, cell.source, i, options.cellTimeout);
      outcomes[i] = outcomeOf(run.end, run.problem?.message ?? null, run.outputs, kernel.session, options, run.limit.reason === "notebook-timeout");
      if (run.end.kind === "died" || run.end.kind === "interrupt-failed") {
        await stopKernel();
        restarts++;
      } else if (outcomes[i].status === "ok" && cell.kind !== "tests") {
        replayable.push(i);
      } else if (outcomes[i].status !== "ok") {
        await new Promise((resolve) => setTimeout(resolve, AFTER_ERROR_MS));
      }
    }
  } finally {
    await stopKernel();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  return { outcomes, records, forgedRecords, restarts, seconds: (performance.now() - begin) / 1000 };
}

/** Whole lines of a byte stream, handed on as they complete; over-long lines are dropped. */
class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping = false;

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
      this.append(chunk.subarray(start, newline));
      if (!this.dropping) this.onLine(Buffer.concat(this.pending).toString("utf8"));
      this.pending = [];
      this.pendingBytes = 0;
      this.dropping = false;
      start = newline + 1;
    }
    this.append(chunk.subarray(start));
  }

  private append(part: Buffer): void {
    if (this.dropping || part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > RECORD_LINE_BYTES) {
      this.pending = [];
      this.dropping = true;
    } else {
      this.pending.push(part);
    }
  }
}

function outcomeOf(
  end: CellEnd,
  problem: string | null,
  outputs: ReturnType<CellOutputCollector["outputs"]>,
  session: KernelSession,
  options: GradedRunOptions,
  submissionLimit: boolean,
): CellOutcome {
  switch (end.kind) {
    case "reply": {
      if (end.outcome.reply.status === "ok") return { status: "ok" };
      const error = errorText(outputs).trim() || (problem ?? "the cell failed");
      return { status: "error", message: error, memory: isMemoryError(error) };
    }
    case "interrupted":
    case "interrupt-failed": {
      const limit = submissionLimit ? `the submission's time limit of ${options.submissionTimeout} s` : `the per-cell time limit of ${options.cellTimeout} s`;
      return { status: "timeout", message: `${limit} was exceeded (${end.kind === "interrupted" ? "interrupted" : "the kernel did not stop and was killed"})` };
    }
    case "died": {
      const log = session.process.log;
      if (isMemoryError(log)) return { status: "died", memory: true, message: `the kernel ran out of memory (limit ${options.memoryMb} MB) and died` };
      return { status: "died", message: `the kernel exited (${describeExit(end.exit)})` };
    }
  }
}

/** "Name: message" of the error outputs (the first line of each). */
function errorText(outputs: ReturnType<CellOutputCollector["outputs"]>): string {
  return outputs
    .filter((o): o is ErrorOutput => o.output_type === "error")
    .map((o) => `${o.ename}: ${o.evalue.split("\n")[0]}`)
    .join("; ");
}
