// Copies a value out of a notebook into the wire form of value.ts (ASCII JSON text), without
// trusting it. A submission may hand the tests anything: a Proxy, an object whose getter or valueOf
// answers differently on every read, a tensor-looking object, a typed array with a forged
// prototype — and it may have patched every built-in by the time a test cell runs. So this code
// calls no method of the value and no patchable built-in (intrinsics.ts): Proxies are refused,
// properties are read as own data properties (a getter is refused), typed arrays are recognised by
// their internal type and read through the original length getter, a Tensor is read from its
// storage, offset, strides and shape fields and its prototype must be the library's. The value's
// data is read once; what the text says is what the grader judges.

import { Tensor } from "../tensor/tensor";
import {
  ArrayPrototype,
  charCodeAt,
  Float64ArrayConstructor,
  getPrototypeOf,
  Int32ArrayConstructor,
  isArray,
  isProxy,
  objectIs,
  ObjectPrototype,
  ownData,
  ownKeys,
  refuse,
  slice,
  typedArrayKind,
  typedArrayLengthOf,
} from "./intrinsics";

const TensorPrototype = Tensor.prototype;
const HEX = "0123456789abcdef";
const MAX_DEPTH = 32;
/** Numbers and characters one value may hold, so a runaway answer cannot flood the grader. */
const MAX_NUMBERS = 4_000_000;
const MAX_STRING = 1_000_000;

interface Budget {
  numbers: number;
}

/** The wire text of `value`; throws `{ problem }` naming what is wrong with it. */
export function serialise(value: unknown): string {
  return write(value, 0, { numbers: 0 });
}

function write(value: unknown, depth: number, budget: Budget): string {
  if (depth > MAX_DEPTH) refuse(`it is nested more than ${MAX_DEPTH} levels deep`);
  switch (typeof value) {
    case "number":
      return `{"t":"num","v":"${numberText(value)}"}`;
    case "boolean":
      return value ? `{"t":"bool","v":true}` : `{"t":"bool","v":false}`;
    case "string":
      return `{"t":"str","v":${quote(value)}}`;
    case "bigint":
      return `{"t":"bigint","v":"${value}"}`;
    case "undefined":
      return `{"t":"undef"}`;
    case "function":
      return refuse("it is a function (call it and return its result)");
    case "symbol":
      return refuse("it is a symbol");
  }
  if (value === null) return `{"t":"null"}`;
  const object = value as object;
  if (isProxy(object)) refuse("it is a Proxy");
  const kind = typedArrayKind(object);
  if (kind !== undefined) return `{"t":"typed","type":"${kind}","data":"${typedArrayText(object, typedArrayLengthOf(object), budget)}"}`;
  const proto = getPrototypeOf(object);
  if (proto === TensorPrototype) {
    const tensor = readTensor(object);
    spend(budget, tensor.numel);
    return tensorWire(tensor);
  }
  if (isArray(object)) {
    if (proto !== ArrayPrototype) refuse("it is an array with a changed prototype");
    return arrayText(object, depth, budget);
  }
  if (proto === ObjectPrototype || proto === null) return objectText(object, depth, budget);
  return refuse("it is an object of a class other than Tensor, Array, a typed array or a plain object (a boxed number, a Map, an instance of your own class?)");
}

/** A number as decimal text, −0 and NaN included (the wire's form). */
export function numberText(x: number): string {
  return objectIs(x, -0) ? "-0" : `${x}`;
}

/** A JSON string literal in ASCII: quotes, backslashes, control and non-ASCII characters escaped. */
export function quote(text: string): string {
  if (text.length > MAX_STRING) refuse(`it is a string of more than ${MAX_STRING} characters`);
  let out = '"';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = charCodeAt(text, i);
    if (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c) continue;
    out += slice(text, run, i);
    out += `\\u${HEX[(code >>> 12) & 0xf]}${HEX[(code >>> 8) & 0xf]}${HEX[(code >>> 4) & 0xf]}${HEX[code & 0xf]}`;
    run = i + 1;
  }
  return `${out}${slice(text, run, text.length)}"`;
}

function spend(budget: Budget, numbers: number): void {
  budget.numbers += numbers;
  if (budget.numbers > MAX_NUMBERS) refuse(`it holds more than ${MAX_NUMBERS} numbers`);
}

/** The `count` elements of a real typed array as comma-separated numbers. */
function typedArrayText(array: object, count: number, budget: Budget): string {
  spend(budget, count);
  const elements = array as unknown as { [index: number]: number | bigint };
  let out = "";
  for (let i = 0; i < count; i++) {
    const x = elements[i];
    const text = typeof x === "number" ? numberText(x) : `${x}`;
    out += i === 0 ? text : `,${text}`;
  }
  return out;
}

/** A length or index: a safe non-negative integer. */
function size(value: unknown, what: string): number {
  if (typeof value !== "number" || !(value >= 0) || value > 9007199254740991 || value % 1 !== 0) refuse(`${what} is not a non-negative integer`);
  return value;
}

