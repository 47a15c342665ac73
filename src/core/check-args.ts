// Argument checks shared by every Kernel implementation, so the reference and the WASM core reject
// the same mistakes with the same messages instead of reading past the end of an array.

import type { FloatArray } from "./kernel";

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
