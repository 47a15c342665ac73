// The two large things a page may embed, read from node_modules once per process: KaTeX's CSS with
// its fonts inlined as data: URLs (woff2 only — every browser a student has reads it), and
// plotly.js. Nothing is ever fetched: exam machines are offline.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let katexCssCache: string | undefined;
let plotlyCache: string | undefined;

/** katex.min.css with every @font-face src replaced by its woff2 file as a data: URL. */
export function katexCss(): string {
  if (katexCssCache !== undefined) return katexCssCache;
  const dist = dirname(require.resolve("katex")); // node_modules/katex/dist
  const css = readFileSync(join(dist, "katex.min.css"), "utf8").replace(/src:[^;}]*/g, (src) => {
    const woff2 = /url\(fonts\/([\w-]+\.woff2)\)/.exec(src);
    if (woff2 === null) throw new Error(`katex.min.css: a @font-face without a woff2 font: ${src}`);
    const data = readFileSync(join(dist, "fonts", woff2[1])).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  // A KaTeX release that adds another url() would make the page reach for a file it does not have.
  const leftover = /url\((?!data:)[^)]*\)/.exec(css);
  if (leftover !== null) throw new Error(`katex.min.css still references ${leftover[0]} after inlining its fonts`);
  katexCssCache = css;
  return css;
}

/** plotly.min.js, safe inside a <script> element. */
export function plotlySource(): string {
  plotlyCache ??= readFileSync(require.resolve("plotly.js-dist-min"), "utf8").replace(/<\/script/gi, "<\\/script");
  return plotlyCache;
}
