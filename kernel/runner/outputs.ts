// From iopub messages to nbformat outputs, the way Jupyter's own frontends record them:
// consecutive stream messages of the same name merge into one output, `update_display_data`
// rewrites the earlier output with the same display_id in place (in any cell), `clear_output`
// clears. What is recorded stays within the output limits (output-limits.ts), checked message by
// message. One thing is tslab-specific: a failing cell produces no `error` message, only the error
// printed to stderr (console.error), so `takeErrorFromStderr` turns that text into an error output
// — even when the limits kept that text out of the recorded stream.

import { mergeStreams, type DisplayDataOutput, type ErrorOutput, type ExecuteResultOutput, type Output, type StreamOutput } from "../notebook-format";
import type { MimeBundle } from "../../src/display/common";
import { DroppedOutput, NotebookOutputBudget, type OutputLimitName, type OutputLimits } from "./output-limits";
import { readStreamText, wellFormed } from "./stream-text";
import type { ReceivedMessage } from "./wire";

interface DisplayContent {
  data?: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}

/** A recorded display output, its size, and the cell whose limits it counts against. */
interface DisplayEntry {
  output: DisplayDataOutput;
  bytes: number;
  cell: CellOutputCollector;
}

/** How much of a stderr message that passed the limits is still kept to read an error from. */
const ERROR_TEXT_BYTES = 64 * 1024;

/** The outputs of one notebook run shared by its cells: the output budget and displays by id. */
export class NotebookOutputs {
  readonly budget: NotebookOutputBudget;
  private readonly byId = new Map<string, DisplayEntry[]>();

  constructor(limits: Partial<OutputLimits> = {}) {
    this.budget = new NotebookOutputBudget(limits);
  }

  get limits(): OutputLimits {
    return this.budget.limits;
  }

  register(displayId: string, entry: DisplayEntry): void {
    const entries = this.byId.get(displayId) ?? [];
    entries.push(entry);
    this.byId.set(displayId, entries);
  }

  /** The recorded outputs shown under `displayId` (none for an id never shown or cleared). */
  shownAs(displayId: string): DisplayEntry[] {
    return this.byId.get(displayId) ?? [];
  }

  /** Forgets a display that clear_output removed: later updates must not count it. */
  forget(output: Output): void {
    for (const [id, entries] of this.byId) {
      const kept = entries.filter((entry) => entry.output !== output);
      if (kept.length !== entries.length) this.byId.set(id, kept);
    }
  }
}

/** The outputs of one code cell as its iopub messages arrive. */
export class CellOutputCollector {
  /** Outputs in arrival order; stdout merged as it comes, stderr one item per message. */
  private items: Output[] = [];
  /** Bytes each recorded stream or display item counts against the limits. */
  private readonly sizes = new Map<Output, number>();
  private clearOnNextOutput = false;
  private streamBytes = 0;
  private displays = 0;
  /** Bytes of this cell's recorded display data (updates from later cells included). */
  displayBytes = 0;
  private readonly dropped = new DroppedOutput();
  /** The last stderr message if the limits kept (part of) it out: tslab's error may be in it. */
  private droppedStderr: { text: string; partial: StreamOutput | null } | null = null;

  constructor(private readonly notebook: NotebookOutputs) {}

  add(message: ReceivedMessage): void {
    switch (message.header.msg_type) {
      case "stream":
        this.addStream(message);
        break;
      case "display_data":
      case "execute_result":
        this.addDisplay(message);
        break;
      case "update_display_data":
        this.updateDisplay(message);
        break;
      case "error": {
        const { ename, evalue, traceback } = message.content;
        this.push({
          output_type: "error",
          ename: typeof ename === "string" ? wellFormed(ename) : "Error",
          evalue: typeof evalue === "string" ? wellFormed(evalue) : "",
          traceback: Array.isArray(traceback) ? traceback.map((line) => wellFormed(typeof line === "string" ? line : JSON.stringify(line))) : [],
        });
        break;
      }
      case "clear_output":
        if (message.content.wait) this.clearOnNextOutput = true;
        else this.clear();
        break;
      default:
      // execute_input, comm_* and anything newer carry no output.
    }
  }

  /** Appends an output the runner made itself (timeouts, a dead kernel, tslab's error): never capped. */
  push(output: Output): void {
    if (this.clearOnNextOutput) this.clear();
    const last = this.items[this.items.length - 1];
    if (output.output_type === "stream" && output.name === "stdout" && last?.output_type === "stream" && last.name === "stdout") {
      last.text = String(last.text) + String(output.text);
      this.sizes.set(last, (this.sizes.get(last) ?? 0) + (this.sizes.get(output) ?? 0));
      return;
    }
    this.items.push(output);
  }

