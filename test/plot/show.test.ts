import { describe, expect, test } from "vitest";
import { figure, figureBundle, lineTrace, PLOTLY_MIME, scatterTrace, tensor } from "../../src/index";
import { tensorBundle } from "../../src/display/tensor-html";

describe("figures", () => {
  test("builders accept arrays and 1-D tensors; a figure is plain plotly JSON", () => {
    const fig = figure([lineTrace(tensor([0, 1, 2]), [0, 1, 4], { name: "x²" }), scatterTrace([1], [1])], { title: "t", xTitle: "x" });
    expect(JSON.parse(JSON.stringify(fig))).toMatchObject({ data: [{ type: "scatter", mode: "lines", x: [0, 1, 2], y: [0, 1, 4], name: "x²" }, { mode: "markers" }], layout: { showlegend: true, xaxis: { title: { text: "x" } } } });
    expect(() => lineTrace(tensor([[1]]), [1])).toThrow("plot: expected a 1-D tensor, got shape [1, 1]");
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
