// Text display of a tensor for notebooks and the console, in PyTorch's layout. Large tensors are
// truncated with "…" (at most 10 columns along the last dimension and 15 entries along the others, as
// ml-matrix's inspect does) so printing a 4000×40 data set never floods a notebook.

import type { Tensor } from "./tensor";

export const MAX_COLUMNS = 10;
export const MAX_ROWS = 15;

/** The indices shown along a dimension of `size`, with -1 marking the ellipsis. */
export function shownIndices(size: number, limit: number): number[] {
  if (size <= limit) return Array.from({ length: size }, (_, i) => i);
  const head = Math.ceil((limit - 1) / 2);
  const tail = limit - 1 - head;
  return [...Array.from({ length: head }, (_, i) => i), -1, ...Array.from({ length: tail }, (_, i) => size - tail + i)];
}

function numberFormatter(values: number[]): (v: number) => string {
  const finite = values.filter(Number.isFinite);
  const special = (v: number) => (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
  const largest = Math.max(0, ...finite.map(Math.abs));
  const smallest = Math.min(Infinity, ...finite.filter((v) => v !== 0).map(Math.abs));
  if (finite.every(Number.isInteger) && largest < 1e8) {
    return (v) => (Number.isFinite(v) ? `${v}.` : special(v));
  }
  if (largest < 1e8 && smallest >= 1e-4) return (v) => (Number.isFinite(v) ? v.toFixed(4) : special(v));
  return (v) => (Number.isFinite(v) ? v.toExponential(4) : special(v));
}

export function formatTensor(t: Tensor): string {
  const suffix = [
    t.dtype === "float64" ? "" : `dtype=${t.dtype}`,
    t.requiresGrad ? "requiresGrad=true" : "",
  ].filter((s) => s !== "");
  if (t.numel() === 0) suffix.unshift(`shape=[${t.shape.join(", ")}]`);
  const tail = suffix.length > 0 ? `, ${suffix.join(", ")}` : "";
  const prefix = "tensor(";

  const shown = t.shape.map((d, dim) => shownIndices(d, dim === t.ndim - 1 ? MAX_COLUMNS : MAX_ROWS));
  const values: number[] = [];
  const at = (index: number[]) => t.storage[t.offset + index.reduce((o, i, d) => o + i * t.strides[d], 0)];
  const collect = (dim: number, index: number[]): void => {
    if (dim === t.ndim) values.push(at(index));
    else for (const i of shown[dim]) if (i >= 0) collect(dim + 1, [...index, i]);
  };
  if (t.numel() > 0) collect(0, []);
  const format = numberFormatter(values);
  const width = Math.max(0, ...values.map((v) => format(v).length));

  const render = (dim: number, index: number[]): string => {
    if (dim === t.ndim) return format(at(index)).padStart(width);
    const indent = " ".repeat(prefix.length + dim + 1);
    const separator = dim === t.ndim - 1 ? ", " : "," + "\n".repeat(t.ndim - dim - 1) + indent;
    const parts = shown[dim].map((i) => (i < 0 ? "..." : render(dim + 1, [...index, i])));
    return `[${parts.join(separator)}]`;
  };
  return `${prefix}${render(0, [])}${tail})`;
}
