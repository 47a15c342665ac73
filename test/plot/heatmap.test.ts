// Heatmaps: an image's rows go in as they are (row 0 drawn on top by the reversed y axis), a grid lays
// its panels out without overlap and with one colour scale for all of them.
import { describe, expect, test } from "vitest";
import { heatmapGrid, heatmapTrace } from "../../src/plot/heatmap";
import { tensor } from "../../src/index";

type Axis = { domain: [number, number]; autorange?: string; scaleanchor?: string };

describe("heatmaps", () => {
  test("a trace takes rows or a 2-D tensor; greys by default (black low, white high), diverging with a white zero when symmetric", () => {
    const t = heatmapTrace(tensor([[0, 0.5], [1, 0.25]]));
    expect(t.z).toEqual([[0, 0.5], [1, 0.25]]);
    expect(t.colorscale).toEqual([[0, "#000000"], [1, "#ffffff"]]);
    expect([t.zmin, t.zmax]).toEqual([undefined, undefined]);
    const w = heatmapTrace([[-0.5, 2]], { symmetric: true });
    expect([w.zmin, w.zmax]).toEqual([-2, 2]);
    const scale = w.colorscale as [number, string][];
    expect(scale.find(([at]) => at === 0.5)?.[1]).toBe("#ffffff");
    expect(heatmapTrace([[1]], { symmetric: true, zmin: -5, zmax: 5 }).zmax).toBe(5);
    expect(() => heatmapTrace(tensor([1, 2]))).toThrow("heatmap: expected a 2-D image, got shape [2]");
  });

  test("a grid: one axis pair per panel, disjoint domains, reversed square axes, one colour bar", () => {
    const images = Array.from({ length: 7 }, (_, i) => [[i, -i], [0, 1]]);
    const fig = heatmapGrid(images, { columns: 3 });
    expect(fig.data).toHaveLength(7);
    expect(fig.data.filter((t) => t.showscale)).toHaveLength(1);
    const axes = (letter: string) => images.map((_, i) => fig.layout[`${letter}axis${i === 0 ? "" : i + 1}`] as Axis);
    const xs = axes("x");
    const ys = axes("y");
    ys.forEach((y, i) => {
      expect(y.autorange).toBe("reversed");
      expect(y.scaleanchor).toBe(i === 0 ? "x" : `x${i + 1}`);
    });
    // panels in one row do not overlap horizontally; rows do not overlap vertically
    expect(xs[0].domain[1]).toBeLessThan(xs[1].domain[0]);
    expect(ys[3].domain[1]).toBeLessThan(ys[0].domain[0]);
    expect(xs[6].domain).toEqual(xs[0].domain); // row 3 starts at column 0
    // greys over the data range, shared by every panel
    expect(fig.data.every((t) => t.zmin === -6 && t.zmax === 6)).toBe(true);
    expect(fig.layout.height).toBe(3 * 150 + 40);
  });

  test("ownScale: each panel keeps its own range (symmetric ones their own ±max), and no colour bar", () => {
    const fig = heatmapGrid([[[0, 1]], [[-4, 2]]], { ownScale: true, symmetric: true });
    expect(fig.data.map((t) => [t.zmin, t.zmax, t.showscale])).toEqual([[-1, 1, false], [-4, 4, false]]);
    const greys = heatmapGrid([[[0, 1]], [[5, 7]]], { ownScale: true });
    expect(greys.data.map((t) => [t.zmin, t.zmax])).toEqual([[undefined, undefined], [undefined, undefined]]);
  });

  test("an empty grid is refused", () => {
    expect(() => heatmapGrid([])).toThrow("heatmapGrid: no images to draw");
  });
});
