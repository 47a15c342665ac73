// 1-D augmentation against a second, index-by-index implementation fed with the same draws.
import { describe, expect, test } from "vitest";
import { amplitudeScale, circularShift } from "../../src/data/augment";
import { RandomState } from "../../src/data/random";

describe("augment", () => {
  const L = 7;
  const x = Float64Array.from({ length: 5 * L }, (_, i) => i * 0.5 - 3);

  test("circularShift rolls each row by randint(−m, m+1), like np.roll", () => {
    const out = circularShift(x, L, 9, { seed: 3 });
    const shifts = new RandomState(3).randint(-9, 10, 5);
    for (let r = 0; r < 5; r++) {
      for (let j = 0; j < L; j++) {
        const target = (((j + shifts[r]) % L) + L) % L;
        expect(out[r * L + target]).toBe(x[r * L + j]);
      }
    }
    expect(circularShift(x, L, 0)).toEqual(x);
  });

  test("amplitudeScale multiplies row r by uniform(low, high)[r]; a shared generator advances", () => {
    const rng = new RandomState(8);
    const a = amplitudeScale(x, L, 0.5, 1.5, { generator: rng });
    const b = amplitudeScale(x, L, 0.5, 1.5, { generator: rng });
    const replay = new RandomState(8);
    const fa = replay.uniform(0.5, 1.5, 5);
    const fb = replay.uniform(0.5, 1.5, 5);
    for (let i = 0; i < x.length; i++) {
      expect(a[i]).toBe(x[i] * fa[Math.floor(i / L)]);
      expect(b[i]).toBe(x[i] * fb[Math.floor(i / L)]);
    }
  });

  test("bad arguments name the value", () => {
    expect(() => circularShift(x, 6, 1)).toThrow(/35 values do not split into rows of length 6/);
    expect(() => circularShift(x, L, -1)).toThrow(/maxShift must be a non-negative integer \(got -1\)/);
    expect(() => amplitudeScale(x, L, 2, 1)).toThrow(/low 2, high 1/);
  });
});
