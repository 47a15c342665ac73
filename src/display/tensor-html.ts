// A tensor as a MIME bundle: an HTML table for 0-, 1- and 2-D tensors (truncated like toString: at
// most 15 rows and 10 columns, with ellipses), a <pre> of toString() otherwise, and text/plain.

import { escapeHtml, type MimeBundle } from "./common";
import { MAX_COLUMNS, MAX_ROWS, shownIndices as shown } from "../tensor/format";
import type { Tensor } from "../tensor/tensor";


function cell(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return Number.isInteger(v) && Math.abs(v) < 1e8 ? String(v) : Math.abs(v) >= 1e-4 && Math.abs(v) < 1e8 ? v.toFixed(4) : v.toExponential(4);
}

export function tensorBundle(t: Tensor): MimeBundle {
  const text = t.toString();
  const caption = `<caption style="caption-side:bottom;text-align:left;white-space:nowrap;color:#6b7280;font-size:12px">shape [${t.shape.join(", ")}] · ${t.dtype}${t.requiresGrad ? " · requiresGrad" : ""}</caption>`;
  if (t.ndim > 2) return { "text/html": `<pre>${escapeHtml(text)}</pre>`, "text/plain": text };
  const matrix = t.ndim === 2 ? t : t.reshape(1, t.numel());
  const at = (i: number, j: number) => matrix.storage[matrix.offset + i * matrix.strides[0] + j * matrix.strides[1]];
  const rows = shown(matrix.shape[0], MAX_ROWS);
  const columns = shown(matrix.shape[1], MAX_COLUMNS);
  const td = 'style="padding:2px 8px;text-align:right;font-family:ui-monospace,monospace"';
  const body = rows
    .map((i) => `<tr>${columns.map((j) => `<td ${td}>${i < 0 || j < 0 ? "⋯" : cell(at(i, j))}</td>`).join("")}</tr>`)
    .join("");
  return { "text/html": `<table style="border-collapse:collapse">${caption}${body}</table>`, "text/plain": text };
}
