// The display adapter: the only place in src/ that knows about Jupyter. It sends a MIME bundle to
// the notebook front end through the tslab kernel this code runs in, or — outside a notebook (a
// script, a test, the REPL) — prints the bundle's text/plain. Figures, claims, errata and progress
// lines all go through here.

import type { MimeBundle } from "./common";

interface TslabJupyter {
  lastWriteDisplayData: ((message: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void) | null;
}

/**
 * tslab's own jupyter module, found among the modules the kernel process has loaded (it must be the
 * very instance that holds the current cell's writer, so it is looked up, never required afresh).
 */
function tslabJupyter(): TslabJupyter | null {
  if (typeof require === "undefined" || require.cache === undefined) return null;
  for (const [path, entry] of Object.entries(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(path) && entry?.exports) return entry.exports as TslabJupyter;
  }
  return null;
}

/**
 * True inside a tslab notebook kernel that is executing a cell.
 * @example
 * expect(inNotebook()).toBe(false);                    // this runs under vitest, not in a kernel
 */
export function inNotebook(): boolean {
  return typeof tslabJupyter()?.lastWriteDisplayData === "function";
}

let displayCounter = 0;

/** A fresh display id, for an output that will later be updated in place. */
export function newDisplayId(): string {
  displayCounter += 1;
  return `deepnotes-${process.pid}-${displayCounter}`;
}

/**
 * Shows `bundle` as one display_data output. With a `displayId`, later calls with `update: true`
 * and the same id replace it in place (a progress line). Outside a notebook, prints text/plain.
 * @example
 * // Outside a notebook only the text/plain part is printed; a notebook renders the richest type.
 * expect(printed(() => display({ "text/html": "<b>x</b> = 3", "text/plain": "x = 3" }))).toEqual(["x = 3"]);
 */
export function display(bundle: MimeBundle, options: { displayId?: string; update?: boolean } = {}): void {
  const writer = tslabJupyter()?.lastWriteDisplayData;
  if (typeof writer === "function") {
    const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
    writer({ data: bundle, metadata: {}, transient }, options.update === true);
    return;
  }
  const text = bundle["text/plain"];
  if (typeof text === "string") console.log(text);
}
