// The HTML export without a browser: markdown and math, escaping, every output type, plotly inlined
// exactly once and only when needed, the notebook's own plotly loader dropped, claims shown through
// their HTML verdict, the header, and the file writer. browser.test.ts checks the page in Chromium.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { exportHtml, writeHtml, type ExportOptions } from "../../../kernel/export/html";
import type { Cell, CodeCell, Notebook, Output } from "../../../kernel/notebook-format";
import { CLAIM_MIME, ERRATUM_MIME, PLOTLY_LOADER_MARKER, PLOTLY_MIME, type MimeBundle } from "../../../src/display/common";

function notebook(cells: Cell[], metadata: Record<string, unknown> = {}): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}

function markdown(source: string, extra: Partial<Cell> = {}): Cell {
  return { cell_type: "markdown", metadata: {}, source, ...extra } as Cell;
}

function code(source: string, outputs: Output[] = [], extra: Partial<CodeCell> = {}): CodeCell {
  return { cell_type: "code", metadata: {}, execution_count: 1, source, outputs, ...extra };
}

function display(data: MimeBundle, metadata: Record<string, unknown> = {}): Output {
  return { output_type: "display_data", data, metadata };
}

/** The page's <main>, without the inlined CSS and scripts that would match almost anything. */
function mainOf(html: string): string {
  return html.slice(html.indexOf('<main class="notebook">'), html.indexOf("</main>") + "</main>".length);
}

const render = (cells: Cell[], options?: ExportOptions) => exportHtml(notebook(cells), options);
const renderMain = (cells: Cell[]) => mainOf(render(cells));

const plotlyHead = readFileSync(require.resolve("plotly.js-dist-min"), "utf8").slice(0, 200);
const count = (text: string, part: string) => text.split(part).length - 1;

const figure = (name: string) => ({
  [PLOTLY_MIME]: { data: [{ type: "scatter", mode: "lines", x: [0, 1], y: [1, 0], name }], layout: { height: 300 } },
  "text/html": '<div id="live"></div><script>window.Plotly && "live notebook only"</script>',
  "text/plain": `Figure: 1 trace(s): scatter "${name}"`,
});

describe("markdown cells", () => {
  test("CommonMark with tables, raw HTML passed through, headings with unique ids", () => {
    const html = renderMain([markdown("## Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div class=\"note\">raw</div>\n\n## Plan")]);
    expect(html).toContain('<h2 id="plan">Plan');
    expect(html).toContain('<h2 id="plan-2">Plan');
    expect(html).toContain("<table>");
    expect(html).toContain('<div class="note">raw</div>');
  });

  test("bare URLs become links, file names that look like domains do not", () => {
    const html = renderMain([markdown("See https://example.org/notes and README.md or engine.py.")]);
    expect(html).toContain('<a href="https://example.org/notes">https://example.org/notes</a>');
    expect(count(html, "<a ")).toBe(1);
  });

  test("inline $…$, display $$…$$ and \\begin{equation} render to KaTeX markup at export time", () => {
    const html = renderMain([markdown("The slope of $x^2$ is $2x$.\n\n$$\n\\frac{1}{n}\\sum_i x_i\n$$\n\n\\begin{equation}\nE = mc^2\n\\end{equation}")]);
    expect(count(html, '<span class="katex">')).toBe(4);
    expect(count(html, '<span class="katex-display">')).toBe(2);
    expect(html).toContain('<annotation encoding="application/x-tex">x^2</annotation>');
    expect(html).not.toContain("$");
  });

  test("a $$ line may interrupt a paragraph, and $$…$$ inside a sentence is display math", () => {
    const html = renderMain([markdown("The loss is\n$$L = 0$$\nand also $$M = 1$$ here.")]);
    expect(count(html, "katex-display")).toBe(2);
  });

  test("markdown inside a formula stays TeX: underscores, stars, backslashes", () => {
    const html = renderMain([markdown("$a_1 * b_2 \\\\ c$ and _emphasis_")]);
    expect(html).toContain('<annotation encoding="application/x-tex">a_1 * b_2 \\\\ c</annotation>');
    expect(html).toContain("<em>emphasis</em>");
  });

  test("\\$ is a dollar, code spans are untouched, and amounts of money are not math", () => {
    const html = renderMain([markdown("Costs \\$5, `$x$` is code, $5 and $10 are prices.")]);
    expect(html).not.toContain("katex");
    expect(html).toContain("Costs $5");
    expect(html).toContain("<code>$x$</code>");
    expect(html).toContain("$5 and $10 are prices");
  });

  test("an invalid formula does not throw: its source shows in red", () => {
    let html = "";
    expect(() => (html = renderMain([markdown("Broken: $\\frac{1}{$ and $\\undefinedmacro{x}$.")]))).not.toThrow();
    expect(html).toContain('<span class="katex-error" title="ParseError: KaTeX parse error:');
    expect(html).toContain('style="color:#cc0000">\\frac{1}{</span>');
    expect(html).toContain('<span class="mord" style="color:#cc0000;">\\undefinedmacro</span>'); // KaTeX marks only the unknown command
  });

  test("a \\newcommand in one cell is known in the next, as on a live Jupyter page", () => {
    const html = renderMain([markdown("$\\newcommand{\\field}{\\mathbb{F}}$"), markdown("$x \\in \\field$")]);
    expect(html).not.toContain("katex-error");
    expect(html).toContain('mathvariant="double-struck"');
  });

  test("an attached image becomes a data: URL", () => {
    const cell = markdown("![diagram](attachment:d.png)", { attachments: { "d.png": { "image/png": "iVBORw0K\nGgo=" } } });
    expect(renderMain([cell])).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });
});

