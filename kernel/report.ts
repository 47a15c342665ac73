// The reproduction report (`npm start`): executes every lecture notebook in notebooks/ headless
// (homework is not a lecture), writes each executed notebook and its HTML page as soon as it
// finishes, and a summary — reports/claims.json and reports/index.html — with every claim's verdict
// and every erratum, linked to the cell that produced it. One notebook's failure (of any kind,
// writing its page included) never stops the others, and the summary names each failed notebook
// with its failure kind. Exit status: non-zero if any claim fails or any notebook errors.

import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describeExpectation, escapeHtml, formatClaimValue } from "../src/display/common";
import { collectStructured, type CollectedClaim, type CollectedErratum } from "./collect";
import { writeHtml } from "./export/html";
import { progressDisplay } from "./progress-log";
import type { OutputLimits } from "./runner/output-limits";
import { runNotebooks, type RunResult } from "./runner/runner";

export interface ReportOptions {
  notebooksDir: string;
  outDir: string;
  jobs: number;
  /** Per-cell and per-notebook limits in seconds; unset: each notebook's own, else 600 and 1800. */
  cellTimeout?: number;
  notebookTimeout?: number;
  /** Caps on recorded output (output-limits.ts). */
  outputLimits?: Partial<OutputLimits>;
  /** Kernelspec directories for notebooks that name another kernel (see RunOptions). */
  kernelspecDirs?: string[];
  /** Seconds a kernel may take to start (default 60). */
  startTimeout?: number;
  /** Where progress goes: bars when `terminal` is a TTY, else lines on `log` (default stderr / stdout). */
  progress?: { terminal: NodeJS.WriteStream; log: NodeJS.WritableStream };
}

export interface NotebookSummary {
  notebook: string;
  ok: boolean;
  failure?: RunResult["failure"];
  seconds: number;
  claims: number;
  failedClaims: number;
}

export interface ReportSummary {
  ok: boolean;
  notebooks: NotebookSummary[];
  claims: CollectedClaim[];
  errata: CollectedErratum[];
}

