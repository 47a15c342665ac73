// Argument checks shared by every Kernel implementation, so the reference and the WASM core reject
// the same mistakes with the same messages instead of reading past the end of an array.

import { windowSizes, type FloatArray, type Window2d } from "./kernel";

/** Throws unless m, n, k are non-negative integers, a, b, c share one element type and hold at least (m, k), (k, n), (m, n) elements. */
export function checkGemmArgs(m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
  // Plain comparisons: this runs on every matrix product, so it allocates nothing.
  checkSize("m", m);
  checkSize("n", n);
  checkSize("k", k);
  if (a.constructor !== b.constructor || a.constructor !== c.constructor) {
    throw new TypeError(`gemm: a, b, c must share one element type, got ${a.constructor.name}, ${b.constructor.name}, ${c.constructor.name}`);
  }
  checkLength("a", a, m * k, m, n, k);
  checkLength("b", b, k * n, m, n, k);
  checkLength("c", c, m * n, m, n, k);
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`gemm: ${name} must be a non-negative integer, got ${value}`);
}

function checkLength(name: string, array: FloatArray, length: number, m: number, n: number, k: number): void {
  if (array.length < length) throw new RangeError(`gemm: ${name} has ${array.length} elements, needs ${length} (m=${m}, n=${n}, k=${k})`);
}

/** Throws unless x and y share one element type and length. */
export function checkAxpyArgs(x: FloatArray, y: FloatArray): void {
  if (x.constructor !== y.constructor) throw new TypeError(`axpy: x and y must share one element type, got ${x.constructor.name} and ${y.constructor.name}`);
  if (x.length !== y.length) throw new RangeError(`axpy: x has ${x.length} elements but y has ${y.length}`);
}

/**
 * Throws unless `out` (and `other`, when given) share x's element type and hold at least x.length
 * elements — the operands of an elementwise kernel over x. Plain comparisons: it runs on every call.
 */
export function checkElementwiseArgs(op: string, x: FloatArray, out: FloatArray, other?: FloatArray): void {
  if (out.constructor !== x.constructor || (other !== undefined && other.constructor !== x.constructor)) {
    throw new TypeError(`${op}: all arrays must share one element type, got ${x.constructor.name}, ${out.constructor.name}${other === undefined ? "" : `, ${other.constructor.name}`}`);
  }
  if (out.length < x.length || (other !== undefined && other.length < x.length)) {
    throw new RangeError(`${op}: x has ${x.length} elements, the other arrays ${out.length}${other === undefined ? "" : ` and ${other.length}`}`);
  }
}

/**
 * Throws unless m, n, k are non-negative integers and every array of a linear-layer call (null ones
 * skipped) holds its (m, n, k) shape in the element type of x. Runs on every call: no allocation.
 */