describe("KaTeX assets", () => {
  test("a page with math inlines KaTeX's CSS with its woff2 fonts as data: URLs, and nothing else to fetch", () => {
    const html = render([markdown("$x$")]);
    expect(html).toContain(".katex{");
    expect(count(html, "data:font/woff2;base64,")).toBeGreaterThanOrEqual(19);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).not.toMatch(/\.woff\)|\.ttf\)/);
  });

  test("a page without math has no KaTeX CSS", () => {
    expect(render([markdown("no math here")])).not.toContain("KaTeX_Main");
  });
});

describe("code cells", () => {
  test("show the source escaped under an In [n] prompt", () => {
    const html = renderMain([code('const s = "</script><script>alert(1)</script>";', [], { execution_count: 7 })]);
    expect(html).toContain("In [7]:");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
  });

  test("an unexecuted cell shows In [ ], an empty one nothing", () => {
    const html = renderMain([code("1 + 1", [], { execution_count: null }), code("  \n")]);
    expect(html).toContain("In [ ]:");
    expect(count(html, 'class="cell code-cell"')).toBe(1);
  });

  test("tags remove-cell, remove-input and remove-output", () => {
    const out: Output[] = [{ output_type: "stream", name: "stdout", text: "printed\n" }];
    const html = renderMain([
      code("hiddenCell()", out, { metadata: { tags: ["remove-cell"] } }),
      code("hiddenInput()", out, { metadata: { tags: ["remove-input"] } }),
      code("shownInput()", out, { metadata: { tags: ["remove-output"] } }),
    ]);
    expect(html).not.toContain("hiddenCell");
    expect(html).not.toContain("hiddenInput");
    expect(html).toContain("shownInput");
    expect(count(html, "printed")).toBe(1);
  });
});

