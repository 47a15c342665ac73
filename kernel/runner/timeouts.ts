// Time limits a notebook declares for itself. A notebook knows which of its cells are long (a
// training sweep) and how much longer they get with a parameter (`-p full true`), so it says so in
// its metadata instead of every caller having to pass a larger --timeout:
//
//   cell metadata      "deepnotes": { "timeout": 7200 }
//                      "deepnotes": { "timeout": { "default": 600, "full": 7200 } }
//   notebook metadata  "deepnotes": { "timeouts": { "cell": 600, "notebook": { "default": 1800, "full": 10800 } } }
//
// A value is seconds, or an object whose "default" applies unless a boolean parameter named by
// one of its other keys is set to true for the run (then that key's seconds apply; the largest if
// several are). Precedence: the caller's option (--timeout / --notebook-timeout) over the cell's
// metadata over the notebook's metadata over the built-in default.

import { cellName, isObject, type Cell, type Notebook } from "../notebook-format";
import type { Parameters } from "./parameters";

/** A limit and where it came from, for messages. */
export interface Limit {
  seconds: number;
  source: string;
}

/** The `source` of a built-in limit. */
export const DEFAULT_SOURCE = "the default";

/** The built-in limits when neither the caller nor the notebook sets one. */
const DEFAULT_TIMEOUTS = { cell: 600, notebook: 1800 };

/** How to raise each limit, for the messages of a cell or notebook that ran out of time. */
export const HOW_TO_RAISE = {
  cell: 'raise it with --timeout SECONDS, or in the cell\'s metadata: "deepnotes": {"timeout": SECONDS}',
  notebook: 'raise it with --notebook-timeout SECONDS, or in the notebook\'s metadata: "deepnotes": {"timeouts": {"notebook": SECONDS}}',
};

/** The limit of one code cell. */
export function cellLimit(cell: Cell, notebook: Notebook, parameters: Parameters, override?: number): Limit {
  if (override !== undefined) return { seconds: override, source: "the --timeout option" };
  return (
    resolve(deepnotesOf(cell.metadata).timeout, parameters, "the cell's metadata deepnotes.timeout") ??
    resolve(notebookTimeouts(notebook).cell, parameters, "the notebook's metadata deepnotes.timeouts.cell") ?? {
      seconds: DEFAULT_TIMEOUTS.cell,
      source: DEFAULT_SOURCE,
    }
  );
}

/** The limit of the whole notebook, kernel start included. */
export function notebookLimit(notebook: Notebook, parameters: Parameters, override?: number): Limit {
  if (override !== undefined) return { seconds: override, source: "the --notebook-timeout option" };
  return (
    resolve(notebookTimeouts(notebook).notebook, parameters, "the notebook's metadata deepnotes.timeouts.notebook") ?? {
      seconds: DEFAULT_TIMEOUTS.notebook,
      source: DEFAULT_SOURCE,
    }
  );
}

/**
 * What is wrong with the timeouts `notebook` declares, or null. Called when the notebook is read,
 * so a typo fails before any kernel starts, naming the cell.
 */
export function timeoutProblem(notebook: Notebook): string | null {
  const declared = deepnotesOf(notebook.metadata).timeouts;
  if (declared !== undefined) {
    if (!isObject(declared)) return `the notebook's metadata deepnotes.timeouts must be an object like {"cell": 600, "notebook": 1800}`;
    for (const [key, spec] of Object.entries(declared)) {
      if (key !== "cell" && key !== "notebook") return `the notebook's metadata deepnotes.timeouts has "${key}"; only "cell" and "notebook" are known`;
      const problem = specProblem(spec);
      if (problem) return `the notebook's metadata deepnotes.timeouts.${key} ${problem}`;
    }
  }
  for (let i = 0; i < notebook.cells.length; i++) {
    const cell = notebook.cells[i];
    const spec = deepnotesOf(cell.metadata).timeout;
    if (spec === undefined) continue;
    const problem = specProblem(spec);
    if (problem) return `${cellName(cell, i)}: its metadata deepnotes.timeout ${problem}`;
  }
  return null;
}

function specProblem(spec: unknown): string | null {
  const expected = 'must be a number of seconds, or an object like {"default": 600, "full": 7200}';
  if (typeof spec === "number") return spec > 0 && Number.isFinite(spec) ? null : `${expected}; got ${spec}`;
  if (!isObject(spec)) return `${expected}; got ${JSON.stringify(spec)}`;
  for (const [key, seconds] of Object.entries(spec)) {
    if (typeof seconds !== "number" || !(seconds > 0) || !Number.isFinite(seconds)) return `${expected}; "${key}" is ${JSON.stringify(seconds)}`;
  }
  return null;
}

function resolve(spec: unknown, parameters: Parameters, source: string): Limit | null {
  if (typeof spec === "number") return { seconds: spec, source };
  if (!isObject(spec)) return null;
  const chosen = Object.entries(spec as Record<string, number>).filter(([key]) => key !== "default" && parameters[key] === true);
  if (chosen.length > 0) {
    const [key, seconds] = chosen.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { seconds, source: `${source}.${key} (-p ${key} true)` };
  }
  return typeof spec.default === "number" ? { seconds: spec.default, source: `${source}.default` } : null;
}

function deepnotesOf(metadata: Record<string, unknown>): Record<string, unknown> {
  const value = metadata.deepnotes;
  return isObject(value) ? value : {};
}

function notebookTimeouts(notebook: Notebook): Record<string, unknown> {
  const value = deepnotesOf(notebook.metadata).timeouts;
  return isObject(value) ? value : {};
}
