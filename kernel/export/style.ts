// The exported page's stylesheet: one readable column (~900px) of system fonts (no web fonts to
// fetch), code on a quiet grey, outputs beneath it, In/Out prompts in the left margin when the window
// is wide enough and above the block when not, and a print layout without scroll boxes.

import { ANSI_CSS } from "./ansi";

export const PAGE_CSS = `
:root {
  --text: #1f2328;
  --muted: #6b7280;
  --faint: #9aa3af;
  --rule: #e5e7eb;
  --code-bg: #f6f8fa;
  --code-border: #e6e9ed;
  --accent: #1d64d8;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "Cascadia Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--text); font: 16.5px/1.65 var(--sans); }

.page-header { border-bottom: 1px solid var(--rule); background: #fafbfc; }
.page-header-inner { max-width: 900px; margin: 0 auto; padding: 0.8rem 1.5rem; display: flex; flex-wrap: wrap;
  align-items: baseline; justify-content: space-between; gap: 0.2rem 1.5rem; }
.page-title { font-weight: 600; font-size: 0.95rem; letter-spacing: 0.01em; }
.page-meta { color: var(--muted); font-size: 0.82rem; font-variant-numeric: tabular-nums; }
main { max-width: 900px; margin: 0 auto; padding: 1.5rem 1.5rem 5rem; }

.cell { margin: 1rem 0; }
.markdown-cell > :first-child, .output-markdown > :first-child { margin-top: 0; }
.markdown-cell > h2:first-child, .markdown-cell > h3:first-child { margin-top: 1.6em; }
.markdown-cell > h1:first-child { margin-top: 1.1em; }
main > .cell:first-child > :first-child { margin-top: 0; }
.markdown-cell > :last-child, .output-markdown > :last-child { margin-bottom: 0; }
h1, h2, h3, h4, h5, h6 { line-height: 1.3; font-weight: 650; margin: 1.6em 0 0.5em; }
h1 { font-size: 2.05rem; letter-spacing: -0.015em; margin-top: 0.9em; }
h2 { font-size: 1.5rem; padding-bottom: 0.25em; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.22rem; }
h4 { font-size: 1.05rem; }
p, ul, ol, blockquote, table, dl { margin: 0.75em 0; }
li + li { margin-top: 0.2em; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.anchor-link { margin-left: 0.35em; color: var(--faint); font-weight: 400; visibility: hidden; }
h1:hover .anchor-link, h2:hover .anchor-link, h3:hover .anchor-link, h4:hover .anchor-link { visibility: visible; }
blockquote { margin-left: 0; padding: 0.1em 1em; border-left: 4px solid #d0d7de; color: #4b5563; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
img, svg { max-width: 100%; }
img { height: auto; }
code, pre { font-family: var(--mono); }
:not(pre) > code { font-size: 0.87em; background: var(--code-bg); border: 1px solid var(--code-border);
  border-radius: 4px; padding: 0.05em 0.3em; }
pre { margin: 0; font-size: 13.5px; line-height: 1.5; tab-size: 4; }
.markdown-cell pre, .output-markdown pre { background: var(--code-bg); border-radius: 6px; padding: 0.75rem 1rem; overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.92em; font-variant-numeric: tabular-nums; }
th, td { padding: 0.35em 0.8em; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #d0d7de; font-weight: 600; }
.output-html table { display: block; max-width: 100%; overflow-x: auto; }
.output-html th, .output-html td { text-align: right; }
.output-html tbody tr:nth-child(odd) { background: #f9fafb; }

.katex { font-size: 1.12em; }
.katex-display { margin: 0.9em 0; overflow-x: auto; overflow-y: hidden; padding: 0.15em 0; }
.math-error { color: #cc0000; font-family: var(--mono); font-size: 0.9em; }

.input, .output { position: relative; }
.input pre { background: var(--code-bg); border: 1px solid var(--code-border); border-radius: 6px;
  padding: 0.7rem 1rem; overflow-x: auto; }
.output { padding: 0.45rem 0 0 1rem; }
.output + .output { padding-top: 0.3rem; }
.output pre { white-space: pre-wrap; word-break: break-word; }
.output-stream.stderr pre { background: #fdf3f3; border-left: 3px solid #f0b4b4; padding: 0.35rem 0.7rem; }
.output-error pre { background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px; color: #7f1d1d;
  padding: 0.6rem 0.9rem; }
.output-error strong { color: #b91c1c; }
.output-unknown { color: var(--muted); font-style: italic; }
${ANSI_CSS}
.output-image img, .output-image svg { display: block; }
.output-plotly { margin: 0.25rem 0; }
.plotly-figure { width: 100%; }
.plotly-figure[data-drawn="error"] { display: flex; align-items: center; justify-content: center;
  color: #b91c1c; border: 1px dashed #fecaca; border-radius: 6px; font-size: 0.9em; }

.prompt { font-family: var(--mono); font-size: 12px; line-height: 1.5; color: var(--faint); margin-bottom: 0.15rem;
  white-space: nowrap; user-select: none; }
.prompt-in { color: #6d8fb8; }
.prompt-out { color: #b98368; }
@media (min-width: 1160px) {
  .prompt { position: absolute; right: calc(100% + 0.9rem); margin: 0; text-align: right; }
  .prompt-in { top: 0.78rem; }
  .prompt-out { top: 0.5rem; }
}

@media print {
  body { font-size: 10.5pt; }
  .page-header { background: none; }
  .page-header-inner, main { max-width: none; padding-left: 0; padding-right: 0; }
  pre, .input pre { white-space: pre-wrap; word-break: break-word; overflow: visible; }
  .katex-display, .output-html table { overflow: visible; }
  .input, .output-plotly, .output-image, .katex-display, tr, img { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
  .anchor-link, .modebar-container { display: none !important; }
}
`;
