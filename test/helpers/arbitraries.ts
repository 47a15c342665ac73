// fast-check generators for the property tests: shapes of 0–4 dims with small sizes (1 and 0
// included), broadcast-compatible shape pairs, views (permutes, stepped slices, expands with stride 0,
// selects, offsets — up to two stacked), both dtypes, and seeds for the values. Everything generated
// is plain data (so a shrunk counterexample prints readably); materialize() turns it into a leaf
// tensor and the view built from it, and describeTensor() prints the shape, strides, offset and dtype
// a failure message needs. readStrided() reads a tensor's elements straight from its storage by
// index arithmetic — independent of the library's strided iteration, which is under test.

import fc from "fast-check";
import { RandomState } from "../../src/data/random";
import { tensor, type DType, type Tensor } from "../../src/index";

export type Layout =
  /** view = base.permute(perm) */
  | { kind: "permute"; perm: number[] }
  /** view = base.slice(dim, start, end, step), base 〈shape[dim]·step + start〉 long there */
  | { kind: "slice"; dim: number; start: number; step: number }
  /** view = base.expand(shape): base lacks `lead` leading dims and has size 1 at `ones` (stride 0 after) */
  | { kind: "expand"; lead: number; ones: number[] }
  /** view = base.select(dim, index), base with an extra dim of `size` at `dim` */
  | { kind: "select"; dim: number; size: number; index: number }
  /** view = base[before:].view(shape): contiguous, but starting `before` elements into its storage */
  | { kind: "offset"; before: number };

/** A generated operand: the view's shape, how the view is made from its base, its dtype, a value seed. */
export interface OperandSpec {
  shape: number[];
  layouts: Layout[];
  dtype: DType;
  seed: number;
}

/** The shape of the tensor a layout must be applied to so that it yields `shape`. */
function baseShapeOf(layout: Layout, shape: readonly number[]): number[] {
  switch (layout.kind) {
    case "permute": {
      const base = new Array<number>(shape.length);
      layout.perm.forEach((p, i) => (base[p] = shape[i]));
      return base;
    }
    case "slice":
      return shape.map((d, i) => (i === layout.dim ? d * layout.step + layout.start : d));
    case "expand":
      return shape.slice(layout.lead).map((d, i) => (layout.ones.includes(i + layout.lead) ? 1 : d));
    case "select":
      return [...shape.slice(0, layout.dim), layout.size, ...shape.slice(layout.dim)];
    case "offset":
      return [layout.before + shape.reduce((p, d) => p * d, 1)];
  }
}

function applyLayout(layout: Layout, base: Tensor, shape: readonly number[]): Tensor {
  switch (layout.kind) {
    case "permute":
      return base.permute(layout.perm);
    case "slice":
      return base.slice(layout.dim, layout.start, undefined, layout.step);
    case "expand":
      return base.expand([...shape]);
    case "select":
      return base.select(layout.dim, layout.index);
    case "offset":
      return base.slice(0, layout.before).view([...shape]);
  }
}

/** The shapes from the base to the view: shapes[0] is the base's, shapes[layouts.length] the view's. */
function shapeChain(spec: { shape: number[]; layouts: Layout[] }): number[][] {
  const shapes = [spec.shape];
  for (let i = spec.layouts.length - 1; i >= 0; i--) shapes.unshift(baseShapeOf(spec.layouts[i], shapes[0]));
  return shapes;
}

function baseShape(spec: { shape: number[]; layouts: Layout[] }): number[] {
  return shapeChain(spec)[0];
}

/** The view of `base` that the spec describes. */
export function viewOf(spec: { shape: number[]; layouts: Layout[] }, base: Tensor): Tensor {
  const shapes = shapeChain(spec);
  return spec.layouts.reduce((t, layout, i) => applyLayout(layout, t, shapes[i + 1]), base);
}

export interface ValueRange {
  low: number;
  high: number;
  /** Draw from these values instead (comparisons need ties). */
  choices?: number[];
  /** Values with |v| < avoid are pushed out to ±avoid (denominators, kinks). */
  avoid?: number;
}

/** The spec's base as a leaf of seeded uniform values in [low, high) (dtype-rounded). */
export function baseTensor(spec: OperandSpec, range: ValueRange, requiresGrad = false): Tensor {
  const shape = baseShape(spec);
  const rng = new RandomState(spec.seed);
  const size = shape.reduce((p, d) => p * d, 1);
  const values = Array.from({ length: size }, () => {
    if (range.choices) return range.choices[Math.floor(rng.randomSample() * range.choices.length)];
    const v = range.low + (range.high - range.low) * rng.randomSample();
    return range.avoid !== undefined && Math.abs(v) < range.avoid ? (v < 0 ? -range.avoid : range.avoid) : v;
  });
  return tensor(values, { dtype: spec.dtype }).reshape(shape).detach().requiresGrad_(requiresGrad);
}

