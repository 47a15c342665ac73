// The Jupyter notebook format (nbformat 4) as far as deepnotes reads and writes it: the runner fills
// code cells' outputs, the exporter renders them, the report collects structured outputs.
// Reference: https://nbformat.readthedocs.io/en/latest/format_description.html

import type { MimeBundle } from "../src/display/common";

export type MultilineString = string | string[];

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

export type Cell = CodeCell | MarkdownCell | RawCell;

export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  execution_count: number | null;
  outputs: Output[];
}

export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  attachments?: Record<string, MimeBundle>;
}

export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A multiline string field as one string. */
export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** 'cell 3 (id "intro")', or 'cell 3' for a cell without an id: how messages name a cell (index from 0). */
export function cellName(cell: { id?: unknown }, index: number): string {
  return typeof cell.id === "string" ? `cell ${index + 1} (id ${JSON.stringify(cell.id)})` : `cell ${index + 1}`;
}

/** A JSON object (not null, not a list), as notebook fields and metadata are read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Consecutive stream outputs of the same stream merged into one, as Jupyter's front ends record and
 * show them (the runner gets one stream message per write; a saved notebook may hold them apart).
 */
export function mergeStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const previous = merged[merged.length - 1];
    if (output.output_type === "stream" && previous?.output_type === "stream" && previous.name === output.name) {
      merged[merged.length - 1] = { ...previous, text: joinSource(previous.text) + joinSource(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged;
}
