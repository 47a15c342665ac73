// Creating tensors: from nested arrays or typed arrays, constant fills, ranges, identity, and random
// tensors from the seeded generator. Every function takes { dtype, requiresGrad } like PyTorch's.

import type { FloatArray } from "../core/kernel";
import type { RandomState } from "../data/random";
import { allocate, checkDType, DEFAULT_DTYPE, type DType } from "./dtype";
import { checkShape, sizeOf } from "./shape";
import { defaultGenerator } from "./random";
import { Tensor, type NestedArray } from "./tensor";

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
  /** A generator of its own; the default generator (seeded by manualSeed) otherwise. */
  generator?: RandomState;
}

/** A size or a list of sizes. */
export type ShapeLike = number | readonly number[];

function make(data: FloatArray, shape: readonly number[], options: TensorOptions): Tensor {
  const t = new Tensor(data, shape);
  t.requiresGrad = options.requiresGrad ?? false;
  return t;
}

function shapeOf(shape: ShapeLike, op: string): number[] {
  return checkShape(typeof shape === "number" ? [shape] : shape, op);
}

function dtypeFrom(options: TensorOptions, fallback: DType = DEFAULT_DTYPE): DType {
  return options.dtype === undefined ? fallback : checkDType(options.dtype);
}

/**
 * A tensor holding a copy of `values`: a number, nested arrays of numbers, or a typed array (1-D).
 * @example
 * const t = tensor([[1, 2, 3], [4, 5, 6]]);
 * expect(t.shape).toEqual([2, 3]);
 * expect(t.dtype).toBe("float64");
 */
