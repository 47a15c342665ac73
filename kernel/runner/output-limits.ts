// Caps on what the runner records from a cell, so a cell that prints 100 MB or shows a thousand
// plots leaves a notebook that still opens. The caps bound what is STORED, and they are checked as
// each message arrives (never by collecting everything and cutting at the end), so the runner's
// memory stays bounded however much a kernel sends. What passes a cap is dropped and counted, and
// the cell gets one notice (a stdout stream output) saying what was dropped and which limit to raise.
//
// - stream text (stdout + stderr): bytes per cell and per notebook; a message that crosses the
//   limit keeps the part that fits;
// - display outputs (display_data): how many, and their bytes, per cell and per notebook;
// - an update of a display (update_display_data) replaces it in place: it counts against the byte
//   limits with its new size (a display can never grow past them) and never against the counts, so
//   a progress line updated 100,000 times stays one small output.
// Outputs the runner makes itself (errors, timeouts, this notice) are always recorded.

export interface OutputLimits {
  /** Bytes of stdout/stderr text recorded per cell. */
  cellStreamBytes: number;
  /** Bytes of stdout/stderr text recorded per notebook. */
  notebookStreamBytes: number;
  /** Display outputs recorded per cell. */
  cellDisplays: number;
  /** Display outputs recorded per notebook. */
  notebookDisplays: number;
  /** Bytes of display data (plots, tables, images) recorded per cell. */
  cellDisplayBytes: number;
  /** Bytes of display data recorded per notebook. */
  notebookDisplayBytes: number;
}

const MB = 1_000_000;

/**
 * Far above what the lecture notebooks record (per notebook at most ~1.2 kB of text, 70 displays
 * and 6 MB of display data, 4.9 MB of it the plotly.js that the first cell loads), far below what
 * makes a browser or Jupyter choke on the file.
 */
export const DEFAULT_OUTPUT_LIMITS: Readonly<OutputLimits> = {
  cellStreamBytes: 1 * MB,
  notebookStreamBytes: 10 * MB,
  cellDisplays: 1000,
  notebookDisplays: 10_000,
  cellDisplayBytes: 20 * MB,
  notebookDisplayBytes: 100 * MB,
};

export type OutputLimitName = keyof OutputLimits;

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** "NAME=VALUE" (the CLI's --limit) → [name, value]; sizes take a unit ("5MB", "512kB", "2MiB"), counts a number. */
export function parseLimitSetting(pair: string): [OutputLimitName, number] {
  const eq = pair.indexOf("=");
  const name = pair.slice(0, eq);
  if (eq <= 0 || !(name in DEFAULT_OUTPUT_LIMITS)) {
    throw new Error(`expected --limit NAME=VALUE with NAME one of ${Object.keys(DEFAULT_OUTPUT_LIMITS).join(", ")}; got "${pair}"`);
  }
  const text = pair.slice(eq + 1).trim();
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)\s*([a-z]*)$/i.exec(text);
  const unit = match?.[2].toLowerCase() ?? "";
  const isSize = name.endsWith("Bytes");
  if (!match || !(unit in UNITS) || (!isSize && unit !== "")) {
    throw new Error(`--limit ${name}: expected ${isSize ? "a size such as 5MB or 512kB" : "a whole number"}, got "${text}"`);
  }
  const value = Math.round(Number(match[1]) * UNITS[unit]);
  if (value <= 0) throw new Error(`--limit ${name}: must be positive, got "${text}"`);
  return [name as OutputLimitName, value];
}

/** "1 MB", "1.5 kB", "12 bytes". */
function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trim(bytes / MB)} MB`;
  if (bytes >= 1000) return `${trim(bytes / 1000)} kB`;
  return `${bytes} bytes`;
}

/** 99000 → "99,000". */
function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** A size as --limit takes it: "10MB", "20kB", "100". */
function sizeSetting(bytes: number): string {
  if (bytes >= MB) return `${trim(bytes / MB)}MB`;
  if (bytes >= 1000) return `${trim(bytes / 1000)}kB`;
  return String(bytes);
}

function trim(value: number): string {
  return String(Number(value.toFixed(1)));
}

/** What a notebook has stored so far, shared by its cells. */
export class NotebookOutputBudget {
  streamBytes = 0;
  displays = 0;
  displayBytes = 0;
  readonly limits: OutputLimits;

  constructor(limits: Partial<OutputLimits> = {}) {
    this.limits = { ...DEFAULT_OUTPUT_LIMITS, ...limits };
  }
}

/** Dropped output of one cell, by the limit that dropped it. */
export class DroppedOutput {
  private readonly counts = new Map<OutputLimitName, { items: number; bytes: number }>();

  add(limit: OutputLimitName, bytes: number): void {
    const seen = this.counts.get(limit) ?? { items: 0, bytes: 0 };
    this.counts.set(limit, { items: seen.items + 1, bytes: seen.bytes + bytes });
  }

  get empty(): boolean {
    return this.counts.size === 0;
  }

  /** The notice for the cell: one line per limit that dropped something, then how to raise it. */
  notice(limits: OutputLimits): string {
    const lines = [...this.counts].map(([limit, { items, bytes }]) => `- ${describeDrop(limit, items, bytes, limits[limit])}`);
    const [first] = this.counts.keys();
    const example = `${first}=${first.endsWith("Bytes") ? sizeSetting(limits[first] * 10) : limits[first] * 10}`; // a setting --limit accepts
    return [
      "[deepnotes] This cell produced more output than the runner records; the rest was dropped:",
      ...lines,
      `To record more, raise the limit: --limit ${example} on the deepnotes command line (or outputLimits in RunOptions).`,
      "",
    ].join("\n");
  }
}

function describeDrop(limit: OutputLimitName, items: number, bytes: number, value: number): string {
  const scope = limit.startsWith("cell") ? "per cell" : "per notebook";
  switch (limit) {
    case "cellStreamBytes":
    case "notebookStreamBytes":
      return `${formatBytes(bytes)} of printed text (stdout/stderr) — limit ${limit} = ${formatBytes(value)} ${scope}`;
    case "cellDisplays":
    case "notebookDisplays":
      return `${count(items)} display output${items === 1 ? "" : "s"} (${formatBytes(bytes)}) — limit ${limit} = ${count(value)} ${scope}`;
    case "cellDisplayBytes":
    case "notebookDisplayBytes":
      return `${count(items)} display output${items === 1 ? "" : "s"} or update${items === 1 ? "" : "s"} (${formatBytes(bytes)}) — limit ${limit} = ${formatBytes(value)} ${scope}`;
  }
}
