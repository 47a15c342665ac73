// A minimal Jupyter client: the four sockets of one kernel, request/reply matching, and the iopub
// messages each request caused. Only what a headless runner needs: kernel_info, execute, interrupt,
// shutdown, heartbeat. Every incoming message's signature is verified (wire.ts); messages that do
// not answer one of our pending requests are ignored.
//
// A request is complete when both its shell reply AND its iopub `status: idle` have arrived. The
// two come over different sockets in either order, and only the idle status guarantees that every
// output of the request has been received (iopub is ordered, shell and iopub are not ordered
// with respect to each other). A kernel's PUB socket may drop messages when it publishes faster
// than we read — the idle status among them — so a reply whose idle does not come is taken as
// complete once iopub has been quiet for IDLE_GRACE_MS: a lost message must never hang a cell.
//
// Memory: iopub messages are handed to `onIopub` as they arrive and not kept; only a request
// without `onIopub` (kernel_info, small test requests) collects them for its outcome.

import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as zmq from "zeromq";
import { channelAddress, type ConnectionInfo } from "./connection";
import { createMessage, parse, serialize, type ReceivedMessage } from "./wire";

export interface ExecuteReplyContent {
  status: "ok" | "error" | "abort";
  /** tslab leaves this out when the cell was cancelled ("abort"). */
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface KernelInfoContent {
  protocol_version: string;
  implementation: string;
  language_info: { name: string; version?: string; file_extension?: string };
  banner?: string;
}

export interface ExecuteOutcome {
  reply: ExecuteReplyContent;
  /** The request's iopub messages in arrival order, without `status`; empty when `onIopub` took them. */
  iopub: ReceivedMessage[];
  /** True if the idle status never came (the kernel dropped it) and iopub went quiet instead. */
  idleMissing: boolean;
}

export interface ExecuteOptions {
  /** Called for each iopub message of this request as it arrives (outputs survive a later kill). */
  onIopub?: (message: ReceivedMessage) => void;
}

interface Completed {
  reply: ReceivedMessage;
  iopub: ReceivedMessage[];
  idleMissing: boolean;
}

interface PendingRequest {
  reply: ReceivedMessage | null;
  idle: boolean;
  waitForIdle: boolean;
  /** Collected only without onIopub. */
  iopub: ReceivedMessage[];
  onIopub?: (message: ReceivedMessage) => void;
  /** When the last message of this request arrived (ms, performance.now()). */
  lastMessageAt: number;
  quietTimer?: NodeJS.Timeout;
  resolve: (done: Completed) => void;
  reject: (error: Error) => void;
}

/** How long iopub must stay quiet after a reply before a missing idle status is given up on. */
const IDLE_GRACE_MS = 2000;
/** How often waitForReady asks again while the kernel has not answered on both channels. */
const READY_POLL_MS = 250;

type Channel = "shell" | "control" | "iopub";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class KernelClient {
  readonly session = randomUUID();
  /** Messages dropped because their signature did not verify (should stay 0). */
  invalidMessages = 0;

  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  // zeromq.js allows one pending send per socket; sends are chained so callers never see EBUSY.
  private readonly sendChains = new Map<zmq.Dealer, Promise<void>>();
  private readonly pending = new Map<string, PendingRequest>();
  private closed = false;

  /**
   * Connects to a kernel described by `connection`. `interruptKernel` sends the interrupt for
   * kernels with `interrupt_mode: "signal"` (SIGINT to the process); without it, `interrupt()`
   * sends an `interrupt_request` on the control channel.
   */
  constructor(
    readonly connection: ConnectionInfo,
    private readonly interruptKernel?: () => void,
  ) {
    this.iopub.subscribe();
    this.shell.connect(channelAddress(connection, "shell"));
    this.control.connect(channelAddress(connection, "control"));
    this.iopub.connect(channelAddress(connection, "iopub"));
    void this.readLoop(this.shell, "shell");
    void this.readLoop(this.control, "control");
    void this.readLoop(this.iopub, "iopub");
  }

  /**
   * Resolves once the kernel answers on shell AND its iopub messages reach us. A SUB socket misses
   * everything published before its subscription reaches the kernel ("slow joiner"), so we keep
   * asking kernel_info until one request's idle status comes back on iopub. Every request stays
   * pending until the end: the answer to an early one counts as much as the latest (dropping a
   * request after a poll interval would never finish on a kernel slower than that interval).
   */
  async waitForReady(timeoutMs: number): Promise<KernelInfoContent> {
    const deadline = performance.now() + timeoutMs;
    const asked: string[] = [];
    let answer: (done: Completed) => void = () => {};
    const answered = new Promise<Completed>((resolve) => (answer = resolve));
    try {
      while (performance.now() < deadline) {
        if (this.closed) throw new Error("kernel client closed");
        const { msgId, done } = this.request(this.shell, "kernel_info_request", {}, true);
        asked.push(msgId);
        done.then(answer, () => {});
        const first = await Promise.race([answered, sleep(Math.min(READY_POLL_MS, Math.max(0, deadline - performance.now())))]);
        if (first) return first.reply.content as unknown as KernelInfoContent;
      }
    } finally {
      for (const msgId of asked) this.dropPending(msgId);
    }
    throw new Error(`the kernel did not answer within ${(timeoutMs / 1000).toFixed(1)} s`);
  }

  /** The kernel's kernel_info_reply content. */
  async kernelInfo(): Promise<KernelInfoContent> {
    const { reply } = await this.request(this.shell, "kernel_info_request", {}, true).done;
    return reply.content as unknown as KernelInfoContent;
  }

  /** Executes `code`; resolves with the reply and every iopub output once the kernel is idle again. */
  async executeRequest(code: string, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    const content = {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    };
    const { done } = this.request(this.shell, "execute_request", content, true, options.onIopub);
    const { reply, iopub, idleMissing } = await done;
    return { reply: reply.content as unknown as ExecuteReplyContent, iopub, idleMissing };
  }

  /**
   * Interrupts the running cell (signal or message, see the constructor). An interrupt_request
   * waits at most `timeoutMs` for its reply: a kernel that never answers must not stall the
   * caller, which goes on to kill it.
   */
  async interrupt(timeoutMs = 1000): Promise<void> {
    if (this.interruptKernel) {
      this.interruptKernel();
      return;
    }
    const { msgId, done } = this.request(this.control, "interrupt_request", {}, false);
    await Promise.race([done.catch(() => {}), sleep(timeoutMs)]);
    this.dropPending(msgId);
  }

  /** Asks the kernel to shut down; true if it acknowledged within `timeoutMs`. */
  async shutdown(timeoutMs = 1000): Promise<boolean> {
    if (this.closed) return false;
    const { msgId, done } = this.request(this.control, "shutdown_request", { restart: false }, false);
    const acknowledged = await Promise.race([done.then(() => true, () => false), sleep(timeoutMs).then(() => false)]);
    this.dropPending(msgId);
    return acknowledged;
  }

  /** Heartbeat: true if the kernel echoes a ping within `timeoutMs`. A busy tslab still answers. */
  async isAlive(timeoutMs = 1000): Promise<boolean> {
    if (this.closed) return false;
    // A fresh REQ socket per ping: a REQ socket that timed out waiting is stuck in its send/receive
    // lock-step, and reusing it would need more state than it is worth.
    const hb = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
    try {
      hb.connect(channelAddress(this.connection, "hb"));
      const ping = Buffer.from(randomUUID());
      await hb.send(ping);
      const [echo] = await hb.receive();
      return echo.equals(ping);
    } catch {
      return false;
    } finally {
      hb.close();
    }
  }

  /**
   * The kernel is gone (its process exited, or we close): a request it already replied to completes
   * (its idle status will never come), every other pending request is rejected with `error`.
   */
  failPending(error: Error): void {
    for (const [msgId, request] of [...this.pending]) {
      if (request.reply !== null) {
        this.complete(msgId, request, !request.idle);
      } else {
        clearTimeout(request.quietTimer);
        request.reject(error);
      }
    }
    this.pending.clear();
  }

  /** Closes the sockets; pending requests are rejected. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.failPending(new Error("kernel client closed"));
    this.shell.close();
    this.control.close();
    this.iopub.close();
  }

  private request(
    socket: zmq.Dealer,
    msgType: string,
    content: unknown,
    waitForIdle: boolean,
    onIopub?: (message: ReceivedMessage) => void,
  ): { msgId: string; done: Promise<Completed> } {
    const message = createMessage(msgType, content, this.session);
    const msgId = message.header.msg_id;
    const done = new Promise<Completed>((resolve, reject) => {
      if (this.closed) {
        reject(new Error("kernel client closed"));
        return;
      }
      const lastMessageAt = performance.now();
      this.pending.set(msgId, { reply: null, idle: false, waitForIdle, iopub: [], onIopub, lastMessageAt, resolve, reject });
      this.send(socket, serialize(message, this.connection.key)).catch((error: Error) => {
        this.pending.delete(msgId);
        reject(error);
      });
    });
    // Callers may stop waiting (timeouts, races); a later rejection must not become unhandled.
    done.catch(() => {});
    return { msgId, done };
  }

  private send(socket: zmq.Dealer, frames: Buffer[]): Promise<void> {
    const previous = this.sendChains.get(socket) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => socket.send(frames));
    this.sendChains.set(socket, next);
    return next;
  }

  private dropPending(msgId: string): void {
    clearTimeout(this.pending.get(msgId)?.quietTimer);
    this.pending.delete(msgId);
  }

  private async readLoop(socket: zmq.Dealer | zmq.Subscriber, channel: Channel): Promise<void> {
    try {
      for await (const frames of socket) this.dispatch(frames, channel);
    } catch (error) {
      // Closing a socket ends its loop with an error; anything else means the client is unusable.
      if (!this.closed) this.failPending(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private dispatch(frames: Buffer[], channel: Channel): void {
    let message: ReceivedMessage;
    try {
      message = parse(frames, this.connection.key);
    } catch {
      this.invalidMessages++;
      return;
    }
    const parentId = message.parent_header.msg_id;
    const request = parentId === undefined ? undefined : this.pending.get(parentId);
    if (request === undefined || parentId === undefined) return;
    request.lastMessageAt = performance.now();

    if (channel === "iopub") {
      if (message.header.msg_type === "status") {
        if ((message.content as { execution_state?: string }).execution_state === "idle") request.idle = true;
      } else if (request.onIopub) {
        request.onIopub(message);
      } else {
        request.iopub.push(message);
      }
    } else {
      request.reply = message;
    }
    if (request.reply === null) return;
    if (request.idle || !request.waitForIdle) this.complete(parentId, request, false);
    else request.quietTimer ??= setTimeout(() => this.checkQuiet(parentId, request), IDLE_GRACE_MS);
  }

  /**
   * The reply is here but the idle status is not. Completes the request once iopub has been quiet
   * for IDLE_GRACE_MS. The check runs from setImmediate, after the event loop has polled the
   * sockets: a timer that fires late (a long parse, a busy machine) must not overtake messages
   * that are already waiting to be read.
   */
  private checkQuiet(msgId: string, request: PendingRequest): void {
    setImmediate(() => {
      if (this.pending.get(msgId) !== request) return;
      const quietFor = performance.now() - request.lastMessageAt;
      if (quietFor >= IDLE_GRACE_MS) this.complete(msgId, request, true);
      else request.quietTimer = setTimeout(() => this.checkQuiet(msgId, request), IDLE_GRACE_MS - quietFor);
    });
  }

  private complete(msgId: string, request: PendingRequest, idleMissing: boolean): void {
    clearTimeout(request.quietTimer);
    this.pending.delete(msgId);
    request.resolve({ reply: request.reply!, iopub: request.iopub, idleMissing });
  }
}
