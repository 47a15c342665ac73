// A tested value as data: what a homework case produced (or expected), copied out of the notebook's
// objects into plain numbers, strings and arrays. The grading harness writes it as ASCII JSON text
// (the "wire" form, serialise.ts) from inside a student's kernel; the grader and the in-notebook
// check both read it back with `decodeValue` and judge it with compare.ts. Numbers travel as
// decimal text so NaN, ±Infinity and −0 survive JSON. This module imports nothing: the grader
// (kernel/) reads values without loading the numeric stack.

/** The float dtypes of a tensor. */
export type TensorDType = "float64" | "float32";

export type CheckedValue =
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "string"; value: string }
  | { type: "bigint"; value: string }
  | { type: "null" }
  | { type: "undefined" }
  | { type: "array"; items: CheckedValue[] }
  | { type: "object"; entries: Array<[string, CheckedValue]> }
  | { type: "tensor"; dtype: TensorDType; shape: number[]; data: number[] }
  /** A typed array, by its constructor's name ("Float64Array", "Int32Array", …). */
  | { type: "typed-array"; arrayType: string; data: number[] };

/** The wire form's tags (`{"t": tag, …}`). */
type WireTag = "num" | "bool" | "str" | "bigint" | "null" | "undef" | "arr" | "obj" | "tensor" | "typed";

const TYPED_ARRAY_NAMES = new Set([
  "Float64Array", "Float32Array", "Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array",
]);

/** A number as the wire writes it: shortest round-trip decimal, "NaN", "Infinity", "-Infinity", "-0". */
export function numberText(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** Inverse of numberText; throws on anything else (the wire never writes it). */
function parseNumberText(text: string): number {
  if (!/^(-?(\d+(\.\d+)?(e[+-]?\d+)?|Infinity)|NaN)$/.test(text)) throw new Error(`not a number: ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}

/** Decodes the wire form (already JSON.parse'd); throws an Error naming what is malformed. */
export function decodeValue(wire: unknown, depth = 0): CheckedValue {
  if (depth > 64) throw new Error("value nested too deeply");
  if (typeof wire !== "object" || wire === null || Array.isArray(wire)) throw new Error("value is not a tagged object");
  const node = wire as Record<string, unknown>;
  const tag = node.t as WireTag;
  switch (tag) {
    case "num":
      return { type: "number", value: parseNumberText(text(node.v)) };
    case "bool":
      if (typeof node.v !== "boolean") throw new Error("bool without a boolean");
      return { type: "boolean", value: node.v };
    case "str":
      return { type: "string", value: text(node.v) };
    case "bigint":
      if (!/^-?\d+$/.test(text(node.v))) throw new Error("bigint without digits");
      return { type: "bigint", value: text(node.v) };
    case "null":
      return { type: "null" };
    case "undef":
      return { type: "undefined" };
    case "arr":
      if (!Array.isArray(node.v)) throw new Error("arr without a list");
      return { type: "array", items: node.v.map((item) => decodeValue(item, depth + 1)) };
    case "obj": {
      if (!Array.isArray(node.v)) throw new Error("obj without a list");
      const entries = node.v.map((entry): [string, CheckedValue] => {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string") throw new Error("obj entry is not [key, value]");
        return [entry[0], decodeValue(entry[1], depth + 1)];
      });
      return { type: "object", entries };
    }
    case "tensor": {
      if (node.dtype !== "float64" && node.dtype !== "float32") throw new Error(`tensor with dtype ${JSON.stringify(node.dtype)}`);
      if (!Array.isArray(node.shape) || !node.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new Error("tensor shape is not a list of sizes");
      const shape = node.shape as number[];
      const data = numberList(text(node.data));
      const numel = shape.reduce((n, d) => n * d, 1);
      if (data.length !== numel) throw new Error(`tensor of shape [${shape.join(", ")}] with ${data.length} values`);
      return { type: "tensor", dtype: node.dtype, shape, data };
    }
    case "typed": {
      const arrayType = text(node.type);
      if (!TYPED_ARRAY_NAMES.has(arrayType)) throw new Error(`unknown typed array ${JSON.stringify(arrayType)}`);
      return { type: "typed-array", arrayType, data: numberList(text(node.data)) };
    }
    default:
      throw new Error(`unknown value tag ${JSON.stringify(tag)}`);
  }
}

function text(value: unknown): string {
  if (typeof value !== "string") throw new Error("expected a string field");
  return value;
}

function numberList(data: string): number[] {
  return data === "" ? [] : data.split(",").map(parseNumberText);
}

/** "a float64 tensor of shape [2, 3]", "the number 3", "a string" — for messages. */
export function describeValue(value: CheckedValue): string {
  switch (value.type) {
    case "number":
      return `the number ${numberText(value.value)}`;
    case "boolean":
      return `the boolean ${value.value}`;
    case "string":
      return "a string";
    case "bigint":
      return "a bigint";
    case "null":
      return "null";
    case "undefined":
      return "undefined";
    case "array":
      return `an array of ${value.items.length}`;
    case "object":
      return "an object";
    case "tensor":
      return `a ${value.dtype} tensor of shape [${value.shape.join(", ")}]`;
    case "typed-array":
      return `a ${value.arrayType} of length ${value.data.length}`;
  }
}
