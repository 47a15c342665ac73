// A notebook as one standalone HTML page that works with no network at all (students read these
// on offline exam machines): markdown and math rendered at export time with KaTeX, whose CSS and
// fonts are inlined; plots drawn by plotly.js inlined once; images as data: URLs. The page is
// static apart from drawing the plots.
// Cell tags as in nbconvert and Jupyter Book: "remove-cell", "remove-input", "remove-output".

import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { Cell, Notebook } from "../notebook-format";
import { joinSource } from "../notebook-format";
import { katexCss, plotlySource } from "./assets";
import { escapeHtml } from "../../src/display/common";
import { firstHeading, renderMarkdown } from "./markdown";
import { newPageState, type PageState } from "./page-state";
import { DRAW_PLOTS } from "./plots";
import { renderOutputs } from "./outputs";
import { PAGE_CSS } from "./style";

export interface ExportOptions {
  /** The page title; default: the first "# heading" of a markdown cell, else the file name. */
  title?: string;
  /** The notebook's path; its file name is shown in the header and is the title of last resort. */
  sourcePath?: string;
}

/** The timing the runner records in notebook.metadata.deepnotes. */
interface ExecutionMetadata {
  /** When execution started, as an ISO 8601 date. */
  started?: string;
  /** Wall-clock seconds for the whole notebook. */
  seconds?: number;
}

/** The notebook as a standalone HTML5 page (about 5 MB with plots, for plotly.js; ~0.4 MB with math only). */
export function exportHtml(notebook: Notebook, options: ExportOptions = {}): string {
  const page = newPageState();
  const cells = notebook.cells.map((cell) => renderCell(cell, page)).filter((html) => html !== "");
  const title = options.title ?? notebookTitle(notebook) ?? fileTitle(options.sourcePath) ?? "Notebook";

  const head = [
    "<!DOCTYPE html>",
    "<html>",
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="deepnotes">',
    `<title>${escapeHtml(title)}</title>`,
    page.usesMath ? `<style>${katexCss()}</style>` : "",
    `<style>${PAGE_CSS}</style>`,
    "</head>",
  ];
  const body = [
    "<body>",
    header(title, notebook, options.sourcePath),
    '<main class="notebook">',
    ...cells,
    "</main>",
    page.plotCount > 0 ? `<script>${plotlySource()}</script>\n<script>${DRAW_PLOTS}</script>` : "",
    "</body>",
    "</html>",
  ];
  return [...head, ...body].filter((line) => line !== "").join("\n") + "\n";
}

/** Writes exportHtml(notebook, options) to outPath, creating its directory. */
export function writeHtml(notebook: Notebook, outPath: string, options: ExportOptions = {}): void {
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, exportHtml(notebook, options));
}

function renderCell(cell: Cell, page: PageState): string {
  const tags = new Set(Array.isArray(cell.metadata?.tags) ? (cell.metadata.tags as string[]) : []);
  if (tags.has("remove-cell")) return "";
  const source = joinSource(cell.source);
  switch (cell.cell_type) {
    case "markdown": {
      if (source.trim() === "") return "";
      const html = renderMarkdown(source, { page, attachments: cell.attachments });
      return `<div class="cell markdown-cell">\n${html}</div>`;
    }
    case "code": {
      const count = cell.execution_count ?? " ";
      const input =
        tags.has("remove-input") || source.trim() === ""
          ? ""
          : `<div class="input"><div class="prompt prompt-in">In [${count}]:</div><pre><code>${escapeHtml(source)}</code></pre></div>`;
      const outputs = tags.has("remove-output") ? "" : renderOutputs(cell.outputs, page);
      if (input === "" && outputs === "") return "";
      return `<div class="cell code-cell">\n${input}${input !== "" && outputs !== "" ? "\n" : ""}${outputs}\n</div>`;
    }
    case "raw":
      // nbconvert puts a raw cell into an HTML page only if it is marked as HTML.
      return cell.metadata?.format === "text/html" ? `<div class="cell raw-cell">${source}</div>` : "";
  }
}

function header(title: string, notebook: Notebook, sourcePath: string | undefined): string {
  const meta: string[] = [];
  if (sourcePath !== undefined) meta.push(escapeHtml(basename(sourcePath)));
  const executed = executionLine(notebook.metadata.deepnotes as ExecutionMetadata | undefined);
  if (executed !== undefined) meta.push(executed);
  const metaHtml = meta.length === 0 ? "" : `<div class="page-meta">${meta.join(" · ")}</div>`;
  return `<header class="page-header"><div class="page-header-inner"><div class="page-title">${escapeHtml(title)}</div>${metaHtml}</div></header>`;
}

/** "executed on 2025-11-27 14:03 UTC in 12.4 s" (tenths below 100 s), or undefined without the runner's metadata. */
function executionLine(meta: ExecutionMetadata | undefined): string | undefined {
  if (meta === undefined || typeof meta.started !== "string" || typeof meta.seconds !== "number") return undefined;
  const started = new Date(meta.started);
  const when = Number.isNaN(started.getTime())
    ? escapeHtml(meta.started)
    : `<time datetime="${escapeHtml(started.toISOString())}">${started.toISOString().slice(0, 16).replace("T", " ")} UTC</time>`;
  const seconds = meta.seconds < 100 ? meta.seconds.toFixed(1) : meta.seconds.toFixed(0);
  return `executed on ${when} in ${seconds} s`;
}

/** The first level-1 heading of the markdown cells. */
function notebookTitle(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = firstHeading(joinSource(cell.source));
    if (heading !== undefined) return heading;
  }
  return undefined;
}

function fileTitle(sourcePath: string | undefined): string | undefined {
  return sourcePath === undefined ? undefined : basename(sourcePath).replace(/\.ipynb$/, "");
}
