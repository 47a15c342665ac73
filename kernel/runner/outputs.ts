// From iopub messages to nbformat outputs, the way Jupyter's own frontends record them:
// consecutive stream messages of the same name merge into one output, `update_display_data`
// rewrites the earlier output with the same display_id in place (in any cell), `clear_output`
// clears. One thing is tslab-specific: a failing cell produces no `error` message, only the error
// printed to stderr (console.error), so `takeErrorFromStderr` turns that text into an error output.

import { mergeStreams, type DisplayDataOutput, type ErrorOutput, type Output, type StreamOutput } from "../notebook-format";
import type { MimeBundle } from "../../src/display/common";
import type { Message } from "./wire";

interface DisplayContent {
  data?: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}

/** The display outputs of one notebook run by display_id, so updates can find them. */
export class DisplayRegistry {
  private readonly byId = new Map<string, DisplayDataOutput[]>();

  register(displayId: string, output: DisplayDataOutput): void {
    const outputs = this.byId.get(displayId) ?? [];
    outputs.push(output);
    this.byId.set(displayId, outputs);
  }

  /** Replaces data and metadata of every output shown under `displayId`; unknown ids are ignored. */
  update(displayId: string, data: MimeBundle, metadata: Record<string, unknown>): void {
    for (const output of this.byId.get(displayId) ?? []) {
      output.data = data;
      output.metadata = metadata;
    }
  }
}

/** The outputs of one code cell as its iopub messages arrive. */
export class CellOutputCollector {
  /** Outputs in arrival order, stream messages still unmerged (one per message). */
  private items: Output[] = [];
  private clearOnNextOutput = false;

  constructor(private readonly displays: DisplayRegistry) {}

  add(message: Message): void {
    const content = message.content;
    switch (message.header.msg_type) {
      case "stream":
        this.push({ output_type: "stream", name: content.name as StreamOutput["name"], text: (content.text as string | undefined) ?? "" });
        break;
      case "display_data": {
        const { data = {}, metadata = {}, transient } = content as DisplayContent;
        const output: DisplayDataOutput = { output_type: "display_data", data, metadata };
        this.push(output);
        if (transient?.display_id) this.displays.register(transient.display_id, output);
        break;
      }
      case "update_display_data": {
        const { data = {}, metadata = {}, transient } = content as DisplayContent;
        if (transient?.display_id) this.displays.update(transient.display_id, data, metadata);
        break;
      }
      case "execute_result":
        this.push({
          output_type: "execute_result",
          execution_count: (content.execution_count as number | null) ?? null,
          data: (content.data as MimeBundle) ?? {},
          metadata: (content.metadata as Record<string, unknown>) ?? {},
        });
        break;
      case "error":
        this.push({
          output_type: "error",
          ename: (content.ename as string | undefined) ?? "Error",
          evalue: (content.evalue as string | undefined) ?? "",
          traceback: (content.traceback as string[]) ?? [],
        });
        break;
      case "clear_output":
        if (content.wait) this.clearOnNextOutput = true;
        else this.items = [];
        break;
      default:
      // execute_input, comm_* and anything newer carry no output.
    }
  }

  /** Appends an output the runner made itself (timeouts, a dead kernel, tslab's error). */
  push(output: Output): void {
    if (this.clearOnNextOutput) {
      this.items = [];
      this.clearOnNextOutput = false;
    }
    this.items.push(output);
  }

  /** True if an `error` output is already recorded (a kernel that sends proper error messages). */
  hasError(): boolean {
    return this.items.some((output) => output.output_type === "error");
  }

  /**
   * tslab reports a failed cell only by printing the error to stderr. Runtime errors are one
   * console.error call, hence the cell's last stderr message; TypeScript diagnostics are one
   * message each ("3:7 - Cannot find name 'x'.") and then nothing ran, so all trailing diagnostic
   * messages belong to the error. The messages taken are removed from the stream output; anything
   * the cell wrote to stderr before stays there. Call this only for a cell whose reply was "error".
   */
  takeErrorFromStderr(): ErrorOutput | null {
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

  /** The cell's outputs with consecutive same-name streams merged. */
  outputs(): Output[] {
    return mergeStreams(this.items);
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
