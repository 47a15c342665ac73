// Built-in functions and prototypes captured when this module loads. While grading, the grader
// loads it in a preamble cell before any student code runs, so these are the originals, whatever
// a submission later does to Math, Array.prototype, Reflect, JSON or the typed arrays. The
// grading harness (serialise.ts, sha256.ts, grading.ts, cases.ts) reaches built-ins only through
// this module.
//
// Rules for code that uses it while a submission's code may have run: call only captured
// functions (directly, or with `apply`); never call a method of a value, never iterate (for…of,
// spread and array destructuring use patchable iterators), never use `instanceof` (it calls a
// patchable Symbol.hasInstance), never assign a property that is not already an own property of
// an object we made (assignment consults setters on the prototype chain; object and array literals
// define their properties instead).

import { types } from "node:util";

export const apply = Reflect.apply;
export const getPrototypeOf = Reflect.getPrototypeOf;
const getOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const ownKeys = Reflect.ownKeys;
export const defineProperty = Reflect.defineProperty;
const hasOwn = Object.hasOwn;
export const freeze = Object.freeze;
export const isArray = Array.isArray;
export const objectIs = Object.is;
export const imul = Math.imul;
export const isProxy = types.isProxy;
const isNativeError = types.isNativeError;
export const ObjectPrototype = Object.prototype;
export const ArrayPrototype = Array.prototype;
export const Float64ArrayConstructor = Float64Array;
export const Uint8ArrayConstructor = Uint8Array;
export const Uint32ArrayConstructor = Uint32Array;
export const Int32ArrayConstructor = Int32Array;

// Methods captured to be called with `apply` and a receiver, never as plain functions.
// eslint-disable-next-line @typescript-eslint/unbound-method
const stringCharCodeAt = String.prototype.charCodeAt;
// eslint-disable-next-line @typescript-eslint/unbound-method
const stringSlice = String.prototype.slice;
const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayLength = getOwnPropertyDescriptor(typedArrayPrototype, "length")!.get as (this: object) => number;
const typedArrayName = getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)!.get as (this: object) => string | undefined;
const typedArrayFill = (typedArrayPrototype as { fill: unknown }).fill as (...args: unknown[]) => unknown;

/** The prototypes of the built-in error classes and their names. */
const errorPrototypes: ReadonlyArray<readonly [object, string]> = [
  [TypeError.prototype, "TypeError"],
  [RangeError.prototype, "RangeError"],
  [ReferenceError.prototype, "ReferenceError"],
  [SyntaxError.prototype, "SyntaxError"],
  [EvalError.prototype, "EvalError"],
  [URIError.prototype, "URIError"],
  [AggregateError.prototype, "AggregateError"],
  [Error.prototype, "Error"],
];

export function charCodeAt(text: string, index: number): number {
  return apply<string, [number], number>(stringCharCodeAt, text, [index]);
}

export function slice(text: string, start: number, end: number): string {
  return apply<string, [number, number], string>(stringSlice, text, [start, end]);
}

/** "Float64Array", "Int32Array", … for a real typed array (whatever its prototype says), else undefined. */
export function typedArrayKind(value: object): string | undefined {
  return apply(typedArrayName, value, []);
}

/** The length of a real typed array (read through the original getter). */
export function typedArrayLengthOf(value: object): number {
  return apply(typedArrayLength, value, []);
}

export function fillTypedArray(array: object, value: number): void {
  apply(typedArrayFill, array, [value]);
}

/**
 * Throws `{ problem }`: how the harness reports a value it will not record or a malformed test. A
 * plain object on purpose — an Error would need a constructor and properties a submission can
 * reach (Error.stackTraceLimit, prepareStackTrace); an object literal defines its property
 * without consulting any setter.
 */
export function refuse(problem: string): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw { problem };
}

/**
 * An own data property of an ordinary object (not a Proxy): its value, `undefined` if absent.
 * Throws `{ problem }` for an accessor: a getter is code, and code could answer differently each time.
 */
export function ownData(object: object, key: string | number): unknown {
  const descriptor = getOwnPropertyDescriptor(object, key);
  if (descriptor === undefined) return undefined;
  if (hasOwn(descriptor, "get") || hasOwn(descriptor, "set")) refuse(`its property "${key}" is a getter/setter (only plain data is accepted)`);
  return descriptor.value;
}

/**
 * The `problem` of a `{ problem }` the harness threw (an unrecordable value, a malformed test), else
 * undefined. Such plain objects are how the harness reports: an Error would need a constructor and
 * assignments a submission can intercept.
 */
export function unrecordableProblem(caught: unknown): string | undefined {
  if (typeof caught !== "object" || caught === null || isProxy(caught)) return undefined;
  const descriptor = getOwnPropertyDescriptor(caught, "problem");
  return descriptor !== undefined && !hasOwn(descriptor, "get") && typeof descriptor.value === "string" ? descriptor.value : undefined;
}

/** A thrown value as "Name: message", read without calling anything the value defines. */
export function describeThrown(thrown: unknown): string {
  if (typeof thrown === "string") return limit(thrown);
  if (typeof thrown === "number" || typeof thrown === "boolean" || typeof thrown === "bigint") return `${thrown}`;
  if (typeof thrown !== "object" || thrown === null || isProxy(thrown)) return "a value that is not an Error was thrown";
  let name = "an object that is not an Error was thrown";
  if (isNativeError(thrown)) {
    name = "Error";
    const proto = getPrototypeOf(thrown);
    for (let i = 0; i < errorPrototypes.length; i++) {
      if (errorPrototypes[i][0] === proto) name = errorPrototypes[i][1];
    }
  }
  let message: unknown;
  try {
    message = ownData(thrown, "message");
  } catch {
    message = undefined;
  }
  return typeof message === "string" ? limit(`${name}: ${message}`) : name;
}

function limit(text: string): string {
  return text.length > 2000 ? `${slice(text, 0, 2000)}…` : text;
}
