// Shape arithmetic shared by every op: sizes, row-major strides, dim normalisation and NumPy/PyTorch
// broadcasting. Errors name the op and every shape involved, because a shape error is the most common
// mistake in a notebook and the message is all a student sees.

export type Shape = readonly number[];

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return false;
  return true;
}

export function checkShape(shape: readonly number[], op: string): number[] {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: invalid shape ${formatShape(shape)} (sizes must be non-negative integers)`);
    }
  }
  return shape.slice();
}

/** The multi-index of the element at row-major position `flat` in a tensor of `shape`. */
export function unravelIndex(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/** Maps a possibly negative dim into [0, ndim); a 0-d tensor accepts 0 and −1, as in PyTorch. */
export function normalizeDim(dim: number, ndim: number, op: string): number {
  const wrap = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -wrap || dim >= wrap) {
    throw new RangeError(`${op}: dim ${dim} is out of range for a tensor with ${ndim} dimension(s)`);
  }
  return dim < 0 ? dim + wrap : dim;
}

/** Sorted, de-duplicated dims; `undefined` means all dims. */
export function normalizeDims(dim: number | readonly number[] | undefined, ndim: number, op: string): number[] {
  if (dim === undefined) return Array.from({ length: ndim }, (_, d) => d);
  const list = typeof dim === "number" ? [dim] : dim;
  const dims = [...new Set(list.map((d) => normalizeDim(d, ndim, op)))];
  return dims.sort((a, b) => a - b);
}

/**
 * normalizeDims for a reduction that has no value on an empty set (max, min, argmax): throws when a
 * reduced dimension has size 0. Empty dimensions that are not reduced are fine (the result is empty).
 */
export function nonEmptyDims(dim: number | readonly number[] | undefined, shape: Shape, op: string, what: string): number[] {
  const dims = normalizeDims(dim, shape.length, op);
  for (const d of dims) {
    if (shape[d] === 0) throw new RangeError(`${op}: dim ${d} of the tensor of shape ${formatShape(shape)} is empty, and an empty set has no ${what}`);
  }
  return dims;
}

/** The broadcast shape of several operands (right-aligned, size-1 dims stretch). */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const ndim = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const shape of shapes) {
    for (let i = 0; i < shape.length; i++) {
      const d = ndim - shape.length + i;
      const size = shape[i];
      if (size === out[d] || size === 1) continue;
      if (out[d] === 1) out[d] = size;
      else {
        throw new RangeError(
          `${op}: shapes ${shapes.map(formatShape).join(" and ")} cannot be broadcast together ` +
            `(dimension ${d} of the result: ${out[d]} vs ${size})`,
        );
      }
    }
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had the (broadcast) shape `target`. */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[lead + i] = shape[i] === 1 && target[lead + i] !== 1 ? 0 : strides[i];
  }
  return out;
}
