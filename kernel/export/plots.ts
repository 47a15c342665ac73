// Plotly figures in the exported page. A figure output becomes an empty div plus its JSON in an
// inert <script type="application/json"> beside it; at the end of the page plotly.js (inlined once,
// only if the page has a plot) and one small script draw every figure. The figure's own text/html
// (which waits for a live notebook's plotly loader) is not used.

import { FIGURE_HEIGHT, scriptJson } from "../../src/display/common";
import type { PageState } from "./page-state";

interface FigureJson {
  data?: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** The HTML of one plotly output (an application/vnd.plotly.v1+json value). */
export function renderPlot(value: unknown, page: PageState): string {
  const figure = (typeof value === "string" ? JSON.parse(value) : value) as FigureJson;
  page.plotCount += 1;
  const id = `deepnotes-plot-${page.plotCount}`;
  const layout = figure.layout ?? {};
  const height = typeof layout.height === "number" ? layout.height : FIGURE_HEIGHT;
  const json = scriptJson({ data: figure.data ?? [], layout, config: figure.config ?? {} });
  return (
    `<div class="output-plotly"><div id="${id}" class="plotly-figure" style="height:${height}px"></div>` +
    `<script type="application/json" class="plotly-json" data-target="${id}">${json}</script></div>`
  );
}

/**
 * Runs after plotly.js: draws every figure and marks its div data-drawn="true" (or "error", with the
 * reason in the div and on the console), so a headless check knows when the page is complete.
 */
export const DRAW_PLOTS = `(function () {
  function fail(div, error) {
    console.error("deepnotes: a plot could not be drawn:", error);
    div.textContent = "This plot could not be drawn: " + error;
    div.setAttribute("data-drawn", "error");
  }
  document.querySelectorAll("script.plotly-json").forEach(function (json) {
    var div = document.getElementById(json.getAttribute("data-target"));
    try {
      var figure = JSON.parse(json.textContent);
      Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false, ...figure.config })
        .then(function () { div.setAttribute("data-drawn", "true"); }, function (error) { fail(div, error); });
    } catch (error) {
      fail(div, error);
    }
  });
})();`;