/** A plain array of integers (shape or strides), read as data. */
function integerList(value: unknown, what: string, allowNegative: boolean): { values: Int32Array; length: number } {
  if (typeof value !== "object" || value === null || isProxy(value) || !isArray(value) || getPrototypeOf(value) !== ArrayPrototype) {
    refuse(`its ${what} is not a plain array`);
  }
  const length = size(ownData(value, "length"), `its ${what}'s length`);
  if (length > 32) refuse(`its ${what} has more than 32 entries`);
  const out = new Int32ArrayConstructor(length);
  for (let i = 0; i < length; i++) {
    const entry = ownData(value, i);
    if (typeof entry !== "number" || entry % 1 !== 0 || (!allowNegative && entry < 0) || entry > 2147483647 || entry < -2147483648) {
      refuse(`its ${what} holds something other than ${allowNegative ? "integers" : "sizes"}`);
    }
    out[i] = entry;
  }
  return { values: out, length };
}

/** A tensor's elements copied out: row-major float64 numbers, its shape, its dtype. */
export interface TensorData {
  dtype: "float64" | "float32";
  shape: Int32Array;
  /** Entries of shape and data (read through the original getter once; typed-array `.length` is patchable). */
  ndim: number;
  numel: number;
  data: Float64Array;
}

/**
 * A Tensor read from its fields: storage (a real Float64Array or Float32Array), offset, strides
 * and shape, as own data properties, and the library's Tensor prototype. Every element the view
 * can address must lie inside the storage. Throws `{ problem }` otherwise.
 */
export function readTensor(value: unknown): TensorData {
  if (typeof value !== "object" || value === null || isProxy(value) || getPrototypeOf(value) !== TensorPrototype) refuse("it is not a Tensor");
  const storage = ownData(value, "storage");
  const kind = typeof storage === "object" && storage !== null && !isProxy(storage) ? typedArrayKind(storage) : undefined;
  if (kind !== "Float64Array" && kind !== "Float32Array") refuse("it is a Tensor whose storage is not a Float64Array or Float32Array");
  const shapeList = integerList(ownData(value, "shape"), "shape", false);
  const strides = integerList(ownData(value, "strides"), "strides", true);
  const offset = size(ownData(value, "offset"), "its offset");
  if (strides.length !== shapeList.length) refuse("it is a Tensor whose strides and shape differ in length");
  const ndim = shapeList.length;
  const storageLength = typedArrayLengthOf(storage as object);
  let numel = 1;
  let lowest = offset;
  let highest = offset;
  for (let d = 0; d < ndim; d++) {
    numel *= shapeList.values[d];
    const reach = (shapeList.values[d] - 1) * strides.values[d];
    if (reach < 0) lowest += reach;
    else highest += reach;
  }
  if (numel > MAX_NUMBERS) refuse(`it holds more than ${MAX_NUMBERS} numbers`);
  if (numel > 0 && (lowest < 0 || highest >= storageLength)) refuse("it is a Tensor whose view reaches outside its storage");
  const elements = storage as { [index: number]: number };
  const data = new Float64ArrayConstructor(numel);
  const index = new Int32ArrayConstructor(ndim);
  let position = offset;
  for (let n = 0; n < numel; n++) {
    data[n] = elements[position];
    // Advance the multi-index like an odometer, last dimension fastest.
    for (let d = ndim - 1; d >= 0; d--) {
      index[d] += 1;
      position += strides.values[d];
      if (index[d] < shapeList.values[d]) break;
      position -= index[d] * strides.values[d];
      index[d] = 0;
    }
  }
  return { dtype: kind === "Float64Array" ? "float64" : "float32", shape: shapeList.values, ndim, numel, data };
}

/** A tensor's wire text. */
export function tensorWire(tensor: TensorData): string {
  let shapeText = "";
  for (let d = 0; d < tensor.ndim; d++) shapeText += d === 0 ? `${tensor.shape[d]}` : `,${tensor.shape[d]}`;
  let dataText = "";
  for (let n = 0; n < tensor.numel; n++) dataText += n === 0 ? numberText(tensor.data[n]) : `,${numberText(tensor.data[n])}`;
  return `{"t":"tensor","dtype":"${tensor.dtype}","shape":[${shapeText}],"data":"${dataText}"}`;
}

function arrayText(array: object, depth: number, budget: Budget): string {
  const length = size(ownData(array, "length"), "its length");
  spend(budget, length);
  let out = "";
  for (let i = 0; i < length; i++) {
    const item = write(ownData(array, i), depth + 1, budget);
    out += i === 0 ? item : `,${item}`;
  }
  return `{"t":"arr","v":[${out}]}`;
}

function objectText(object: object, depth: number, budget: Budget): string {
  const keys = ownKeys(object);
  let out = "";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== "string") continue;
    const entry = `[${quote(key)},${write(ownData(object, key), depth + 1, budget)}]`;
    out += first ? entry : `,${entry}`;
    first = false;
  }
  return `{"t":"obj","v":[${out}]}`;
}