  /** True if an `error` output is already recorded (a kernel that sends proper error messages). */
  hasError(): boolean {
    return this.items.some((output) => output.output_type === "error");
  }

  /**
   * Ends the cell's recording: if the limits dropped anything, appends the notice saying what and
   * which limit to raise. Call once, after the last message of the cell.
   */
  finish(): void {
    if (this.dropped.empty) return;
    const last = this.items[this.items.length - 1];
    const needsNewline = last?.output_type === "stream" && last.name === "stdout" && !String(last.text).endsWith("\n");
    this.push({ output_type: "stream", name: "stdout", text: `${needsNewline ? "\n" : ""}${this.dropped.notice(this.notebook.limits)}` });
  }

  /**
   * tslab reports a failed cell only by printing the error to stderr. Runtime errors are one
   * console.error call, hence the cell's last stderr message; TypeScript diagnostics are one
   * message each ("3:7 - Cannot find name 'x'.") and then nothing ran, so all trailing diagnostic
   * messages belong to the error. The messages taken are removed from the stream output; anything
   * the cell wrote to stderr before stays there. Call this only for a cell whose reply was "error".
   */
  takeErrorFromStderr(): ErrorOutput | null {
    if (this.droppedStderr !== null) {
      const { text, partial } = this.droppedStderr;
      this.items = this.items.filter((item) => item !== partial);
      return parseErrorText(text);
    }
    const stderrAt = this.items.flatMap((output, i) => (isStderr(output) ? [i] : []));
    if (stderrAt.length === 0) return null;
    let first = stderrAt.length - 1;
    if (isDiagnostic(stderrText(this.items[stderrAt[first]]))) {
      while (first > 0 && isDiagnostic(stderrText(this.items[stderrAt[first - 1]]))) first--;
    }
    const taken = stderrAt.slice(first);
    const text = taken.map((i) => stderrText(this.items[i])).join("");
    this.items = this.items.filter((_, i) => !taken.includes(i));
    return parseErrorText(text);
  }

  /** The cell's outputs with consecutive same-name streams merged (copies: later stdout is appended in place). */
  outputs(): Output[] {
    return mergeStreams(this.items.map((output) => (output.output_type === "stream" ? { ...output } : output)));
  }

  private addStream(message: ReceivedMessage): void {
    if (this.clearOnNextOutput) this.clear();
    const { limits, budget } = this.notebook;
    const cellRoom = limits.cellStreamBytes - this.streamBytes;
    const notebookRoom = limits.notebookStreamBytes - budget.streamBytes;
    const room = Math.max(0, Math.min(cellRoom, notebookRoom));
    const { name, text, totalBytes } = readStreamText(message, room);
    const kept = Buffer.byteLength(text, "utf8");
    const output: StreamOutput = { output_type: "stream", name, text };
    if (kept > 0) {
      this.sizes.set(output, kept);
      this.streamBytes += kept;
      budget.streamBytes += kept;
      this.push(output);
    }
    if (name === "stderr") this.droppedStderr = null;
    if (totalBytes <= kept) return;
    this.dropped.add(cellRoom <= notebookRoom ? "cellStreamBytes" : "notebookStreamBytes", totalBytes - kept);
    if (name === "stderr") {
      this.droppedStderr = { text: readStreamText(message, ERROR_TEXT_BYTES).text, partial: kept > 0 ? output : null };
    }
  }

  private addDisplay(message: ReceivedMessage): void {
    if (this.clearOnNextOutput) this.clear();
    const { limits, budget } = this.notebook;
    const bytes = message.contentFrame.length;
    const over = this.displayLimitPassed(bytes, this.displayBytes, budget.displayBytes)
      ?? (this.displays >= limits.cellDisplays ? "cellDisplays" : budget.displays >= limits.notebookDisplays ? "notebookDisplays" : null);
    if (over !== null) {
      this.dropped.add(over, bytes);
      return;
    }
    const content = message.content as DisplayContent & { execution_count?: number | null };
    const data = content.data ?? {};
    const metadata = content.metadata ?? {};
    const output: DisplayDataOutput | ExecuteResultOutput =
      message.header.msg_type === "execute_result"
        ? { output_type: "execute_result", execution_count: content.execution_count ?? null, data, metadata }
        : { output_type: "display_data", data, metadata };
    this.sizes.set(output, bytes);
    this.displays++;
    this.displayBytes += bytes;
    budget.displays++;
    budget.displayBytes += bytes;
    this.push(output);
    const displayId = content.transient?.display_id;
    if (displayId && output.output_type === "display_data") this.notebook.register(displayId, { output, bytes, cell: this });
  }

