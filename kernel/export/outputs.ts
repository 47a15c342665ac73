// A code cell's outputs as HTML. Each display bundle shows its richest type that a page can show
// (plotly JSON first, then nbconvert's order: HTML, markdown, SVG, LaTeX, PNG/JPEG/GIF, plain text);
// claims and errata show the one-line verdict of their text/html. Streams are merged as Jupyter
// merges them, keep their ANSI colours and show only what a terminal would after \r rewrites.
// The plotly loader of a notebook's first cell is dropped: the page inlines plotly.js itself.

import { CLAIM_MIME, ERRATUM_MIME, PLOTLY_LOADER_MARKER, PLOTLY_MIME, escapeHtml, type MimeBundle } from "../../src/display/common";
import { joinSource, mergeStreams, type ErrorOutput, type Output } from "../notebook-format";
import { stripVTControlCharacters } from "node:util";
import { ansiToHtml } from "./ansi";
import { renderMarkdown } from "./markdown";
import type { PageState } from "./page-state";
import { renderPlot } from "./plots";

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif"];

/** The HTML of a code cell's outputs, each in a div.output. */
export function renderOutputs(outputs: Output[], page: PageState): string {
  const parts: string[] = [];
  for (const output of mergeStreams(outputs)) {
    const html = renderOutput(output, page);
    if (html !== null) parts.push(html);
  }
  return parts.join("\n");
}

function renderOutput(output: Output, page: PageState): string | null {
  switch (output.output_type) {
    case "stream": {
      const text = rewriteCarriageReturns(joinSource(output.text));
      if (text === "") return null;
      return `<div class="output output-stream ${output.name}"><pre>${ansiToHtml(text)}</pre></div>`;
    }
    case "error":
      return renderError(output);
    case "display_data":
    case "execute_result": {
      const body = renderBundle(output.data, output.metadata ?? {}, page);
      if (body === null) return null;
      const count = output.output_type === "execute_result" ? output.execution_count : undefined;
      const prompt = count === undefined ? "" : `<div class="prompt prompt-out">Out [${count ?? " "}]:</div>`;
      return `<div class="output">${prompt}${body}</div>`;
    }
  }
}

/**
 * The HTML of one display bundle, or null for an output the page must not show (the plotly
 * loader). `metadata` may give an image's width and height, as nbformat allows.
 */
function renderBundle(data: MimeBundle, metadata: Record<string, unknown>, page: PageState): string | null {
  const html = text(data["text/html"]);
  if (html !== undefined && html.trimStart().startsWith(PLOTLY_LOADER_MARKER)) return null;
  if (data[PLOTLY_MIME] !== undefined) return renderPlot(data[PLOTLY_MIME], page);
  if (html !== undefined) {
    const kind = data[CLAIM_MIME] !== undefined ? " output-claim" : data[ERRATUM_MIME] !== undefined ? " output-erratum" : "";
    return `<div class="output-html${kind}">${html}</div>`;
  }
  const markdown = text(data["text/markdown"]);
  if (markdown !== undefined) return `<div class="output-markdown">${renderMarkdown(markdown, { page })}</div>`;
  const svg = text(data["image/svg+xml"]);
  if (svg !== undefined) return `<div class="output-image">${svg}</div>`;
  const latex = text(data["text/latex"]);
  if (latex !== undefined) return `<div class="output-latex">${renderMarkdown(latex, { page })}</div>`;
  for (const mime of IMAGE_TYPES) {
    const base64 = text(data[mime]);
    if (base64 !== undefined) return `<div class="output-image">${imageTag(mime, base64, metadata[mime])}</div>`;
  }
  const plain = text(data["text/plain"]);
  if (plain !== undefined) return `<pre class="output-text">${escapeHtml(plain)}</pre>`;
  const types = Object.keys(data).join(", ");
  return `<pre class="output-text output-unknown">[an output of type ${escapeHtml(types)} that a page cannot show]</pre>`;
}

/** ename: evalue and the traceback, ANSI codes stripped. */
function renderError(output: ErrorOutput): string {
  const heading = `${output.ename}: ${output.evalue}`;
  let traceback = stripVTControlCharacters(output.traceback.join("\n"));
  // Many kernels repeat "ename: evalue" as the traceback's first line.
  if (traceback.startsWith(heading)) traceback = traceback.slice(heading.length).replace(/^\n/, "");
  const rest = traceback.trim() === "" ? "" : `\n${escapeHtml(traceback)}`;
  return `<div class="output output-error"><pre><strong>${escapeHtml(heading)}</strong>${rest}</pre></div>`;
}

function imageTag(mime: string, base64: string, metadata: unknown): string {
  const size = (metadata ?? {}) as { width?: unknown; height?: unknown };
  const width = typeof size.width === "number" ? ` width="${size.width}"` : "";
  const height = typeof size.height === "number" ? ` height="${size.height}"` : "";
  return `<img src="data:${mime};base64,${base64.replace(/\s/g, "")}"${width}${height} alt="">`;
}

/** A bundle's text value (nbformat stores text as a string or a list of lines), if present. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join("");
  return undefined;
}

/**
 * What a terminal shows of each line: the text written after its last carriage return (a progress
 * line rewritten with \r shows its final state). "\r\n" line ends count as plain newlines.
 */
function rewriteCarriageReturns(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const parts = line.split("\r");
      for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== "") return parts[i];
      return "";
    })
    .join("\n");
}
