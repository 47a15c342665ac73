// Images as plotly heatmaps: one image (an input digit, a feature map) or a grid of small ones (the
// filters of a convolutional layer, its feature maps), drawn as pictures — row 0 at the top, square
// pixels — not as plots of a function. A grid shares one colour scale by default, so the panels can
// be compared; `ownScale` gives each panel its full contrast instead (then no colour bar).
// Grey levels by default (0 black, the largest value white, as MNIST digits are usually drawn); with
// `symmetric` a diverging scale centred on zero — blue negative, white zero, red positive — the right
// scale for weights, where zero must look like "nothing".

import { figure, type Figure, type Trace } from "./figure";
import type { Tensor } from "../tensor/tensor";

/** A 2-D image: rows of numbers, or a 2-D tensor. */
export type Image = readonly (readonly number[])[] | Tensor;

function rowsOf(image: Image): number[][] {
  if (Array.isArray(image)) return image.map((row: readonly number[]) => Array.from(row));
  const t = image as Tensor;
  if (t.ndim !== 2) throw new RangeError(`heatmap: expected a 2-D image, got shape [${t.shape.join(", ")}]`);
  return t.tolist() as number[][];
}

/** Blue for negative, white for zero, red for positive values (with a range symmetric about 0). */
const DIVERGING: [number, string][] = [[0, "#2166ac"], [0.25, "#92c5de"], [0.5, "#ffffff"], [0.75, "#f4a582"], [1, "#b2182b"]];
/** Black for the smallest value, white for the largest. */
const GREYS: [number, string][] = [[0, "#000000"], [1, "#ffffff"]];

export interface HeatmapOptions {
  /** Diverging colours on a range symmetric about 0 (default false: grey levels). */
  symmetric?: boolean;
  /** Colour range; default: the data's ±max|value| when symmetric, else plotly's own (min to max). */
  zmin?: number;
  zmax?: number;
  /** Show the colour bar (default true). */
  showscale?: boolean;
  /** Colour bar title (the unit of the values). */
  colorbarTitle?: string;
  name?: string;
}

/**
 * One image or matrix as a heatmap trace (row 0 at the top needs `yaxis.autorange: "reversed"`; heatmapGrid sets it).
 * @example
 * const t = heatmapTrace([[0, 1], [-2, 3]], { symmetric: true, colorbarTitle: "weight" });
 * expect([t.type, t.z, t.zmin, t.zmax]).toEqual(["heatmap", [[0, 1], [-2, 3]], -3, 3]);
 * expect(t.colorbar).toEqual({ title: { text: "weight" } });
 */
export function heatmapTrace(image: Image, options: HeatmapOptions = {}): Trace {
  const z = rowsOf(image);
  const bound = options.symmetric ? Math.max(...z.flat().map(Math.abs)) : undefined;
  return {
    type: "heatmap",
    z,
    name: options.name,
    colorscale: options.symmetric ? DIVERGING : GREYS,
    zmin: options.zmin ?? (bound === undefined ? undefined : -bound),
    zmax: options.zmax ?? bound,
    showscale: options.showscale ?? true,
    colorbar: options.colorbarTitle === undefined ? undefined : { title: { text: options.colorbarTitle } },
  };
}

export interface HeatmapGridOptions {
  /** Panels per row (default: all in one row, at most 8). */
  columns?: number;
  /** A title over each panel. */
  titles?: string[];
  title?: string;
  /** One diverging colour range centred on 0 for all panels (red positive, blue negative); default false (greys). */
  symmetric?: boolean;
  colorbarTitle?: string;
  /** Scale each panel to its own range (no colour bar) instead of one range for all (default false). */
  ownScale?: boolean;
  /** Height in pixels (default: 150 per row of panels plus the title). */
  height?: number;
}

/**
 * Several images side by side with one shared colour scale, each panel square with row 0 on top.
 * @example
 * const fig = heatmapGrid([[[1, -1]], [[0, 2]], [[3, 0]]], { columns: 2, symmetric: true, titles: ["a", "b", "c"] });
 * expect(fig.data.map((t) => [t.xaxis, t.yaxis])).toEqual([["x", "y"], ["x2", "y2"], ["x3", "y3"]]);
 * expect(fig.data.map((t) => [t.zmin, t.zmax])).toEqual([[-3, 3], [-3, 3], [-3, 3]]);
 * expect((fig.layout.annotations as { text: string }[]).map((a) => a.text)).toEqual(["a", "b", "c"]);
 */
export function heatmapGrid(images: Image[], options: HeatmapGridOptions = {}): Figure {
  if (images.length === 0) throw new RangeError("heatmapGrid: no images to draw");
  const panels = images.map(rowsOf);
  const columns = Math.max(1, Math.min(options.columns ?? Math.min(panels.length, 8), panels.length));
  const rows = Math.ceil(panels.length / columns);
  const values = panels.flat(2);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const bound = Math.max(Math.abs(lo), Math.abs(hi));
  const [zmin, zmax] = options.symmetric ? [-bound, bound] : [lo, hi];
  const gap = 0.04;
  const width = (1 - gap * (columns - 1)) / columns;
  const height = (1 - gap * 2 * (rows - 1)) / rows;
  const layout: Record<string, unknown> = {};
  const annotations: Record<string, unknown>[] = [];
  const traces = panels.map((z, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    const column = i % columns;
    const row = Math.floor(i / columns);
    const x0 = column * (width + gap);
    const y1 = 1 - row * (height + 2 * gap);
    const bare = { showticklabels: false, ticks: "", showgrid: false, zeroline: false, constrain: "domain" };
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + width], ...bare };
    layout[`yaxis${suffix}`] = { domain: [y1 - height, y1], autorange: "reversed", scaleanchor: `x${suffix}`, ...bare };
    if (options.titles?.[i] !== undefined) {
      annotations.push({ text: options.titles[i], x: x0 + width / 2, y: y1, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 12 } });
    }
    return {
      ...(options.ownScale
        ? heatmapTrace(z, { symmetric: options.symmetric, showscale: false })
        : heatmapTrace(z, { symmetric: options.symmetric, zmin, zmax, showscale: i === 0, colorbarTitle: options.colorbarTitle })),
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
    };
  });
  return figure(traces, {
    title: options.title,
    height: options.height ?? 150 * rows + (options.title === undefined ? 40 : 80),
    layout: { ...layout, annotations, showlegend: false, margin: { l: 20, r: 20, t: options.title === undefined ? 30 : 70, b: 20 } },
  });
}
