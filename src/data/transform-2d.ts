// Geometric transformations of images — translation, rotation and scaling about the image centre —
// for testing which of them a network is insensitive to (lecture 5: a convolution is equivariant to
// translation, and to nothing else on this list). Each output pixel is sampled from the input by
// bilinear interpolation at the inverse-transformed position, with zeros outside the image, so an
// integer translation is an exact shift and a rotation by a multiple of 90° of a square image is an
// exact permutation of its pixels. Not differentiable (it builds a new tensor).
//
// Coordinates: row r grows downwards, column c rightwards, centre ((H − 1)/2, (W − 1)/2). The forward
// map of a pixel position p (as (column, row) relative to the centre) is
//   p' = scale · R(angle) · p + translate,
// with R a counter-clockwise rotation as seen on the screen (row 0 on top); each output pixel reads
// the input at p = R(−angle) · (p' − translate) / scale.

import { allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { denseElements, Tensor } from "../tensor/tensor";

export interface ImageTransform {
  /** Counter-clockwise rotation in degrees (default 0). */
  rotate?: number;
  /** Zoom factor about the centre, > 0 (default 1: 2 doubles the size of the content). */
  scale?: number;
  /** Shift in pixels, [down, right] (default [0, 0]). */
  translate?: readonly [number, number];
}

/**
 * Rotates, scales and shifts every channel of every image of x (N, C, H, W) or (C, H, W).
 * @example
 * const x = tensor([[[1, 2], [3, 4]]]);                         // (C=1, 2, 2)
 * expect(data.transformImages(x, { translate: [0, 1] }).tolist()).toEqual([[[0, 1], [0, 3]]]);
 * expect(data.transformImages(x, { rotate: 90 }).tolist()).toEqual([[[2, 4], [1, 3]]]);
 */
export function transformImages(x: Tensor, transform: ImageTransform): Tensor {
  if (x.ndim !== 3 && x.ndim !== 4) throw new RangeError(`transformImages: expected images (N, C, H, W) or (C, H, W), got ${formatShape(x.shape)}`);
  const angle = transform.rotate ?? 0;
  const scale = transform.scale ?? 1;
  const [down, right] = transform.translate ?? [0, 0];
  for (const [name, v] of [["rotate", angle], ["scale", scale], ["translate", down], ["translate", right]] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`transformImages: ${name} must be finite (got ${v})`);
  }
  if (!(scale > 0)) throw new RangeError(`transformImages: scale must be positive (got ${scale})`);
  const h = x.shape[x.ndim - 2];
  const w = x.shape[x.ndim - 1];
  const planes = x.numel() / (h * w); // N·C images of H × W
  const input = denseElements(x);
  const out = allocate(x.dtype, input.length);
  // Exact values at multiples of 90°, so such a rotation moves pixels without interpolation error.
  const quarter = Number.isInteger(angle / 90);
  const radians = (angle * Math.PI) / 180;
  const cos = quarter ? Math.round(Math.cos(radians)) : Math.cos(radians);
  const sin = quarter ? Math.round(Math.sin(radians)) : Math.sin(radians);
  const cr = (h - 1) / 2;
  const cc = (w - 1) / 2;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      // output pixel relative to the centre, translation undone, as (u = column, v = row)
      const u = (c - cc - right) / scale;
      const v = (r - cr - down) / scale;
      // counter-clockwise on the screen (rows down) is clockwise in (column, row); undo it
      const sc = cc + cos * u - sin * v;
      const sr = cr + sin * u + cos * v;
      for (let p = 0; p < planes; p++) out[p * h * w + r * w + c] = bilinear(input, p * h * w, h, w, sr, sc);
    }
  }
  return new Tensor(out, x.shape.slice());
}

/** The image at plane offset `base` sampled at (row, col) by bilinear interpolation, 0 outside. */
function bilinear(image: ArrayLike<number>, base: number, h: number, w: number, row: number, col: number): number {
  const r0 = Math.floor(row);
  const c0 = Math.floor(col);
  const fr = row - r0;
  const fc = col - c0;
  const at = (r: number, c: number) => (r < 0 || r >= h || c < 0 || c >= w ? 0 : image[base + r * w + c]);
  return (1 - fr) * ((1 - fc) * at(r0, c0) + fc * at(r0, c0 + 1)) + fr * ((1 - fc) * at(r0 + 1, c0) + fc * at(r0 + 1, c0 + 1));
}
