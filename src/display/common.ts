// What the library (src/) and the notebook tooling (kernel/) must agree on: the MIME types of the
// display bundles, the marker of the plotly loader output, the height of a figure whose layout
// gives none, HTML escaping, and how a claim's values are written. It is one module that imports
// nothing, because kernel/ (runner, HTML export, report) reads what notebooks produce and must not
// load the numeric stack (tensors, autograd, the WASM core) to borrow a constant or a formatter;
// test/kernel/layers.test.ts checks that it does not.

import type { ClaimResult } from "../check/claim";

// ---- MIME types ---------------------------------------------------------------------------------
// Plots use plotly's registered type; claims and errata use our own vendor types so the headless
// runner collects them from the messages themselves, never by scraping text output.

/**
 * The MIME type of a plotly figure (plotly's registered type), one of the types in show()'s bundle.
 * @example
 * expect(PLOTLY_MIME).toBe("application/vnd.plotly.v1+json");
 * expect(Object.keys(figureBundle(figure([])))).toContain(PLOTLY_MIME);
 */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/**
 * The MIME type of a claim's display, which the headless runner collects into the report.
 * @example
 * expect(CLAIM_MIME).toBe("application/vnd.deepnotes.claim+json");
 */
export const CLAIM_MIME = "application/vnd.deepnotes.claim+json";
/**
 * The MIME type of an erratum's display, which the headless runner collects into the report.
 * @example
 * expect(ERRATUM_MIME).toBe("application/vnd.deepnotes.erratum+json");
 */
export const ERRATUM_MIME = "application/vnd.deepnotes.erratum+json";
/** A question's self-check result in a student's notebook (`test`, `check`): shown, never trusted by the grader. */
export const CHECK_MIME = "application/vnd.deepnotes.check+json";
/**
 * Marks a value the library has already displayed and also returns (a check result): the deepnotes
 * kernel does not print it again as text when it is a cell's last expression (kernel/tslab-shown-values.js
 * looks for the same registered symbol).
 */
export const SHOWN = Symbol.for("deepnotes.shown");
/**
 * One authenticated record of the grading harness (a case's serialised value and its HMAC). The
 * grader takes these out of the message stream before anything else reads it.
 */
export const GRADE_RECORD_MIME = "application/vnd.deepnotes.grade-record+json";
/**
 * How a record starts when the harness also writes it to the kernel's stderr (synchronously, so it
 * survives a kernel that dies right after): this prefix, the payload as a JSON string, a space, the mac.
 */
export const GRADE_RECORD_LINE = "\u001edeepnotes-record ";
/** The global (non-writable, non-configurable) under which the grading preamble installs its harness. */
export const GRADER_GLOBAL = "__deepnotesGrader";

/** One display message's data: MIME type → payload (strings, or JSON for +json types). */
export type MimeBundle = Record<string, unknown>;

// ---- figures ------------------------------------------------------------------------------------

/** Starts the text/html of setupNotebook()'s plotly loader, so the HTML export can drop it (it inlines plotly itself). */
export const PLOTLY_LOADER_MARKER = "<!-- deepnotes:plotly-loader -->";

/**
 * Height in pixels of a figure: figure()'s default, and the height of the div a figure is drawn in
 * (live and in the exported page) when its layout gives none.
 */
export const FIGURE_HEIGHT = 420;

// ---- HTML ---------------------------------------------------------------------------------------

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text as HTML, safe in element content and in quoted attribute values (both quote characters are
 * escaped).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * JSON that is safe as the content of a <script> element: every "<" becomes "\u003c" (still the
 * same JSON), so neither "</script>" nor "<!--" can appear in it — the HTML parser ends a script at
 * the first "</script" whatever JavaScript thinks of it.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

// ---- claims -------------------------------------------------------------------------------------

/**
 * A measured or expected value as the verdict line and the report show it: integers as they are,
 * other numbers to 6 significant digits (exponential outside [1e-3, 1e6)), arrays of more than six
 * values abbreviated.
 */
export function formatClaimValue(v: number | boolean | number[]): string {
  const one = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? x.toPrecision(6) : x.toExponential(4));
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return one(v);
  return v.length <= 6 ? `[${v.map(one).join(", ")}]` : `[${v.slice(0, 3).map(one).join(", ")}, … ${v.length} values]`;
}

/**
 * "0.5 ± 0.001", "< 3" …: what a claim expects. Tolerances are shown to 3 significant digits (a
 * tolerance computed from a standard error has all 17).
 */
export function describeExpectation(r: Pick<ClaimResult, "expected" | "atol" | "rtol" | "relation">): string {
  if (r.relation) return `${r.relation} ${formatClaimValue(r.expected)}`;
  const tolerance = (x: number) => String(Number(x.toPrecision(3)));
  const parts = [r.atol ? `± ${tolerance(r.atol)}` : "", r.rtol ? `(rtol ${tolerance(r.rtol)})` : ""].filter(Boolean);
  return [formatClaimValue(r.expected), ...parts].join(" ");
}
