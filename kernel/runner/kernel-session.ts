// One running kernel as the runner sees it: the connection file, the process and the client,
// started together and always torn down together (shutdown_request, then kill, then close).

import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { KernelClient, type KernelInfoContent } from "./client";
import { createConnectionInfo, removeConnectionFile, writeConnectionFile } from "./connection";
import { describeExit, KernelProcess, type KernelExit } from "./kernel-process";

/**
 * After the process exits, iopub messages it sent just before may still be on their way through
 * our socket. Waiting this long before declaring the kernel dead keeps the cell's last outputs
 * (e.g. a print right before `process.exit`).
 */
const IOPUB_SETTLE_MS = 100;

/** Thrown to pending requests when the kernel process exits. */
class KernelExitedError extends Error {
  constructor(readonly exit: KernelExit) {
    super(`the kernel exited (${describeExit(exit)})`);
    this.name = "KernelExitedError";
  }
}

/** The kernel did not answer within the start limit. */
export class KernelStartTimeoutError extends Error {
  override name = "KernelStartTimeoutError";
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
  ) {
    this.ended = process.exited.then(async (exit) => {
      await new Promise((resolve) => setTimeout(resolve, IOPUB_SETTLE_MS));
      client.failPending(new KernelExitedError(exit));
      return exit;
    });
  }

  /**
   * Starts a kernel in `cwd` and waits until it answers on shell and iopub. Rejects (after cleaning
   * up) if the process exits first or `timeoutMs` passes; the message carries the kernel's own log.
   */
  static async start(cwd: string, timeoutMs: number): Promise<KernelSession> {
    // spawn() reports a missing cwd as "spawn node ENOENT", which points at the wrong thing.
    if (!fs.statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`the kernel's working directory ${cwd} does not exist`);
    }
    const begin = performance.now();
    const connection = await createConnectionInfo();
    const connectionFile = writeConnectionFile(connection);
    const kernel = new KernelProcess(connectionFile, { cwd });
    const client = new KernelClient(connection, () => kernel.interrupt());
    try {
      // Promise.race subscribes to both, so the loser's later rejection is never unhandled.
      const info = await Promise.race([
        client.waitForReady(timeoutMs).catch((error: Error) => {
          throw new KernelStartTimeoutError(`${error.message}${logSuffix(kernel.log)}`);
        }),
        kernel.exited.then((exit): never => {
          throw new Error(`the kernel exited during startup (${describeExit(exit)})${logSuffix(kernel.log)}`);
        }),
      ]);
      return new KernelSession(kernel, client, connectionFile, info, (performance.now() - begin) / 1000);
    } catch (error) {
      await kernel.kill();
      client.close();
      removeConnectionFile(connectionFile);
      throw error;
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
  }
}

function logSuffix(log: string): string {
  const trimmed = log.trim();
  return trimmed === "" ? "" : `; kernel output:\n${trimmed}`;
}