export function checkLinearArgs(
  op: string, m: number, n: number, k: number,
  x: FloatArray, weight: FloatArray, bias: FloatArray | null,
  y: FloatArray | null, dy: FloatArray | null, dx: FloatArray | null, dw: FloatArray | null, db: FloatArray | null,
): void {
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`${op}: m must be a non-negative integer, got ${m}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${op}: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`${op}: k must be a non-negative integer, got ${k}`);
  checkLinearArray(op, x, "x (m, k)", x, m * k);
  checkLinearArray(op, x, "weight (n, k)", weight, n * k);
  checkLinearArray(op, x, "bias (n)", bias, n);
  checkLinearArray(op, x, "y (m, n)", y, m * n);
  checkLinearArray(op, x, "dy (m, n)", dy, m * n);
  checkLinearArray(op, x, "dx (m, k)", dx, m * k);
  checkLinearArray(op, x, "dw (n, k)", dw, n * k);
  checkLinearArray(op, x, "db (n)", db, n);
}

function checkLinearArray(op: string, x: FloatArray, what: string, array: FloatArray | null, length: number): void {
  if (array === null) return;
  if (array.constructor !== x.constructor) throw new TypeError(`${op}: ${what.split(" ")[0]} must have the element type of x (${x.constructor.name}), got ${array.constructor.name}`);
  checkArrayLength(op, what, array, length);
}

const WINDOW_FIELDS = ["n", "c", "h", "w", "kh", "kw", "strideH", "strideW", "padH", "padW", "dilationH", "dilationW", "oh", "ow"] as const;

/** Throws unless g is a consistent window geometry: integer fields, positive sizes, and OH, OW as PyTorch computes them. */
function checkWindow(op: string, g: Window2d): void {
  for (const field of WINDOW_FIELDS) {
    const value = g[field];
    const min = field.startsWith("pad") || field === "n" || field === "c" ? 0 : 1;
    if (!Number.isInteger(value) || value < min) throw new RangeError(`${op}: window.${field} must be an integer ≥ ${min}, got ${value}`);
  }
  const oh = Math.floor((g.h + 2 * g.padH - g.dilationH * (g.kh - 1) - 1) / g.strideH) + 1;
  const ow = Math.floor((g.w + 2 * g.padW - g.dilationW * (g.kw - 1) - 1) / g.strideW) + 1;
  if (g.oh !== oh || g.ow !== ow) throw new RangeError(`${op}: window output ${g.oh}×${g.ow} does not match its input, kernel, stride, padding and dilation (${oh}×${ow})`);
}

/** Throws unless `image` (N, C, H, W) and `cols` (C·KH·KW, N·OH·OW) fit the geometry and share one element type. */
export function checkWindowArgs(op: string, g: Window2d, image: FloatArray, cols: FloatArray): void {
  checkWindow(op, g);
  if (image.constructor !== cols.constructor) throw new TypeError(`${op}: image and cols must share one element type, got ${image.constructor.name} and ${cols.constructor.name}`);
  const sizes = windowSizes(g);
  checkArrayLength(op, "image (N, C, H, W)", image, sizes.image);
  checkArrayLength(op, "cols (C·KH·KW, N·OH·OW)", cols, sizes.rows * sizes.columns);
}

interface ConvArrays {
  x: FloatArray;
  weight: FloatArray;
  bias?: FloatArray | null;
  y?: FloatArray;
  dy?: FloatArray;
  dx?: FloatArray | null;
  dw?: FloatArray | null;
  db?: FloatArray | null;
}

/** Throws unless every array of a convolution call fits the geometry and C_out, and all share one element type. */
export function checkConvArgs(op: string, g: Window2d, cOut: number, arrays: ConvArrays): void {
  checkWindow(op, g);
  if (!Number.isInteger(cOut) || cOut < 1) throw new RangeError(`${op}: cOut must be a positive integer, got ${cOut}`);
  const { image, rows, columns } = windowSizes(g);
  const outputs = cOut * columns; // N·C_out·OH·OW
  const needed: Record<keyof ConvArrays, number> = { x: image, weight: cOut * rows, bias: cOut, y: outputs, dy: outputs, dx: image, dw: cOut * rows, db: cOut };
  const shapes: Record<keyof ConvArrays, string> = { x: "(N, C, H, W)", weight: "(C_out, C·KH·KW)", bias: "(C_out)", y: "(N, C_out, OH·OW)", dy: "(N, C_out, OH·OW)", dx: "(N, C, H, W)", dw: "(C_out, C·KH·KW)", db: "(C_out)" };
  for (const name of Object.keys(arrays) as (keyof ConvArrays)[]) {
    const array = arrays[name];
    if (array === null || array === undefined) continue;
    if (array.constructor !== arrays.x.constructor) throw new TypeError(`${op}: ${name} must have the element type of x (${arrays.x.constructor.name}), got ${array.constructor.name}`);
    checkArrayLength(op, `${name} ${shapes[name]}`, array, needed[name]);
  }
}

function checkArrayLength(op: string, what: string, array: FloatArray, length: number): void {
  if (array.length < length) throw new RangeError(`${op}: ${what} has ${array.length} elements, needs ${length}`);
}
