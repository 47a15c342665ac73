// The shared assertion itself: it must pass within tolerance and, on failure, name the worst index.

import { describe, expect, it } from "vitest";
import { expectClose, maxRelativeError } from "./expect-close";

describe("expectClose", () => {
  it("passes within atol + rtol·|expected|, and NaN matches NaN", () => {
    expectClose([1, 2, NaN, Infinity], [1, 2 + 1e-13, NaN, Infinity]);
    expectClose([1.1], [1], { atol: 0.1 + 1e-15, rtol: 0 });
  });

  it("reports how many elements differ and the largest difference with its index", () => {
    expect(() => expectClose([1, 2.5, 3, 4.01], [1, 2, 3, 4], { atol: 0.001 })).toThrow(
      /2 of 4 elements differ.*largest difference at index 1: actual 2.5, expected 2, \|diff\| 0.5/,
    );
    expect(() => expectClose([1, 2], [1])).toThrow(/length 2 differs from expected length 1/);
  });
});

describe("maxRelativeError", () => {
  it("is the largest difference over the largest reference magnitude", () => {
    // |diffs| = [0, 0.5, 0], max |b| = 10 → 0.05
    expect(maxRelativeError([1, -9.5, 0], [1, -10, 0])).toBeCloseTo(0.05, 15);
    expect(maxRelativeError([0, 0], [0, 0])).toBe(0);
  });
});
