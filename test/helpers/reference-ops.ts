// Plain-loop references for the tensor ops, shared by the primitive tests and the property tests:
// each follows the textbook definition (a window scanned element by element, a product summed term by
// term, NumPy's broadcasting written out), and none calls the library beyond reading its inputs.
import type { Tensor } from "../../src/index";

type Pair = [number, number];

/** Dense row-major values with their shape: what the references compute on and return. */
export interface Dense {
  shape: number[];
  values: number[];
}

/** The index of row-major position `flat` in shape `s`. */
export function unravel(flat: number, s: readonly number[]): number[] {
  const index = new Array<number>(s.length);
  for (let d = s.length - 1; d >= 0; d--) {
    index[d] = flat % s[d];
    flat = Math.floor(flat / s[d]);
  }
  return index;
}

/** Row-major position of `index` in `s`, reading size-1 dims at 0 and right-aligning (NumPy broadcasting). */
export function broadcastFlat(index: readonly number[], s: readonly number[]): number {
  let flat = 0;
  const lead = index.length - s.length;
  for (let d = 0; d < s.length; d++) flat = flat * s[d] + (s[d] === 1 ? 0 : index[lead + d]);
  return flat;
}

/** NumPy's broadcast shape of `shapes` (assumed compatible). */
export function broadcastShapes(...shapes: number[][]): number[] {
  const n = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: n }, (_, i) => {
    let size = 1;
    for (const s of shapes) {
      const d = s[s.length - n + i] ?? 1;
      if (d !== 1) size = d;
    }
    return size;
  });
}

/** out[index] = f(operands at index), broadcasting every operand to the common shape. */
export function elementwise(operands: Dense[], f: (...v: number[]) => number): Dense {
  const s = broadcastShapes(...operands.map((o) => o.shape));
  const values = Array.from({ length: s.reduce((p, d) => p * d, 1) }, (_, flat) => {
    const index = unravel(flat, s);
    return f(...operands.map((o) => o.values[broadcastFlat(index, o.shape)]));
  });
  return { shape: s, values };
}

/** y[b, o, y, x] = bias[o] + Σ_{c, i, j} w[o, c, i, j] · x[b, c, y·sH − pH + i·dH, x·sW − pW + j·dW] (0 outside). */
export function directConv2d(xt: Tensor, wt: Tensor, bt: Tensor | null, s: Pair, p: Pair, d: Pair): { y: number[]; shape: number[] } {
  const [n, c, h, w] = xt.shape;
  const [cOut, , kh, kw] = wt.shape;
  const x = Array.from(xt.toArray());
  const wv = Array.from(wt.toArray());
  const oh = Math.floor((h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0]) + 1;
  const ow = Math.floor((w + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1]) + 1;
  const y: number[] = [];
  for (let b = 0; b < n; b++)
    for (let o = 0; o < cOut; o++)
      for (let r = 0; r < oh; r++)
        for (let q = 0; q < ow; q++) {
          let acc = bt === null ? 0 : bt.toArray()[o];
          for (let ci = 0; ci < c; ci++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const iy = r * s[0] - p[0] + i * d[0];
                const ix = q * s[1] - p[1] + j * d[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                acc += wv[((o * c + ci) * kh + i) * kw + j] * x[((b * c + ci) * h + iy) * w + ix];
              }
          y.push(acc);
        }
  return { y, shape: [n, cOut, oh, ow] };
}

export interface PoolCase {
  shape: [number, number, number, number];
  k: Pair;
  stride: Pair;
  padding: Pair;
}

/**
 * Direct pooling of x (N, C, H, W): for every output, the list of input indices its window covers
 * (inside the input), then max (first maximum wins) or mean with the chosen divisor. Returns the
 * values and dX for an output gradient g.
 */
export function directPool(kind: "max" | "avg", x: Tensor, g: Tensor | null, pc: PoolCase, countIncludePad = true): { y: number[]; dx: number[]; shape: number[] } {
  const [n, c, h, w] = pc.shape;
  const xs = Array.from(x.toArray());
  const gs = g === null ? null : Array.from(g.toArray());
  const oh = Math.floor((h + 2 * pc.padding[0] - pc.k[0]) / pc.stride[0]) + 1;
  const ow = Math.floor((w + 2 * pc.padding[1] - pc.k[1]) / pc.stride[1]) + 1;
  const y: number[] = [];
  const dx = new Array<number>(xs.length).fill(0);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let r = 0; r < oh; r++)
        for (let q = 0; q < ow; q++) {
          const covered: number[] = [];
          for (let i = 0; i < pc.k[0]; i++)
            for (let j = 0; j < pc.k[1]; j++) {
              const iy = r * pc.stride[0] - pc.padding[0] + i;
              const ix = q * pc.stride[1] - pc.padding[1] + j;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) covered.push(((b * c + ch) * h + iy) * w + ix);
            }
          const gy = gs === null ? 0 : gs[y.length];
          if (kind === "max") {
            let at = covered[0];
            for (const idx of covered) if (xs[idx] > xs[at]) at = idx;
            y.push(xs[at]);
            dx[at] += gy;
          } else {
            const divisor = countIncludePad ? pc.k[0] * pc.k[1] : covered.length;
            y.push(covered.reduce((s, idx) => s + xs[idx], 0) / divisor);
            for (const idx of covered) dx[idx] += gy / divisor;
          }
        }
  return { y, dx, shape: [n, c, oh, ow] };
}

type Nested = number | Nested[];

/** NumPy's matmul on nested arrays: 1-D operands promoted and the added dim dropped, batch dims broadcast. */
export function referenceMatmul(a: Tensor, b: Tensor): Dense {
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : [...a.shape];
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : [...b.shape];
  const aList: Nested = a.ndim === 1 ? [a.tolist()] : a.tolist();
  const bList: Nested = b.ndim === 1 ? (b.tolist() as number[]).map((v) => [v]) : b.tolist();
  const [m, k] = aShape.slice(-2);
  const n = bShape[bShape.length - 1];
  const aBatch = aShape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  const nd = Math.max(aBatch.length, bBatch.length);
  const padA = [...new Array<number>(nd - aBatch.length).fill(1), ...aBatch];
  const padB = [...new Array<number>(nd - bBatch.length).fill(1), ...bBatch];
  const batch = padA.map((d, i) => {
    if (d !== padB[i] && d !== 1 && padB[i] !== 1) throw new Error(`reference: batch dims [${aBatch.join(", ")}] and [${bBatch.join(", ")}] do not broadcast`);
    return d === 1 ? padB[i] : d;
  });
  const count = batch.reduce((p, d) => p * d, 1);
  const values: number[] = [];
  for (let flat = 0; flat < count; flat++) {
    const index = unravel(flat, batch);
    const pick = (list: Nested, pad: number[], own: number) => {
      let node = list;
      for (let d = nd - own; d < nd; d++) node = (node as Nested[])[pad[d] === 1 ? 0 : index[d]];
      return node as number[][];
    };
    const A = pick(aList, padA, aBatch.length);
    const B = pick(bList, padB, bBatch.length);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[i][p] * B[p][j];
        values.push(s);
      }
    }
  }
  let shape = [...batch, m, n];
  if (a.ndim === 1) shape = [...batch, n];
  if (b.ndim === 1) shape = shape.slice(0, -1);
  return { shape, values };
}
