// The kernel as an operating-system process: its command line (by default
// `node kernel/launch.js <connection_file>`, see kernel-command.ts) started in the notebook's
// directory (tslab resolves imports from its cwd). The runner needs three things
// from it that the Jupyter protocol cannot give: an interrupt (tslab's interrupt_mode is "signal"),
// a kill when the interrupt does not work, and an immediate notice when the process dies.
//
// The kernel gets its own process group (detached), so a Ctrl-C in the terminal reaches only the
// runner, and SIGKILL to the group also ends anything a cell spawned. Live kernels are killed when
// the runner process exits; a runner killed outright is noticed by the launcher (parent watch).

import { spawn, type ChildProcess } from "node:child_process";

export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. a missing cwd). */
  spawnError?: string;
}

export interface KernelProcessOptions {
  cwd: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Every chunk the process writes to its own stderr, as it arrives (the grader reads records there). */
  onStderr?: (chunk: Buffer) => void;
}

/** The last characters of the kernel's own stdout and stderr kept for error messages (start-up errors). */
const LOG_TAIL_CHARS = 8192;

const liveKernels = new Set<KernelProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const kernel of liveKernels) kernel.killNow();
  });
}

export class KernelProcess {
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<KernelExit>;
  /** Resolves when the process's stdout and stderr are closed: every byte it wrote has been read. */
  readonly closed: Promise<void>;
  private exitStatus: KernelExit | null = null;
  private stdoutTail = "";
  private stderrTail = "";
  private readonly child: ChildProcess;

  /** Starts `argv` (program first, connection file already filled in). */
  constructor(argv: string[], options: KernelProcessOptions) {
    installExitHook();
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    liveKernels.add(this);
    // Drain both pipes (a full pipe would block the kernel) and keep a tail for diagnostics.
    // Once a cell runs, tslab sends stdout/stderr over iopub; only startup noise arrives here.
    this.child.stdout?.on("data", (chunk: Buffer) => (this.stdoutTail = tail(this.stdoutTail, chunk)));
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = tail(this.stderrTail, chunk);
      options.onStderr?.(chunk);
    });
    this.closed = new Promise((resolve) => {
      this.child.once("close", () => resolve());
      this.child.once("error", () => resolve());
    });
    this.exited = new Promise<KernelExit>((resolve) => {
      this.child.once("exit", (code, signal) => resolve({ code, signal }));
      this.child.once("error", (error) => resolve({ code: null, signal: null, spawnError: error.message }));
    }).then((status) => {
      this.exitStatus = status;
      liveKernels.delete(this);
      return status;
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The exit status once the process has exited, else null. */
  get exit(): KernelExit | null {
    return this.exitStatus;
  }

  /** The tail of what the kernel process wrote to its own stderr, else to its stdout; trimmed. */
  get log(): string {
    return this.stderrTail.trim() || this.stdoutTail.trim();
  }

  /** SIGINT to the kernel process: tslab interrupts the running cell and stays alive. */
  interrupt(): void {
    this.signal("SIGINT", false);
  }

  /** SIGINT to the kernel's process group: for a kernel behind a wrapper that does not pass it on. */
  interruptGroup(): void {
    this.signal("SIGINT", true);
  }

  /** SIGKILL to the kernel's process group; resolves when the kernel has exited. */
  async kill(): Promise<KernelExit> {
    this.killNow();
    return this.exited;
  }

  /** Waits up to `timeoutMs` for the process to exit on its own; true if it did. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.exitStatus) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const exited = await Promise.race([this.exited.then(() => true), timedOut]);
    clearTimeout(timer);
    return exited;
  }

  /** Synchronous SIGKILL of the process group (used from the process 'exit' hook too). */
  killNow(): void {
    this.signal("SIGKILL", true);
  }

  private signal(signal: NodeJS.Signals, wholeGroup: boolean): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exitStatus) return;
    try {
      process.kill(wholeGroup ? -pid : pid, signal);
    } catch {
      // Already gone: the 'exit' event is on its way.
    }
  }

}

function tail(text: string, chunk: Buffer): string {
  return (text + chunk.toString("utf8")).slice(-LOG_TAIL_CHARS);
}

/** "exit code 3" / "signal SIGKILL" / "could not start: …" — for failure messages. */
export function describeExit(exit: KernelExit): string {
  if (exit.spawnError !== undefined) return `could not start: ${exit.spawnError}`;
  if (exit.signal !== null) return `signal ${exit.signal}`;
  return `exit code ${exit.code}`;
}
