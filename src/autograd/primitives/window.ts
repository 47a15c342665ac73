// Sliding-window geometry shared by convolution (./conv.ts) and pooling (./pool.ts): checking the
// hyper-parameters (stride, padding, dilation) and computing the output size. Both 1-D and 2-D ops
// work on one 2-D description: a 1-D signal of length L is a 1 × L image with a 1 × K window, so
// there is one set of loops to read and test instead of two.
//
// Output size (PyTorch's formula, floor division):
//   L_out = ⌊(L + 2·padding − dilation·(K − 1) − 1) / stride⌋ + 1

import { formatShape, type Shape } from "../../tensor/shape";

// The geometry type lives with the kernels, which take it as an argument (src/core/kernel.ts).
export type { Window2d } from "../../core/kernel";

/** A per-dimension hyper-parameter: one number for every spatial dimension, or one per dimension ([h, w] for 2-D ops). */
export type IntOrPair = number | readonly [number, number];

/** The value of a hyper-parameter for a 2-D op as [h, w], checked to be an integer ≥ min. */
export function pairOf(op: string, name: string, value: IntOrPair, min: number): [number, number] {
  const pair: [number, number] = typeof value === "number" ? [value, value] : [value[0], value[1]];
  if (typeof value !== "number" && value.length !== 2) {
    throw new RangeError(`${op}: ${name} must be a number or a pair [h, w], got [${value.join(", ")}]`);
  }
  for (const v of pair) checkInt(op, name, v, min);
  return pair;
}

/** Checks that a hyper-parameter of a 1-D op is an integer ≥ min and returns it. */
export function checkInt(op: string, name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    const what = min === 0 ? "a non-negative integer" : "a positive integer";
    throw new RangeError(`${op}: ${name} must be ${what}, got ${value}`);
  }
  return value;
}

/**
 * ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1, or a RangeError naming every term
 * when the window does not fit into the padded input even once. `dimension` is "length" for 1-D ops,
 * "height" or "width" for 2-D ones.
 */
export function outputSize(op: string, dimension: string, size: number, kernel: number, stride: number, padding: number, dilation: number): number {
  const out = Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
  if (out <= 0) {
    throw new RangeError(
      `${op}: the output ${dimension} would be ${out} for input ${dimension} ${size}, kernel ${kernel}, padding ${padding}, dilation ${dilation}`,
    );
  }
  return out;
}

/**
 * The batched shape of an input that may be unbatched, as in PyTorch: a (C, …) input is treated as
 * (1, C, …). `spatial` is 1 for 1-D ops and 2 for 2-D ops.
 */
export function batchedShape(op: string, shape: Shape, spatial: number): { batched: number[]; unbatched: boolean } {
  const names = spatial === 1 ? "(N, C, L) or (C, L)" : "(N, C, H, W) or (C, H, W)";
  if (shape.length === spatial + 2) return { batched: shape.slice(), unbatched: false };
  if (shape.length === spatial + 1) return { batched: [1, ...shape], unbatched: true };
  throw new RangeError(`${op}: expected an input of shape ${names}, got ${formatShape(shape)}`);
}
