// A minimal Jupyter client: the four sockets of one kernel, request/reply matching, and the iopub
// messages each request caused. Only what a headless runner needs: kernel_info, execute, interrupt,
// shutdown, heartbeat. Every incoming message's signature is verified (wire.ts); messages that do
// not answer one of our pending requests are ignored.
//
// A request is complete when both its shell reply AND its iopub `status: idle` have arrived. The
// two come over different sockets in either order, and only the idle status guarantees that every
// output of the request has been received (iopub is ordered, shell and iopub are not ordered
// with respect to each other).

import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { channelAddress, type ConnectionInfo } from "./connection";
import { createMessage, parse, serialize, type Message } from "./wire";

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
  /** The request's iopub messages in arrival order, without `status` messages. */
  iopub: Message[];
}

export interface ExecuteOptions {
  /** Called for each iopub message of this request as it arrives (outputs survive a later kill). */
  onIopub?: (message: Message) => void;
}

interface PendingRequest {
  reply: Message | null;
  idle: boolean;
  waitForIdle: boolean;
  iopub: Message[];
  onIopub?: (message: Message) => void;
  resolve: (done: { reply: Message; iopub: Message[] }) => void;
  reject: (error: Error) => void;
}

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
   * asking kernel_info until one request's idle status comes back on iopub.
   */
  async waitForReady(timeoutMs: number): Promise<KernelInfoContent> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { msgId, done } = this.request(this.shell, "kernel_info_request", {}, true);
      const answered = await Promise.race([done, sleep(Math.min(250, Math.max(0, deadline - Date.now())))]);
      if (answered) return answered.reply.content as unknown as KernelInfoContent;
      this.dropPending(msgId);
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
    const { reply, iopub } = await done;
    return { reply: reply.content as unknown as ExecuteReplyContent, iopub };
  }

  /** Interrupts the running cell (signal or message, see the constructor). */
  async interrupt(): Promise<void> {
    if (this.interruptKernel) {
      this.interruptKernel();
      return;
    }
    await this.request(this.control, "interrupt_request", {}, false).done;
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

  /** Rejects every pending request with `error` (e.g. the kernel process exited). */
  failPending(error: Error): void {
    for (const request of this.pending.values()) request.reject(error);
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
    onIopub?: (message: Message) => void,
  ): { msgId: string; done: Promise<{ reply: Message; iopub: Message[] }> } {
    const message = createMessage(msgType, content, this.session);
    const msgId = message.header.msg_id;
    const done = new Promise<{ reply: Message; iopub: Message[] }>((resolve, reject) => {
      if (this.closed) {
        reject(new Error("kernel client closed"));
        return;
      }
      this.pending.set(msgId, { reply: null, idle: false, waitForIdle, iopub: [], onIopub, resolve, reject });
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
    let message: Message;
    try {
      message = parse(frames, this.connection.key);
    } catch {
      this.invalidMessages++;
      return;
    }
    const parentId = message.parent_header.msg_id;
    const request = parentId === undefined ? undefined : this.pending.get(parentId);
    if (request === undefined || parentId === undefined) return;

    if (channel === "iopub") {
      if (message.header.msg_type === "status") {
        if ((message.content as { execution_state?: string }).execution_state === "idle") request.idle = true;
      } else {
        request.iopub.push(message);
        request.onIopub?.(message);
      }
    } else {
      request.reply = message;
    }
    if (request.reply !== null && (request.idle || !request.waitForIdle)) {
      this.pending.delete(parentId);
      request.resolve({ reply: request.reply, iopub: request.iopub });
    }
  }
}
