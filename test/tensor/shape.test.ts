import { describe, expect, test } from "vitest";
import { broadcastShapes, broadcastStrides, contiguousStrides, normalizeDims, normalizeDim } from "../../src/tensor/shape";
import { collapse } from "../../src/tensor/iterate";
import { add, ones, tensor, zeros } from "../../src/index";

describe("broadcasting rules (NumPy's: right-aligned, size 1 stretches)", () => {
  test.each([
    [[3, 4], [4], [3, 4]],
    [[3, 1], [1, 4], [3, 4]],
    [[2, 1, 5], [3, 1], [2, 3, 5]],
    [[], [2, 3], [2, 3]],
    [[0, 3], [1, 3], [0, 3]],
    [[1], [0], [0]],
  ])("%j with %j gives %j", (a, b, expected) => {
    expect(broadcastShapes("test", a, b)).toEqual(expected);
    expect(add(zeros(a), zeros(b)).shape).toEqual(expected);
  });

  test("incompatible shapes: the message names the op, both shapes and the dimension", () => {
    expect(() => broadcastShapes("add", [2, 3], [4, 3])).toThrow("add: shapes [2, 3] and [4, 3] cannot be broadcast together (dimension 0 of the result: 2 vs 4)");
    expect(() => ones([2, 3]).mul(ones([3, 2]))).toThrow(/mul: shapes \[2, 3\] and \[3, 2\]/);
  });

  test("broadcast strides are 0 along stretched dims", () => {
    expect(broadcastStrides([3, 1], [1, 1], [2, 3, 4])).toEqual([0, 1, 0]);
  });
});

describe("shape helpers", () => {
  test("row-major strides", () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });

  test("negative dims count from the end; out of range is an error", () => {
    expect(normalizeDim(-1, 3, "sum")).toBe(2);
    expect(normalizeDims([-1, 0, 2], 3, "sum")).toEqual([0, 2]);
    expect(() => normalizeDim(3, 3, "sum")).toThrow("sum: dim 3 is out of range for a tensor with 3 dimension(s)");
  });

  test("collapse merges dimensions that are contiguous for every operand", () => {
    // dense (2, 3, 4) with itself: one row of 24
    expect(collapse([2, 3, 4], [[12, 4, 1], [12, 4, 1]])).toEqual({ shape: [24], strides: [[1], [1]] });
    // (M, N) + (N): M rows, the bias restarting each row
    expect(collapse([5, 7], [[7, 1], [0, 1]])).toEqual({ shape: [5, 7], strides: [[7, 1], [0, 1]] });
    // size-1 dims disappear
    expect(collapse([1, 3, 1], [[3, 1, 1]])).toEqual({ shape: [3], strides: [[1]] });
  });

  test("a tensor's shape must be made of non-negative integers", () => {
    expect(() => zeros([2, -1])).toThrow("full: invalid shape [2, -1]");
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged nested array/);
  });
});