describe("outputs", () => {
  test("streams: merged per stream, escaped, ANSI colours as spans, \\r rewrites, stderr tinted", () => {
    const html = renderMain([
      code("run()", [
        { output_type: "stream", name: "stdout", text: ["epoch 1 \x1b[1;32mok\x1b[0m <b>\n", "10%\r"] },
        { output_type: "stream", name: "stdout", text: "100%\n" },
        { output_type: "stream", name: "stderr", text: "\x1b[33mwarning\x1b[0m\n" },
      ]),
    ]);
    expect(count(html, "output-stream stdout")).toBe(1);
    expect(html).toContain('epoch 1 <span style="font-weight:bold" class="ansi-green-fg">ok</span> &lt;b&gt;\n100%\n');
    expect(html).not.toContain("10%");
    expect(html).toContain('<div class="output output-stream stderr"><pre><span class="ansi-yellow-fg">warning</span>');
    expect(html).not.toContain("\x1b");
  });

  test("the page's stylesheet gives the ANSI colour classes Jupyter's palette", () => {
    expect(render([code("x")])).toContain(".ansi-green-fg { color: #00a250; }");
  });

  test("text/html is inserted as is; an execute_result gets an Out [n] prompt", () => {
    const html = renderMain([
      code("t", [{ output_type: "execute_result", execution_count: 4, metadata: {}, data: { "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "t" } }]),
    ]);
    expect(html).toContain("Out [4]:");
    expect(html).toContain('<div class="output-html"><table><tr><td>1</td></tr></table></div>');
  });

  test("text/plain is escaped in a <pre>", () => {
    const html = renderMain([code("s", [display({ "text/plain": ["<script>alert(1)</script>", " & more"] })])]);
    expect(html).toContain('<pre class="output-text">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</pre>');
  });

  test("PNG and JPEG as data: URLs (with nbformat's size metadata), SVG inline", () => {
    const html = renderMain([
      code("img", [
        display({ "image/png": "iVBORw0KGgo=\n", "text/plain": "<Figure>" }, { "image/png": { width: 320, height: 200 } }),
        display({ "image/jpeg": "/9j/4AAQ", "text/plain": "<Figure>" }),
        display({ "image/svg+xml": ['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">', "<circle r=\"4\"/></svg>"], "text/plain": "<Figure>" }),
      ]),
    ]);
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" width="320" height="200" alt="">');
    expect(html).toContain('<img src="data:image/jpeg;base64,/9j/4AAQ" alt="">');
    expect(html).toContain('<div class="output-image"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg></div>');
    expect(html).not.toContain("&lt;Figure&gt;");
  });

  test("text/markdown is rendered, text/latex goes through KaTeX", () => {
    const html = renderMain([code("m", [display({ "text/markdown": "**bold** $y$", "text/plain": "md" }), display({ "text/latex": "$$\\sqrt{2}$$", "text/plain": "sqrt(2)" })])]);
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<div class="output-latex"><span class="katex-display">');
    expect(html).toContain("<annotation encoding=\"application/x-tex\">\\sqrt{2}</annotation>");
  });

  test("an unknown MIME type falls back to text/plain, or to a note if there is none", () => {
    const html = renderMain([code("u", [display({ "application/x-custom": { a: 1 }, "text/plain": "custom object" }), display({ "application/x-other": "?" })])]);
    expect(html).toContain('<pre class="output-text">custom object</pre>');
    expect(html).toContain("application/x-other");
  });

  test("an error shows ename: evalue and the traceback, ANSI codes stripped, in the error box", () => {
    const error: Output = {
      output_type: "error",
      ename: "TypeError",
      evalue: "x.foo is not a function",
      traceback: ["\x1b[31mTypeError: x.foo is not a function\x1b[0m", "    at <anonymous> (cell 3:1:3)"],
    };
    const html = renderMain([code("x.foo()", [error])]);
    expect(html).toContain('<div class="output output-error"><pre><strong>TypeError: x.foo is not a function</strong>\n    at &lt;anonymous&gt; (cell 3:1:3)</pre></div>');
  });

  test("a claim and an erratum show the HTML verdict of their bundle", () => {
    const claimBundle = { [CLAIM_MIME]: { id: "c1", passed: true }, "text/html": '<div class="deepnotes-claim">✔ holds</div>', "text/plain": "✔ [c1] holds" };
    const erratumBundle = { [ERRATUM_MIME]: { id: "e1" }, "text/html": '<div class="deepnotes-erratum">erratum</div>', "text/plain": "erratum e1" };
    const html = renderMain([code("claim()", [display(claimBundle), display(erratumBundle)])]);
    expect(html).toContain('<div class="output-html output-claim"><div class="deepnotes-claim">✔ holds</div></div>');
    expect(html).toContain('<div class="output-html output-erratum"><div class="deepnotes-erratum">erratum</div></div>');
    expect(html).not.toContain("✔ [c1] holds");
  });
});

describe("plots", () => {
  test("are drawn from the plotly JSON with plotly.js inlined once for two plots", () => {
    const html = render([code("a", [display(figure("first"))]), code("b", [display(figure("second"))])]);
    expect(count(html, plotlyHead)).toBe(1);
    expect(count(html, 'class="plotly-figure"')).toBe(2);
    expect(html).toContain('<div id="deepnotes-plot-2" class="plotly-figure" style="height:300px"></div>');
    expect(html).toContain("Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false, ...figure.config })");
    expect(html).not.toContain("live notebook only"); // the figure's own text/html is not used
    expect(html.indexOf(plotlyHead)).toBeGreaterThan(html.indexOf("</main>"));
  });

  test("a page without plots has no plotly.js", () => {
    const html = render([code("x", [display({ "text/plain": "1" })])]);
    expect(html).not.toContain(plotlyHead);
    expect(html).not.toContain("Plotly.newPlot");
  });

  test("</script> inside a figure's JSON cannot end the script, and the JSON survives", () => {
    const evil = "</script><script>alert(1)</script><!--";
    const html = mainOf(render([code("p", [display(figure(evil))])]));
    expect(html).not.toContain("</script><script>alert(1)");
    const json = /<script type="application\/json" class="plotly-json" data-target="deepnotes-plot-1">(.*?)<\/script>/.exec(html)![1];
    expect(json).not.toMatch(/<\/|<!--/);
    expect((JSON.parse(json) as { data: { name: string }[] }).data[0].name).toBe(evil);
  });

  test("the notebook's plotly loader output is dropped, so plotly.js is not inlined twice", () => {
    const loader = display({ "text/html": `${PLOTLY_LOADER_MARKER}<script>/* LOADER SENTINEL */</script>`, "text/plain": "deepnotes: plotly.js loaded" });
    const html = render([code("setupNotebook()", [loader]), code("show(fig)", [display(figure("f"))])]);
    expect(html).not.toContain("LOADER SENTINEL");
    expect(html).not.toContain("plotly.js loaded");
    expect(count(html, plotlyHead)).toBe(1);
    expect(mainOf(html)).toContain("setupNotebook()"); // the cell's source stays
  });
});

describe("the page", () => {
  test("is an HTML5 document titled by the first # heading, with the runner's timing in the header", () => {
    const nb = notebook([code("1"), markdown("Intro"), markdown("# Gradient *descent*\n\ntext")], { deepnotes: { started: "2025-11-27T14:03:11.250Z", seconds: 12.43 } });
    const html = exportHtml(nb, { sourcePath: "/home/me/notebooks/02-gradient-descent.ipynb" });
    expect(html.startsWith("<!DOCTYPE html>\n<html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Gradient descent</title>");
    expect(html).toContain('<div class="page-title">Gradient descent</div>');
    expect(html).toContain("02-gradient-descent.ipynb · executed on");
    expect(html).toContain('<time datetime="2025-11-27T14:03:11.250Z">2025-11-27 14:03 UTC</time> in 12.4 s');
    expect(html).not.toContain("/home/me");
  });

  test("the title: options.title, else the file name, else Notebook — always escaped", () => {
    expect(render([markdown("# Heading")], { title: "A <b>title</b>" })).toContain("<title>A &lt;b&gt;title&lt;/b&gt;</title>");
    expect(render([markdown("## not level 1")], { sourcePath: "notebooks/03-init.ipynb" })).toContain("<title>03-init</title>");
    const bare = render([]);
    expect(bare).toContain("<title>Notebook</title>");
    expect(bare).not.toContain("executed on");
  });

  test("writeHtml writes the page, creating its directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "deepnotes-export-"));
    try {
      const out = join(dir, "a", "b", "page.html");
      writeHtml(notebook([markdown("# Saved")]), out);
      expect(readFileSync(out, "utf8")).toContain("<title>Saved</title>");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