  /** Replaces every recorded output shown under the update's display_id, if the new size fits. */
  private updateDisplay(message: ReceivedMessage): void {
    const { budget } = this.notebook;
    const { data = {}, metadata = {}, transient } = message.content as DisplayContent;
    if (!transient?.display_id) return;
    const bytes = message.contentFrame.length;
    for (const entry of this.notebook.shownAs(transient.display_id)) {
      const growth = bytes - entry.bytes;
      const over = this.displayLimitPassed(growth, entry.cell.displayBytes, budget.displayBytes);
      if (over !== null) {
        this.dropped.add(over, bytes);
        continue;
      }
      entry.output.data = data;
      entry.output.metadata = metadata;
      entry.bytes = bytes;
      entry.cell.displayBytes += growth;
      budget.displayBytes += growth;
    }
  }

  /** The byte limit that `growth` more bytes of display data would pass, or null. */
  private displayLimitPassed(growth: number, cellBytes: number, notebookBytes: number): OutputLimitName | null {
    const { limits } = this.notebook;
    if (growth <= 0) return null;
    if (cellBytes + growth > limits.cellDisplayBytes) return "cellDisplayBytes";
    if (notebookBytes + growth > limits.notebookDisplayBytes) return "notebookDisplayBytes";
    return null;
  }

  /** Removes every output of the cell so far, giving their room back to the limits. */
  private clear(): void {
    const { budget } = this.notebook;
    for (const item of this.items) {
      const bytes = this.sizes.get(item) ?? 0;
      if (item.output_type === "stream") {
        this.streamBytes -= bytes;
        budget.streamBytes -= bytes;
      } else if (item.output_type === "display_data" || item.output_type === "execute_result") {
        this.displays--;
        this.displayBytes -= bytes;
        budget.displays--;
        budget.displayBytes -= bytes;
        this.notebook.forget(item);
      }
    }
    this.items = [];
    this.sizes.clear();
    this.clearOnNextOutput = false;
    this.droppedStderr = null;
  }
}

function isStderr(output: Output): boolean {
  return output.output_type === "stream" && output.name === "stderr";
}

function stderrText(output: Output): string {
  return output.output_type === "stream" ? String(output.text) : "";
}

/** tslab's diagnostic line: "[file ]line:column - message". */
function isDiagnostic(text: string): boolean {
  return /^(\S+ )?\d+:\d+ - /.test(text);
}

/** "TypeError: x is not a function" or "Error [ERR_CODE]: …"; the name must look like an error class. */
const ERROR_FIRST_LINE = /^([\w$]*(?:Error|Exception))(?: \[[^\]]*\])?: ?(.*)$/;
/** A stack frame line as Node prints it. */
const STACK_FRAME = /^\s+at /;
/** Frames of the kernel itself (vm, tslab), below the cell: noise for a student. */
const KERNEL_FRAME = /^\s+at .*(node:vm:|[\\/]tslab[\\/]dist[\\/]|sigintHandlersWrap)/;
/** Node's "file:line" that starts the source excerpt it puts before errors thrown in vm scripts. */
const SOURCE_LOCATION = /^\S.*:\d+$/;

/**
 * An error output from an error as Node printed it (util.inspect of the thrown value). Node may
 * put the throwing source line first ("file:line", the line, a caret, a blank line); then comes
 * "SomeError: message", the stack, and any extra properties. ename is that leading name (else
 * "Error"), evalue the message, traceback all lines minus the kernel's own frames. A list of
 * TypeScript diagnostics is all message.
 */
export function parseErrorText(text: string): ErrorOutput {
  const lines = text.replace(/\n+$/, "").split("\n");
  const traceback = withoutKernelFrames(lines);
  if (isDiagnostic(lines[0])) return { output_type: "error", ename: "Error", evalue: lines.join("\n"), traceback };

  const blank = lines.indexOf("");
  const body = SOURCE_LOCATION.test(lines[0]) && blank > 0 && blank <= 4 ? lines.slice(blank + 1) : lines;
  const match = ERROR_FIRST_LINE.exec(body[0] ?? "");
  const messageLines = [match ? match[2] : body[0]];
  for (const line of body.slice(1)) {
    if (STACK_FRAME.test(line)) break;
    messageLines.push(line);
  }
  return { output_type: "error", ename: match ? match[1] : "Error", evalue: messageLines.join("\n").trim(), traceback };
}

/** Drops kernel frames; an inspected error's extra properties ("{ code: … }") stay attached. */
function withoutKernelFrames(lines: string[]): string[] {
  const kept: string[] = [];
  for (const line of lines) {
    if (!KERNEL_FRAME.test(line)) kept.push(line);
    else if (line.endsWith(" {")) kept[kept.length - 1] += " {";
  }
  return kept;
}
