// The types of tslab-shorthand.js (plain CommonJS, so that launch.js can load it before any build).

import type ts from "typescript";

/** Text inserted into a cell: `text` at offset `at` of the cell as typed. */
export interface Insertion {
  at: number;
  text: string;
}

/** A position in a tslab diagnostic (line and character count from 0). */
export interface DiagnosticPosition {
  offset: number;
  line: number;
  character: number;
}

export function expandShorthandProperties(typescript: typeof ts, src: string): { code: string; insertions: Insertion[] };
export function typedPosition(src: string, insertions: readonly Insertion[], position: DiagnosticPosition): DiagnosticPosition;
export function patchConverter(converterModule: { createConverter: unknown }, typescript: typeof ts): void;
