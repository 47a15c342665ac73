// Image transformations against index arithmetic (integer shifts, quarter turns) and against the
// closed form for a linear ramp, which bilinear interpolation reproduces exactly wherever the
// sampled position lies inside the image.
import { describe, expect, test } from "vitest";
import { transformImages } from "../../src/data/transform-2d";
import { tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";

const H = 5;
const W = 7;
/** Two images of two channels, every pixel distinct. */
const x = tensor(Array.from({ length: 2 * 2 * H * W }, (_, i) => i + 1)).reshape([2, 2, H, W]);
const pixel = (t: number[], p: number, r: number, c: number, h = H, w = W) => (r < 0 || r >= h || c < 0 || c >= w ? 0 : t[p * h * w + r * w + c]);

describe("transformImages", () => {
  test("an integer translation is an exact shift with zeros coming in", () => {
    const src = Array.from(x.toArray());
    for (const [down, right] of [[1, 0], [0, -2], [2, 3], [-1, -1]] as const) {
      const out = Array.from(transformImages(x, { translate: [down, right] }).toArray());
      for (let p = 0; p < 4; p++) {
        for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) expect(out[p * H * W + r * W + c]).toBe(pixel(src, p, r - down, c - right));
      }
    }
  });

  test("quarter turns of a square image are exact permutations; four make the identity", () => {
    const sq = tensor(Array.from({ length: 3 * 16 }, (_, i) => i)).reshape([3, 4, 4]); // (C, H, W)
    const src = Array.from(sq.toArray());
    const turned = Array.from(transformImages(sq, { rotate: 90 }).toArray());
    // counter-clockwise: out[r][c] = in[c][W − 1 − r]
    for (let p = 0; p < 3; p++) {
      for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(turned[p * 16 + r * 4 + c]).toBe(pixel(src, p, c, 3 - r, 4, 4));
    }
    const half = Array.from(transformImages(sq, { rotate: 180 }).toArray());
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(half[r * 4 + c]).toBe(src[(3 - r) * 4 + (3 - c)]);
    let back = sq;
    for (let k = 0; k < 4; k++) back = transformImages(back, { rotate: 90 });
    expect(Array.from(back.toArray())).toEqual(src);
    expect(Array.from(transformImages(sq, { rotate: -270 }).toArray())).toEqual(turned);
  });

  test("a linear ramp is rotated and scaled exactly where the sampled point is inside", () => {
    const n = 21;
    const ramp = (r: number, c: number) => 0.3 * r - 0.7 * c + 2;
    const img = tensor(Array.from({ length: n * n }, (_, i) => ramp(Math.floor(i / n), i % n))).reshape([1, 1, n, n]);
    const centre = (n - 1) / 2;
    for (const { rotate, scale } of [{ rotate: 30, scale: 1 }, { rotate: 0, scale: 1.7 }, { rotate: -50, scale: 0.8 }]) {
      const out = Array.from(transformImages(img, { rotate, scale }).toArray());
      const a = (rotate * Math.PI) / 180;
      const got: number[] = [];
      const want: number[] = [];
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const u = (c - centre) / scale;
          const v = (r - centre) / scale;
          const sc = centre + Math.cos(a) * u - Math.sin(a) * v;
          const sr = centre + Math.sin(a) * u + Math.cos(a) * v;
          if (sr < 0 || sr > n - 1 || sc < 0 || sc > n - 1) continue;
          got.push(out[r * n + c]);
          want.push(ramp(sr, sc));
        }
      }
      expect(got.length).toBeGreaterThan(200);
      expectClose(got, want, { atol: 1e-12 });
    }
  });

  test("the identity changes nothing; bad shapes and parameters are named", () => {
    expect(Array.from(transformImages(x, {}).toArray())).toEqual(Array.from(x.toArray()));
    expect(() => transformImages(tensor([1, 2]), {})).toThrow("transformImages: expected images (N, C, H, W) or (C, H, W), got [2]");
    expect(() => transformImages(x, { scale: 0 })).toThrow("transformImages: scale must be positive (got 0)");
    expect(() => transformImages(x, { rotate: NaN })).toThrow("transformImages: rotate must be finite (got NaN)");
  });
});
