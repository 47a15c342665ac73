// The serialiser copies values out without trusting them: the data a value holds, read once, as
// wire text that decodeValue reads back. Objects that could answer differently on each read
// (Proxies, getters, valueOf) are refused, and so are tensor-looking objects and typed arrays with
// a forged prototype. Built-ins patched after the module loaded (as a submission would) change
// nothing: each patch is undone in `finally` so this worker process stays sane.
import { describe, expect, test } from "vitest";
import { serialise, readTensor } from "../../src/check/serialise";
import { decodeValue } from "../../src/check/value";
import { Tensor, tensor } from "../../src/index";

const roundTrip = (value: unknown) => decodeValue(JSON.parse(serialise(value)));
const problemOf = (value: unknown): string => {
  try {
    serialise(value);
  } catch (thrown) {
    return (thrown as { problem: string }).problem;
  }
  return "no problem";
};

describe("serialise: plain data", () => {
  test("numbers keep NaN, ±Infinity and −0; strings escape to ASCII", () => {
    expect(roundTrip(NaN)).toEqual({ type: "number", value: NaN });
    expect(roundTrip(-Infinity)).toEqual({ type: "number", value: -Infinity });
    expect(Object.is((roundTrip(-0) as { value: number }).value, -0)).toBe(true);
    expect(roundTrip(0.1 + 0.2)).toEqual({ type: "number", value: 0.30000000000000004 });
    const text = 'zażółć "gęślą"\\ jaźń\n\u0000';
    const wire = serialise(text);
    expect(/^[\x20-\x7e]*$/.test(wire)).toBe(true);
    expect(roundTrip(text)).toEqual({ type: "string", value: text });
  });

  test("arrays, plain objects, null, undefined, booleans, bigints and typed arrays", () => {
    expect(roundTrip([1, [true, null], { a: undefined, b: "x" }, 3n])).toEqual({
      type: "array",
      items: [
        { type: "number", value: 1 },
        { type: "array", items: [{ type: "boolean", value: true }, { type: "null" }] },
        { type: "object", entries: [["a", { type: "undefined" }], ["b", { type: "string", value: "x" }]] },
        { type: "bigint", value: "3" },
      ],
    });
    expect(roundTrip(new Float32Array([0.5, NaN]))).toEqual({ type: "typed-array", arrayType: "Float32Array", data: [0.5, NaN] });
  });

  test("a tensor is read from its storage, offset, strides and shape: views come out row-major", () => {
    const base = tensor([[1, 2, 3], [4, 5, 6]]); // (2, 3)
    expect(roundTrip(base)).toEqual({ type: "tensor", dtype: "float64", shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
    expect(roundTrip(base.T)).toEqual({ type: "tensor", dtype: "float64", shape: [3, 2], data: [1, 4, 2, 5, 3, 6] });
    expect(roundTrip(base.select(0, 1))).toEqual({ type: "tensor", dtype: "float64", shape: [3], data: [4, 5, 6] });
    expect(roundTrip(tensor(2.5, { dtype: "float32" }))).toEqual({ type: "tensor", dtype: "float32", shape: [], data: [2.5] });
    expect(roundTrip(tensor([1]).expand([3]))).toEqual({ type: "tensor", dtype: "float64", shape: [3], data: [1, 1, 1] });
    expect(readTensor(base.T).numel).toBe(6);
  });
});

describe("serialise: values that could lie are refused", () => {
  test("Proxies, getters, valueOf objects, boxed numbers, class instances, functions", () => {
    expect(problemOf(new Proxy({}, {}))).toBe("it is a Proxy");
    expect(problemOf(new Proxy([1, 2], {}))).toBe("it is a Proxy");
    let reads = 0;
    expect(problemOf({ get x() { return reads++; } })).toMatch(/property "x" is a getter/);
    expect(reads).toBe(0);
    expect(problemOf({ valueOf: () => 3 })).toMatch(/function/);
    expect(problemOf(Object.assign(Object.create({ valueOf: () => 3 }), {}))).toMatch(/class other than/);
    expect(problemOf(new Number(3))).toMatch(/class other than/);
    expect(problemOf(new Map())).toMatch(/class other than/);
    expect(problemOf(() => 1)).toMatch(/function/);
    const everChanging = { [Symbol.toPrimitive]: () => Math.random() };
    expect(problemOf(everChanging)).toMatch(/no problem/); // symbol keys are not data: it is an empty object
    expect(roundTrip(everChanging)).toEqual({ type: "object", entries: [] });
  });

  test("tensor-looking objects: a getter on storage, a fake storage, a view outside its storage, a Proxy", () => {
    const real = tensor([1, 2, 3]);
    const withGetter: unknown = Object.create(Tensor.prototype, {
      storage: { get: () => new Float64Array([1, 2, 3]) },
      shape: { value: [3] }, strides: { value: [1] }, offset: { value: 0 },
    });
    expect(problemOf(withGetter)).toMatch(/"storage" is a getter/);
    const fakeStorage = Object.assign(Object.create(Tensor.prototype) as object, { storage: [1, 2, 3], shape: [3], strides: [1], offset: 0 });
    expect(problemOf(fakeStorage)).toMatch(/storage is not a Float64Array/);
    const outside = Object.assign(Object.create(Tensor.prototype) as object, { storage: new Float64Array(3), shape: [4], strides: [1], offset: 0 });
    expect(problemOf(outside)).toMatch(/outside its storage/);
    expect(problemOf(new Proxy(real, {}))).toBe("it is a Proxy");
    const uint8AsFloat = new Uint8Array([1, 2]);
    Object.setPrototypeOf(uint8AsFloat, Float64Array.prototype);
    const forged = Object.assign(Object.create(Tensor.prototype) as object, { storage: uint8AsFloat, shape: [2], strides: [1], offset: 0 });
    expect(problemOf(forged)).toMatch(/storage is not a Float64Array/); // its internal type is still Uint8Array
  });

  test("built-ins patched after loading change nothing", () => {
    const saved = {
      length: Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length")!,
      iterator: Array.prototype[Symbol.iterator],
      stringify: JSON.stringify,
      getOwn: Reflect.getOwnPropertyDescriptor,
    };
    const value = { a: [1, 2, 3], t: tensor([4, 5]), f: new Float64Array([6, 7, 8]) }; // built before the patches
    const proxy = new Proxy({}, {});
    let wire: string;
    let proxyProblem: string;
    try {
      Object.defineProperty(Object.getPrototypeOf(Uint8Array.prototype), "length", { get: () => 1, configurable: true });
      Array.prototype[Symbol.iterator] = function* () { yield 42; };
      JSON.stringify = () => '{"t":"num","v":"1"}';
      (Reflect as { getOwnPropertyDescriptor: unknown }).getOwnPropertyDescriptor = () => ({ value: 7, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(Object.prototype, "problem", { set() { throw new Error("setter on Object.prototype was called"); }, configurable: true });
      wire = serialise(value);
      proxyProblem = problemOf(proxy);
    } finally {
      Object.defineProperty(Object.getPrototypeOf(Uint8Array.prototype), "length", saved.length);
      Array.prototype[Symbol.iterator] = saved.iterator;
      JSON.stringify = saved.stringify;
      Reflect.getOwnPropertyDescriptor = saved.getOwn;
      delete (Object.prototype as Record<string, unknown>).problem;
    }
    // Asserted after restoring: vitest's expect itself needs the real built-ins.
    expect(wire).toBe('{"t":"obj","v":[["a",{"t":"arr","v":[{"t":"num","v":"1"},{"t":"num","v":"2"},{"t":"num","v":"3"}]}],["t",{"t":"tensor","dtype":"float64","shape":[2],"data":"4,5"}],["f",{"t":"typed","type":"Float64Array","data":"6,7,8"}]]}');
    expect(proxyProblem).toBe("it is a Proxy");
  });

  test("runaway values are refused instead of flooding the grader", () => {
    const deep: unknown[] = [];
    let cursor = deep;
    for (let i = 0; i < 40; i++) {
      const next: unknown[] = [];
      cursor[0] = next;
      cursor = next;
    }
    expect(problemOf(deep)).toMatch(/nested more than 32/);
    expect(problemOf(new Float64Array(5_000_000))).toMatch(/more than 4000000 numbers/);
  });
});
