// One running kernel as the runner sees it: the connection file, the process and the client,
// started together and always torn down together (shutdown_request, then kill, then close).
//
// Starting can fail in three ways, each with its own kind so a report can say which:
// - "kernel-missing": the kernel command names a program or file that is not there;
// - "kernel-start-failed": the process exited before it answered (its stderr says why);
// - "kernel-start-timeout": the process runs but never answered on shell and iopub.
// One failure is retried instead: our launcher exits with PORTS_TAKEN_EXIT_CODE when another
// process took one of its ports between our choosing them and its binding them (connection.ts).

import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { KernelClient, type KernelInfoContent } from "./client";
import { createConnectionInfo, releasePorts, removeConnectionFile, writeConnectionFile, type ConnectionInfo } from "./connection";
import { commandLine, defaultKernelCommand, describeCommand, missingPart, type KernelCommand } from "./kernel-command";
import { describeExit, KernelProcess, type KernelExit } from "./kernel-process";

/**
 * After the process exits, iopub messages it sent just before may still be on their way through
 * our socket. Waiting this long before declaring the kernel dead keeps the cell's last outputs
 * (e.g. a print right before `process.exit`).
 */
const IOPUB_SETTLE_MS = 100;

/** Our launcher's exit code for "a port of the connection file is taken" (kernel/launch.js). */
const PORTS_TAKEN_EXIT_CODE = 75;
/** Starts tried with fresh ports before "ports taken" counts as a failure. */
const PORT_ATTEMPTS = 3;
/** How much of the kernel's stderr a start failure quotes. */
const STDERR_IN_MESSAGE = 2000;

/** Thrown to pending requests when the kernel process exits. */
class KernelExitedError extends Error {
  constructor(readonly exit: KernelExit) {
    super(`the kernel exited (${describeExit(exit)})`);
    this.name = "KernelExitedError";
  }
}

export type KernelStartFailureKind = "kernel-missing" | "kernel-start-failed" | "kernel-start-timeout";

/** The kernel could not be started; `kind` says how, the message says what happened. */
export class KernelStartError extends Error {
  override name = "KernelStartError";
  constructor(
    readonly kind: KernelStartFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface KernelStartOptions {
  /** The command to start; default our own launcher. */
  command?: KernelCommand;
  /** Where the connection info comes from; tests hand out taken ports with it. */
  createConnection?: () => Promise<ConnectionInfo>;
  /** See KernelProcessOptions.onStderr. */
  onStderr?: (chunk: Buffer) => void;
}

export class KernelSession {
  /** Resolves shortly after the kernel process exited, for whatever reason. */
  readonly ended: Promise<KernelExit>;
  /** execute_requests sent so far: tslab's next execution_count is this + 1. */
  executeCount = 0;
  private disposed = false;

  private constructor(
    readonly process: KernelProcess,
    readonly client: KernelClient,
    private readonly connectionFile: string,
    readonly kernelInfo: KernelInfoContent,
    readonly startSeconds: number,
    /** How many processes were started (more than 1 only when ports were taken). */
    readonly startAttempts: number,
  ) {
    this.ended = process.exited.then(async (exit) => {
      await new Promise((resolve) => setTimeout(resolve, IOPUB_SETTLE_MS));
      client.failPending(new KernelExitedError(exit));
      return exit;
    });
  }

  /**
   * Starts a kernel in `cwd` and waits until it answers on shell and iopub. Rejects with a
   * KernelStartError (after cleaning up) if the command is missing, the process exits first, or
   * `timeoutMs` passes; the message names the command and carries the kernel's own stderr.
   */
  static async start(cwd: string, timeoutMs: number, options: KernelStartOptions = {}): Promise<KernelSession> {
    const command = options.command ?? defaultKernelCommand();
    const where = `kernel command: ${describeCommand(command)}`;
    // spawn() reports a missing cwd as "spawn node ENOENT", which points at the wrong thing.
    if (!fs.statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
      throw new KernelStartError("kernel-start-failed", `the kernel's working directory ${cwd} does not exist`);
    }
    const missing = missingPart(command, cwd);
    if (missing !== null) throw new KernelStartError("kernel-missing", `the kernel cannot be started: ${missing} (${where})`);

    const begin = performance.now();
    const deadline = begin + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const connection = await (options.createConnection ?? createConnectionInfo)();
      const connectionFile = writeConnectionFile(connection);
      const kernel = new KernelProcess(commandLine(command, connectionFile), { cwd, env: command.env, onStderr: options.onStderr });
      const interrupt =
        command.interruptMode === "signal" ? () => kernel.interrupt() : command.interruptMode === "signal-group" ? () => kernel.interruptGroup() : undefined;
      const client = new KernelClient(connection, interrupt);
      try {
        const leftMs = Math.max(deadline - performance.now(), 0);
        // Promise.race subscribes to both, so the loser's later rejection is never unhandled.
        const info = await Promise.race([
          client.waitForReady(leftMs).catch((): never => {
            throw new KernelStartError(
              "kernel-start-timeout",
              `the kernel did not answer within ${(timeoutMs / 1000).toFixed(1)} s (${where}${outputSuffix(kernel.log)})`,
            );
          }),
          kernel.exited.then((exit): never => {
            throw new ExitedDuringStart(exit, kernel.log);
          }),
        ]);
        const seconds = (performance.now() - begin) / 1000;
        return new KernelSession(kernel, client, connectionFile, info, seconds, attempt);
      } catch (error) {
        await kernel.kill();
        client.close();
        removeConnectionFile(connectionFile);
        releasePorts(connection);
        if (!(error instanceof ExitedDuringStart)) throw error;
        const portsTaken = error.exit.code === PORTS_TAKEN_EXIT_CODE && command.name === "deepnotes";
        if (portsTaken && attempt < PORT_ATTEMPTS && performance.now() < deadline) continue;
        const what = portsTaken
          ? `the kernel could not listen on its ports ${attempt} times in a row (other programs took them)`
          : `the kernel process ${describeStartExit(error.exit)} during start`;
        throw new KernelStartError("kernel-start-failed", `${what} (${where}${outputSuffix(error.log)})`);
      }
    }
  }

  get alive(): boolean {
    return this.process.exit === null;
  }

  /** Shuts the kernel down politely, kills it if it lingers, closes sockets, removes the file. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.alive) {
      await this.client.shutdown(500);
      // tslab closes its sockets after shutdown_reply; the process ends once nothing else (a
      // cell's timer, an open handle) keeps it alive. Whatever remains is killed.
      if (!(await this.process.waitForExit(1000))) await this.process.kill();
    }
    this.client.close();
    removeConnectionFile(this.connectionFile);
    releasePorts(this.client.connection);
  }
}

/** The process exited during start (maybe because its ports were taken: start() decides). */
class ExitedDuringStart extends Error {
  constructor(
    readonly exit: KernelExit,
    readonly log: string,
  ) {
    super("the kernel exited during start");
  }
}

/** "exited with code 1" / "was killed by SIGSEGV" / "could not be started (spawn … EACCES)". */
function describeStartExit(exit: KernelExit): string {
  if (exit.spawnError !== undefined) return `could not be started (${exit.spawnError})`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/** The kernel's own output for a message: its last lines, at most STDERR_IN_MESSAGE characters. */
function outputSuffix(log: string): string {
  if (log === "") return "";
  const tail = log.length > STDERR_IN_MESSAGE ? `…${log.slice(-STDERR_IN_MESSAGE)}` : log;
  return `; stderr: ${tail}`;
}
