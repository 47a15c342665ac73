// Images as plotly heatmaps: one image (an input digit, a feature map) or a grid of small ones (the
// filters of a convolutional layer, its feature maps), drawn as pictures — row 0 at the top, square
// pixels — not as plots of a function. A grid shares one colour scale, so the panels can be compared;
// with `symmetric` it is centred on zero (blue negative, red positive), the right scale for weights.

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

export interface HeatmapOptions {
  /** A plotly colour scale name or list (default "Greys" reversed: 0 black, high values white). */
  colorscale?: string | [number, string][];
  /** Colour range; default: the image's own minimum and maximum. */
  zmin?: number;
  zmax?: number;
  /** Show the colour bar (default true). */
  showscale?: boolean;
  /** Colour bar title (the unit of the values). */
  colorbarTitle?: string;
  name?: string;
}

/**
 * One image as a heatmap trace (put it in figure() with imageLayout, or use heatmapGrid).
 * @example
 * const t = heatmapTrace([[0, 1], [2, 3]], { colorbarTitle: "intensity" });
 * expect([t.type, t.z]).toEqual(["heatmap", [[0, 1], [2, 3]]]);
 * expect(t.colorbar).toEqual({ title: { text: "intensity" } });
 */
export function heatmapTrace(image: Image, options: HeatmapOptions = {}): Trace {
  const z = rowsOf(image);
  const grey = options.colorscale === undefined;
  return {
    type: "heatmap",
    z,
    name: options.name,
    colorscale: options.colorscale ?? "Greys",
    reversescale: grey,
    zmin: options.zmin,
    zmax: options.zmax,
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
  /** One colour range centred on 0 for all panels (red positive, blue negative); default false (greys). */
  symmetric?: boolean;
  colorbarTitle?: string;
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
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + width], showticklabels: false, showgrid: false, zeroline: false, constrain: "domain" };
    layout[`yaxis${suffix}`] = {
      domain: [y1 - height, y1], autorange: "reversed", scaleanchor: `x${suffix}`, showticklabels: false, showgrid: false, zeroline: false, constrain: "domain",
    };
    if (options.titles?.[i] !== undefined) {
      annotations.push({ text: options.titles[i], x: x0 + width / 2, y: y1, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 12 } });
    }
    return {
      ...heatmapTrace(z, {
        colorscale: options.symmetric ? "RdBu" : undefined, zmin, zmax, showscale: i === 0, colorbarTitle: options.colorbarTitle,
      }),
      reversescale: true, // RdBu reversed: red high; Greys reversed: white high
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