export function tensor(values: NestedArray | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  if (values instanceof Float32Array || values instanceof Float64Array || (ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    const typed = values as ArrayLike<number>;
    const dtype = dtypeFrom(options, values instanceof Float32Array ? "float32" : DEFAULT_DTYPE);
    const data = allocate(dtype, typed.length);
    data.set(typed);
    return make(data, [typed.length], options);
  }
  const shape = inferShape(values);
  const data = allocate(dtypeFrom(options), sizeOf(shape));
  let k = 0;
  const fill = (v: unknown, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (typeof v !== "number") throw new TypeError(`tensor: element at ${formatIndex(path)} is ${describe(v)}, not a number`);
      data[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new RangeError(`tensor: ragged nested array — the entry at ${formatIndex(path)} should be an array of length ${shape[depth]} (got ${describe(v)})`);
    }
    v.forEach((item, i) => fill(item, depth + 1, [...path, i]));
  };
  fill(values, 0, []);
  return make(data, shape, options);
}

function inferShape(values: unknown): number[] {
  const shape: number[] = [];
  let v = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

function formatIndex(path: number[]): string {
  return path.length === 0 ? "the top level" : `index [${path.join("][")}]`;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return v === undefined ? "missing" : `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * A tensor of the given shape filled with `value`.
 * @example
 * expect(full([2, 2], 7).tolist()).toEqual([[7, 7], [7, 7]]);
 */
export function full(shape: ShapeLike, value: number, options: TensorOptions = {}): Tensor {
  const s = shapeOf(shape, "full");
  return make(allocate(dtypeFrom(options), sizeOf(s)).fill(value), s, options);
}

/**
 * A tensor of zeros of the given shape.
 * @example
 * const z = zeros([2, 3]);
 * expect(z.tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
 * expect(zeros(2, { dtype: "float32" }).dtype).toBe("float32");
 */
export function zeros(shape: ShapeLike, options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

/**
 * A tensor of ones of the given shape.
 * @example
 * expect(ones([3]).tolist()).toEqual([1, 1, 1]);
 */
export function ones(shape: ShapeLike, options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

/**
 * Same shape and dtype as `like`, filled with `value`.
 * @example
 * const like = tensor([[1, 2]], { dtype: "float32" });
 * const t = fullLike(like, 0.5);
 * expect([t.shape, t.dtype, t.tolist()]).toEqual([[1, 2], "float32", [[0.5, 0.5]]]);
 */
export function fullLike(like: Tensor, value: number, options: TensorOptions = {}): Tensor {
  return full(like.shape, value, { dtype: like.dtype, ...options });
}

/**
 * Zeros of the shape and dtype of `like`.
 * @example
 * expect(zerosLike(tensor([[1, 2], [3, 4]])).tolist()).toEqual([[0, 0], [0, 0]]);
 */
export function zerosLike(like: Tensor, options: TensorOptions = {}): Tensor {
  return fullLike(like, 0, options);
}

/**
 * Ones of the shape and dtype of `like`.
 * @example
 * expect(onesLike(tensor([5, 6, 7])).tolist()).toEqual([1, 1, 1]);
 */
export function onesLike(like: Tensor, options: TensorOptions = {}): Tensor {
  return fullLike(like, 1, options);
}

/**
 * start, start+step, … up to but excluding end; arange(n) is 0…n−1 (numpy.arange).
 * @example
 * expect(arange(4).tolist()).toEqual([0, 1, 2, 3]);
 * expect(arange(1, 2, 0.25).tolist()).toEqual([1, 1.25, 1.5, 1.75]);
 */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0 || !Number.isFinite(step)) throw new RangeError(`arange: step must be a finite non-zero number (got ${step})`);
  const count = Math.max(0, Math.ceil((end - start) / step));
  const data = allocate(dtypeFrom(options), count);
  for (let i = 0; i < count; i++) data[i] = start + i * step;
  return make(data, [count], options);
}

/**
 * `steps` evenly spaced values from start to end inclusive (numpy.linspace: start + i·Δ, last = end).
 * @example
 * expect(linspace(0, 1, 5).tolist()).toEqual([0, 0.25, 0.5, 0.75, 1]);
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: steps must be a non-negative integer (got ${steps})`);
  const data = allocate(dtypeFrom(options), steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = start + i * delta;
  if (steps > 1) data[steps - 1] = end;
  return make(data, [steps], options);
}

/**
 * The n×m identity (m = n by default).
 * @example
 * expect(eye(2).tolist()).toEqual([[1, 0], [0, 1]]);
 * expect(eye(2, 3).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
 */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  const s = checkShape([n, m], "eye");
  const data = allocate(dtypeFrom(options), n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make(data, s, options);
}

/**
 * Uniform on [0, 1), drawn in row-major order (numpy.random.rand with the same seed gives the same values).
 * @example
 * manualSeed(0);
 * // NumPy: np.random.seed(0); np.random.rand(2, 2) → [[0.5488135 , 0.71518937], [0.60276338, 0.54488318]]
 * expect(rand([2, 2]).tolist()).toEqual([[0.5488135039273248, 0.7151893663724195], [0.6027633760716439, 0.5448831829968969]]);
 */
export function rand(shape: ShapeLike, options: RandomOptions = {}): Tensor {
  return drawn("rand", shape, options, (g) => g.randomSample());
}

/**
 * Standard normal, drawn in row-major order (numpy.random.randn with the same seed gives the same values).
 * @example
 * manualSeed(0);
 * // NumPy: np.random.seed(0); np.random.randn(3) → [1.76405235, 0.40015721, 0.97873798]
 * expect(randn(3).tolist()).toEqual([1.764052345967664, 0.4001572083672233, 0.9787379841057392]);
 */
export function randn(shape: ShapeLike, options: RandomOptions = {}): Tensor {
  return drawn("randn", shape, options, (g) => g.standardNormal());
}

function drawn(op: string, shape: ShapeLike, options: RandomOptions, draw: (g: RandomState) => number): Tensor {
  const s = shapeOf(shape, op);
  const g = options.generator ?? defaultGenerator();
  const data = allocate(dtypeFrom(options), sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = draw(g);
  return make(data, s, options);
}