/** The lecture notebooks: *.ipynb directly in `dir`, in name order. */
export function lectureNotebooks(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Runs `paths`, writing <out>/<name>.ipynb and <out>/<name>.html for each as it finishes; shows
 * progress (bars on a terminal, log lines elsewhere). A page that cannot be written makes that
 * notebook fail ("export-failed") and the others go on.
 */
export async function executeAndExport(
  paths: string[],
  options: Omit<ReportOptions, "notebooksDir"> & { continueOnError?: boolean; parameters?: Record<string, unknown> },
): Promise<RunResult[]> {
  mkdirSync(options.outDir, { recursive: true });
  const progress = progressDisplay(options.progress ?? { terminal: process.stderr, log: process.stdout });
  try {
    return await runNotebooks(paths, {
      jobs: options.jobs,
      cellTimeout: options.cellTimeout,
      notebookTimeout: options.notebookTimeout,
      continueOnError: options.continueOnError,
      parameters: options.parameters,
      outputLimits: options.outputLimits,
      kernelspecDirs: options.kernelspecDirs,
      startTimeout: options.startTimeout,
      onProgress: (event) => progress.onProgress(event),
      onNotebookEnd: (result) => {
        writeResult(result, options.outDir);
        const { claims } = collectStructured(result.notebook, basename(result.path, ".ipynb"));
        progress.onNotebookEnd(result, { claims: claims.length, failedClaims: claims.filter((c) => !c.passed).length });
      },
    });
  } finally {
    progress.stop();
  }
}

/** Writes the executed notebook and its page; a failure to do so becomes the notebook's failure. */
function writeResult(result: RunResult, outDir: string): void {
  const name = basename(result.path, ".ipynb");
  try {
    writeFileSync(join(outDir, `${name}.ipynb`), `${JSON.stringify(result.notebook, null, 1)}\n`);
    writeHtml(result.notebook, join(outDir, `${name}.html`), { sourcePath: result.path });
  } catch (error) {
    result.ok = false;
    result.failure ??= { kind: "export-failed", message: `writing ${name}.ipynb or ${name}.html failed: ${(error as Error).message}` };
  }
}

/** Executes every lecture notebook and writes the report; returns the summary. */
export async function reproduce(options: ReportOptions): Promise<ReportSummary> {
  const paths = lectureNotebooks(options.notebooksDir);
  if (paths.length === 0) throw new Error(`no notebooks (*.ipynb) in ${options.notebooksDir}`);
  const results = await executeAndExport(paths, options);
  const claims: CollectedClaim[] = [];
  const errata: CollectedErratum[] = [];
  const notebooks: NotebookSummary[] = results.map((result) => {
    const name = basename(result.path, ".ipynb");
    const found = collectStructured(result.notebook, name);
    claims.push(...found.claims);
    errata.push(...found.errata);
    return {
      notebook: name,
      ok: result.ok,
      ...(result.failure && { failure: result.failure }),
      seconds: result.seconds,
      claims: found.claims.length,
      failedClaims: found.claims.filter((c) => !c.passed).length,
    };
  });
  const summary: ReportSummary = { ok: notebooks.every((n) => n.ok) && claims.every((c) => c.passed), notebooks, claims, errata };
  writeFileSync(join(options.outDir, "claims.json"), `${JSON.stringify({ generated: new Date().toISOString(), ...summary }, null, 2)}\n`);
  writeFileSync(join(options.outDir, "index.html"), indexHtml(summary));
  return summary;
}

/** "N claims reproduced, M failed" plus the notebooks that failed, each with its failure kind. */
export function summaryLine(summary: ReportSummary): string {
  const failed = summary.claims.filter((c) => !c.passed).length;
  const broken = summary.notebooks.filter((n) => !n.ok);
  const notebooks =
    broken.length > 0
      ? `; ${broken.length} of ${summary.notebooks.length} notebooks failed: ${broken.map((n) => `${n.notebook} (${n.failure?.kind ?? "failed"})`).join(", ")}`
      : `; ${summary.notebooks.length} notebooks ran`;
  return `${summary.claims.length - failed} claims reproduced, ${failed} failed${notebooks}`;
}

/** reports/index.html: the notebooks, every claim (with the source of its expected value) and every erratum. */
export function indexHtml(summary: ReportSummary): string {
  const link = (notebook: string, cellIndex: number, text: string) => `<a href="${encodeURIComponent(notebook)}.html#cell-${cellIndex}">${escapeHtml(text)}</a>`;
  const claimRows = summary.claims
    .map(
      (c) =>
        `<tr class="${c.passed ? "pass" : "fail"}"><td>${escapeHtml(String(c.lecture))}</td><td>${escapeHtml(c.item)}</td>` +
        `<td class="statement">${escapeHtml(c.statement)}</td><td class="num">${escapeHtml(describeExpectation(c))}</td><td class="num">${escapeHtml(formatClaimValue(c.measured))}</td><td class="source">${escapeHtml(c.reference ?? "")}</td>` +
        `<td class="verdict">${c.passed ? "✔ reproduced" : "✘ failed"}</td><td>${link(c.notebook, c.cellIndex, c.id)}</td></tr>`,
    )
    .join("\n");
  const errataRows = summary.errata
    .map((e) => `<tr><td>${escapeHtml(String(e.lecture))}</td><td>${escapeHtml(e.location)}</td><td>${escapeHtml(e.text)}</td><td>${escapeHtml(e.correction)}</td><td>${link(e.notebook, e.cellIndex, e.notebook)}</td></tr>`)
    .join("\n");
  const notebookRows = summary.notebooks
    .map(
      (n) =>
        `<tr class="${n.ok ? "pass" : "fail"}"><td><a href="${encodeURIComponent(n.notebook)}.html">${escapeHtml(n.notebook)}</a></td>` +
        `<td class="num">${n.seconds.toFixed(1)} s</td><td class="num">${n.claims - n.failedClaims}/${n.claims}</td>` +
        `<td>${n.ok ? "✔ ran" : `✘ ${escapeHtml(n.failure ? `${n.failure.kind}: ${n.failure.message}` : "failed")}`}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>deepnotes — reproduction report</title>
<style>
body { font-family: Inter, system-ui, sans-serif; color: #111827; max-width: 1200px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.summary { font-size: 1.1rem; padding: .6rem 1rem; border-radius: 6px; background: ${summary.ok ? "#f0fdf4" : "#fef2f2"}; border-left: 5px solid ${summary.ok ? "#16a34a" : "#dc2626"}; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
td.num { font-family: ui-monospace, monospace; font-size: .85rem; max-width: 15rem; overflow-wrap: anywhere; }
td.statement { min-width: 18rem; }
td.source { font-size: .85rem; color: #374151; max-width: 12rem; }
tr.fail td { background: #fef2f2; } tr.fail td.verdict { color: #b91c1c; font-weight: 600; } tr.pass td.verdict { color: #15803d; }
a { color: #1d4ed8; text-decoration: none; } a:hover { text-decoration: underline; }
.muted { color: #6b7280; }
</style></head><body>
<h1>deepnotes — reproduction of the course notes</h1>
<p class="muted">Generated ${escapeHtml(new Date().toISOString())} by <code>npm start</code>: every lecture notebook executed headless.</p>
<p class="summary">${escapeHtml(summaryLine(summary))}</p>
<h2>Notebooks</h2>
<table><thead><tr><th>notebook</th><th>time</th><th>claims</th><th>status</th></tr></thead><tbody>
${notebookRows}
</tbody></table>
<h2>Claims</h2>
<table><thead><tr><th>lecture</th><th>item</th><th>statement</th><th>expected</th><th>measured</th><th>source of the expected value</th><th>verdict</th><th>cell</th></tr></thead><tbody>
${claimRows}
</tbody></table>
<h2>Errata of the notes</h2>
${summary.errata.length === 0 ? '<p class="muted">None recorded.</p>' : `<table><thead><tr><th>lecture</th><th>where</th><th>the notes say</th><th>correct</th><th>notebook</th></tr></thead><tbody>\n${errataRows}\n</tbody></table>`}
</body></html>
`;
}
