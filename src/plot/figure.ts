// Figures are plain plotly.js JSON — { data: traces, layout, config } — so a notebook can build or
// tweak them by hand, and they serialise unchanged into the notebook file and the exported page.
// The builders here only fill in a clean, consistent default look.

import { FIGURE_HEIGHT } from "../display/common";
import type { Tensor } from "../tensor/tensor";

/** A plotly trace; any plotly attribute may be set. */
export type Trace = Record<string, unknown> & { type?: string; mode?: string; name?: string };

export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export interface FigureOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Height in pixels (default FIGURE_HEIGHT, 420). */
  height?: number;
  /** Extra plotly layout attributes, merged last. */
  layout?: Record<string, unknown>;
}

/** Numbers from an array, a typed array or a 1-D tensor. */
function values(v: ArrayLike<number> | Tensor): number[] {
  if (Array.isArray(v)) return v as number[];
  if ("toArray" in v) {
    if (v.ndim !== 1) throw new RangeError(`plot: expected a 1-D tensor, got shape [${v.shape.join(", ")}]`);
    return Array.from(v.toArray());
  }
  return Array.from(v);
}

/** Legend names longer than this go in a legend under the plot, so that the plot keeps its width. */
const LONG_LEGEND_NAME = 28;
/** A horizontal legend's row height, and the width its rows fill, in pixels (font size 13, a notebook-wide figure). */
const LEGEND_ROW = 22;
const LEGEND_WIDTH = 760;

/** Rows of a horizontal legend with these names (each entry ≈ its symbol plus 7 px per character). */
function legendRows(names: string[]): number {
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const width = 40 + 7 * name.length;
    if (used > 0 && used + width > LEGEND_WIDTH) {
      rows++;
      used = 0;
    }
    used += width;
  }
  return rows;
}

/**
 * Where the legend goes: at the right (plotly's default) for short names; for a long one, in rows at
 * the bottom of the figure, under the x-axis title, with the margin and height grown by its rows so
 * that the plot keeps its size.
 */
function legendPlacement(traces: Trace[], height: number, bottomMargin: number): { height: number; bottomMargin: number; legend?: Record<string, unknown> } {
  const names = traces.filter((t) => t.showlegend !== false && typeof t.name === "string").map((t) => t.name as string);
  if (traces.length < 2 || !names.some((n) => n.length > LONG_LEGEND_NAME)) return { height, bottomMargin };
  const extra = legendRows(names) * LEGEND_ROW + 6;
  return {
    height: height + extra,
    bottomMargin: bottomMargin + extra,
    legend: { orientation: "h", x: 0, xanchor: "left", y: 0, yanchor: "bottom", yref: "container" },
  };
}

/**
 * A figure from traces with the house style: light grid, readable fonts, legend when several traces
 * (at the right, or under the plot when a name is long).
 * @example
 * const fig = figure([lineTrace([0, 1, 2], [0, 1, 4], { name: "x²" })], { title: "A parabola" });
 * expect(fig.data[0].mode).toBe("lines");
 * expect((fig.layout.title as { text: string }).text).toBe("A parabola");
 */
export function figure(traces: Trace[], options: FigureOptions = {}): Figure {
  const axis = (title?: string) => ({ title: title === undefined ? undefined : { text: title }, gridcolor: "#e5e7eb", zerolinecolor: "#9ca3af" });
  const { height, bottomMargin, legend } = legendPlacement(traces, options.height ?? FIGURE_HEIGHT, 50);
  return {
    data: traces,
    layout: {
      title: options.title === undefined ? undefined : { text: options.title },
      xaxis: axis(options.xTitle),
      yaxis: axis(options.yTitle),
      height,
      margin: { l: 60, r: 20, t: options.title === undefined ? 20 : 50, b: bottomMargin },
      paper_bgcolor: "white",
      plot_bgcolor: "white",
      font: { family: "Inter, system-ui, sans-serif", size: 13 },
      showlegend: traces.length > 1,
      ...(legend === undefined ? {} : { legend }),
      ...options.layout,
    },
  };
}

/**
 * y against x as a line.
 * @example
 * const t = lineTrace(tensor([0, 1, 2]), [0, 1, 4], { name: "x²" });
 * expect([t.type, t.mode, t.x, t.y, t.name]).toEqual(["scatter", "lines", [0, 1, 2], [0, 1, 4], "x²"]);
 */
export function lineTrace(x: ArrayLike<number> | Tensor, y: ArrayLike<number> | Tensor, options: { name?: string; trace?: Record<string, unknown> } = {}): Trace {
  return { type: "scatter", mode: "lines", x: values(x), y: values(y), name: options.name, ...options.trace };
}

/**
 * y against x as markers.
 * @example
 * const t = scatterTrace([1, 2], [3, 4], { trace: { marker: { size: 4 } } });
 * expect([t.mode, t.marker]).toEqual(["markers", { size: 4 }]);
 */
export function scatterTrace(x: ArrayLike<number> | Tensor, y: ArrayLike<number> | Tensor, options: { name?: string; trace?: Record<string, unknown> } = {}): Trace {
  return { type: "scatter", mode: "markers", x: values(x), y: values(y), name: options.name, ...options.trace };
}
