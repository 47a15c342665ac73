// Showing figures in a notebook. A figure becomes one MIME bundle: plotly's JSON type (rendered
// natively by front ends with the plotly extension, and by our HTML export), text/html (a div and a
// script that draws as soon as plotly.js is on the page), and text/plain. setupNotebook() puts
// plotly.js itself into the page once, from node_modules — never from a CDN: exam machines are offline.

import { readFileSync } from "node:fs";
import { display, newDisplayId } from "../display/display";
import { FIGURE_HEIGHT, PLOTLY_LOADER_MARKER, PLOTLY_MIME, scriptJson, type MimeBundle } from "../display/common";
import { Tensor } from "../tensor/tensor";
import { tensorBundle } from "../display/tensor-html";
import type { Figure } from "./figure";

/**
 * The MIME bundle of a figure.
 * @example
 * const bundle = figureBundle(figure([scatterTrace([1, 2], [3, 4], { name: "data" })], { title: "Fit" }));
 * expect(bundle["text/plain"]).toBe('Figure "Fit": 1 trace(s): scatter (markers) "data"');
 * expect((bundle[PLOTLY_MIME] as { data: unknown[] }).data.length).toBe(1);
 */
export function figureBundle(fig: Figure): MimeBundle {
  const id = newDisplayId();
  const height = typeof fig.layout.height === "number" ? fig.layout.height : FIGURE_HEIGHT;
  const html =
    `<div id="${id}" style="width:100%;height:${height}px"></div>` +
    `<script>(function () {` +
    `var draw = function () { window.Plotly.newPlot("${id}", ${scriptJson(fig.data)}, ${scriptJson(fig.layout)}, ${scriptJson({ responsive: true, displaylogo: false, ...fig.config })}); };` +
    `if (window.Plotly) draw(); else (window.deepnotesPlotlyQueue = window.deepnotesPlotlyQueue || []).push(draw);` +
    `})();</script>`;
  return { [PLOTLY_MIME]: fig, "text/html": html, "text/plain": describeFigure(fig) };
}

function describeFigure(fig: Figure): string {
  const title = (fig.layout.title as { text?: string } | undefined)?.text;
  const traces = fig.data.map((t) => `${t.type ?? "scatter"}${t.mode ? ` (${t.mode})` : ""}${t.name ? ` "${t.name}"` : ""}`);
  return `Figure${title ? ` "${title}"` : ""}: ${traces.length} trace(s): ${traces.join(", ")}`;
}

/**
 * Displays a figure (interactive plot) or a tensor (a table) in the notebook; outside a notebook it
 * prints the text form.
 * @example
 * expect(printed(() => show(figure([lineTrace([0, 1], [1, 0])], { title: "A line" })))).toEqual(['Figure "A line": 1 trace(s): scatter (lines)']);
 * // a tensor prints as PyTorch prints it
 * expect(printed(() => show(tensor([[1, 2], [3, 4]])))).toEqual(["tensor([[1., 2.],", "        [3., 4.]])"]);
 */
export function show(item: Figure | Tensor): void {
  display(item instanceof Tensor ? tensorBundle(item) : figureBundle(item));
}

/**
 * Call in a notebook's first cell: loads plotly.js into the page (as text/html, offline) so the
 * figures shown later draw at once, including those queued before it arrived.
 * @example
 * expect(printed(() => setupNotebook())).toEqual(["deepnotes: plotly.js loaded for this notebook"]);
 */
export function setupNotebook(): void {
  const source = readFileSync(require.resolve("plotly.js-dist-min"), "utf8").replace(/<\/script/gi, "<\\/script");
  const html =
    `${PLOTLY_LOADER_MARKER}<script>${source}</script>` +
    `<script>(window.deepnotesPlotlyQueue || []).splice(0).forEach(function (draw) { draw(); });</script>`;
  display({ "text/html": html, "text/plain": "deepnotes: plotly.js loaded for this notebook" });
}