/** The elements of t in row-major order, read from t.storage at offset + Σ index·stride. */
export function readStrided(t: Tensor): number[] {
  const out: number[] = [];
  const index = new Array<number>(t.ndim).fill(0);
  const count = t.shape.reduce((p, d) => p * d, 1);
  for (let k = 0; k < count; k++) {
    let at = t.offset;
    for (let d = 0; d < t.ndim; d++) at += index[d] * t.strides[d];
    out.push(t.storage[at]);
    for (let d = t.ndim - 1; d >= 0; d--) {
      if (++index[d] < t.shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** A dense float64-or-float32 copy of t made from readStrided (for references that read toArray()). */
export function denseCopy(t: Tensor): Tensor {
  return tensor(readStrided(t), { dtype: t.dtype }).reshape([...t.shape]);
}

export function describeTensor(t: Tensor): string {
  return `shape [${t.shape.join(", ")}] strides [${t.strides.join(", ")}] offset ${t.offset} ${t.dtype}${t.isContiguous() ? "" : " (non-contiguous)"}`;
}

// ---- arbitraries --------------------------------------------------------------------------------

/** A dimension size: mostly 1–3, sometimes 0 (an empty tensor). */
export const size = (allowZero = true): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: allowZero ? 1 : 0, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 4, arbitrary: fc.integer({ min: 2, max: 3 }) },
  );

export const shape = (options: { minDims?: number; maxDims?: number; allowZero?: boolean } = {}): fc.Arbitrary<number[]> =>
  fc.array(size(options.allowZero ?? true), { minLength: options.minDims ?? 0, maxLength: options.maxDims ?? 4 });

const dtype: fc.Arbitrary<DType> = fc.constantFrom("float64", "float32");

const seed: fc.Arbitrary<number> = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function layoutFor(s: readonly number[]): fc.Arbitrary<Layout> {
  const n = s.length;
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const options: fc.Arbitrary<Layout>[] = [
    fc.integer({ min: 1, max: 3 }).map((before): Layout => ({ kind: "offset", before })),
    fc.integer({ min: 0, max: n }).chain((dim) =>
      fc.integer({ min: 1, max: 3 }).chain((sz) => fc.integer({ min: -sz, max: sz - 1 }).map((index): Layout => ({ kind: "select", dim, size: sz, index }))),
    ),
  ];
  if (n >= 2) options.push(fc.shuffledSubarray(range(0, n), { minLength: n, maxLength: n }).map((perm): Layout => ({ kind: "permute", perm })));
  if (n >= 1) {
    options.push(
      fc.record({ dim: fc.integer({ min: 0, max: n - 1 }), step: fc.integer({ min: 2, max: 3 }) }).chain(({ dim, step }) =>
        fc.integer({ min: 0, max: step - 1 }).map((start): Layout => ({ kind: "slice", dim, step, start })),
      ),
      fc.integer({ min: 0, max: n }).chain((lead) => fc.subarray(range(lead, n), { minLength: lead === n ? 0 : 1 }).map((ones): Layout => ({ kind: "expand", lead, ones }))),
    );
  }
  return fc.oneof(...options);
}

/** Up to `depth` stacked layouts that produce a view of shape `s`. */
function layouts(s: readonly number[], depth = 2): fc.Arbitrary<Layout[]> {
  const stack = (shapeNow: readonly number[], left: number): fc.Arbitrary<Layout[]> =>
    left === 0
      ? fc.constant<Layout[]>([])
      : fc.oneof(
          { weight: 1, arbitrary: fc.constant([] as Layout[]) },
          { weight: 2, arbitrary: layoutFor(shapeNow).chain((l) => stack(baseShapeOf(l, shapeNow), left - 1).map((rest) => [...rest, l])) },
        );
  return stack(s, depth);
}

/** An operand of the given shape: a layout stack (often none, i.e. contiguous), a dtype and a seed. */
export function operand(s: number[], options: { dtype?: DType; views?: boolean } = {}): fc.Arbitrary<OperandSpec> {
  return fc.record({
    shape: fc.constant(s),
    layouts: options.views === false ? fc.constant<Layout[]>([]) : layouts(s),
    dtype: options.dtype === undefined ? dtype : fc.constant(options.dtype),
    seed,
  });
}

/**
 * Two shapes that broadcast to `result`: one of them may lack some leading dims (the other keeps
 * those), and in every other dim at most one of them has size 1 where the result is larger.
 */
export function broadcastPair(result: number[]): fc.Arbitrary<[number[], number[]]> {
  const n = result.length;
  return fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: n }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }))
    .map(([aIsShorter, lead, pick]) => {
      // pick[d]: 0 → both keep result[d]; 1 → the first has 1 there; 2 → the second has 1 there
      const first = result.map((d, i) => (pick[i] === 1 && i >= lead ? 1 : d));
      const second = result.map((d, i) => (pick[i] === 2 && i >= lead ? 1 : d));
      return aIsShorter ? [first.slice(lead), second] : [first, second.slice(lead)];
    });
}
