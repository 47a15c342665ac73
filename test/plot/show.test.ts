import { describe, expect, test } from "vitest";
import { figure, figureBundle, lineTrace, PLOTLY_MIME, scatterTrace, tensor } from "../../src/index";
import { tensorBundle } from "../../src/display/tensor-html";

describe("figures", () => {
  test("builders accept arrays and 1-D tensors; a figure is plain plotly JSON", () => {
    const fig = figure([lineTrace(tensor([0, 1, 2]), [0, 1, 4], { name: "x²" }), scatterTrace([1], [1])], { title: "t", xTitle: "x" });
    expect(JSON.parse(JSON.stringify(fig))).toMatchObject({ data: [{ type: "scatter", mode: "lines", x: [0, 1, 2], y: [0, 1, 4], name: "x²" }, { mode: "markers" }], layout: { showlegend: true, xaxis: { title: { text: "x" } } } });
    expect(() => lineTrace(tensor([[1]]), [1])).toThrow("plot: expected a 1-D tensor, got shape [1, 1]");
  });

  test("long legend names go in rows under the plot, and the figure grows by those rows so the plot keeps its size", () => {
    const short = figure([lineTrace([0], [0], { name: "a" }), lineTrace([0], [0], { name: "b" })]);
    expect(short.layout).toMatchObject({ height: 420, margin: { b: 50 } });
    expect(short.layout.legend).toBeUndefined(); // plotly's default: at the right
    // four 48-character names: each entry ≈ 40 + 7·48 = 376 px, two fit in a 760 px row → 2 rows of 22 px
    const long = figure(["A", "B", "C", "D"].map((c) => lineTrace([0], [0], { name: c.repeat(48) })));
    expect(long.layout).toMatchObject({ height: 420 + 2 * 22 + 6, margin: { b: 50 + 2 * 22 + 6 }, legend: { orientation: "h", yref: "container", y: 0, yanchor: "bottom" } });
    // a single trace has no legend, however long its name; a layout given by the caller wins
    expect(figure([lineTrace([0], [0], { name: "x".repeat(60) })]).layout.height).toBe(420);
    expect(figure(long.data, { layout: { legend: { x: 0.5 } } }).layout.legend).toEqual({ x: 0.5 });
  });

  test("a figure's bundle has plotly JSON, html that waits for plotly, and a text description", () => {
    const fig = figure([lineTrace([0, 1], [1, 0], { name: "</script><b>" })], { title: "T" });
    const bundle = figureBundle(fig);
    expect(bundle[PLOTLY_MIME]).toBe(fig);
    const html = bundle["text/html"] as string;
    expect(html).toMatch(/^<div id="deepnotes-\d+-\d+" style="width:100%;height:420px"><\/div><script>/);
    expect(html).toContain("if (window.Plotly) draw(); else (window.deepnotesPlotlyQueue");
    expect(html).not.toContain("</script><b>"); // the trace name cannot close the script
    expect(bundle["text/plain"]).toBe('Figure "T": 1 trace(s): scatter (lines) "</script><b>"');
  });

  test("a tensor's bundle is a truncated HTML table", () => {
    const html = tensorBundle(tensor(Array.from({ length: 20 }, (_, i) => Array.from({ length: 12 }, (_, j) => i * 12 + j)))) ["text/html"] as string;
    expect((html.match(/<tr>/g) ?? []).length).toBe(15);
    expect(html).toContain("⋯");
    expect(html).toContain("shape [20, 12] · float64");
  });
});
