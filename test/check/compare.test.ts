// Judging from data: allclose compares kind, dtype and shape before values, handles NaN and
// infinities explicitly, and names the worst element; equal is exact; gradient checks compare
// against the forward's own finite differences and, for the grader, a reference gradient.
import { describe, expect, test } from "vitest";
import { compareClose, compareEqual, compareGradients } from "../../src/check/compare";
import type { CheckedValue } from "../../src/check/value";

const num = (value: number): CheckedValue => ({ type: "number", value });
const t64 = (shape: number[], data: number[]): CheckedValue => ({ type: "tensor", dtype: "float64", shape, data });
const arr = (...values: number[]): CheckedValue => ({ type: "array", items: values.map(num) });

describe("compareClose", () => {
  test("within atol + rtol·|expected| passes, and says how close", () => {
    const v = compareClose(num(0.1 + 0.2), num(0.3), { atol: 1e-12 });
    expect(v).toEqual({ passed: true, message: "all 1 values within tolerance (max |Δ| = 5.6e-17; atol 1e-12, rtol 0)" });
    expect(compareClose(num(101), num(100), { rtol: 0.01 }).passed).toBe(true);
    expect(compareClose(num(101.01), num(100), { rtol: 0.01 }).passed).toBe(false);
  });

  test("kind, dtype and shape come first", () => {
    expect(compareClose(t64([3], [1, 2, 3]), t64([1, 3], [1, 2, 3])).message).toBe("expected a float64 tensor of shape [1, 3], got a float64 tensor of shape [3]");
    expect(compareClose({ type: "tensor", dtype: "float32", shape: [1], data: [1] }, t64([1], [1])).message).toBe("expected a float64 tensor of shape [1], got a float32 tensor of shape [1]");
    expect(compareClose(arr(1, 2), t64([2], [1, 2])).message).toBe("expected a float64 tensor of shape [2], got an array of shape [2]");
    expect(compareClose({ type: "string", value: "1" }, num(1)).message).toBe("expected a number, got a string, not numbers");
    // Plain expected numbers accept a tensor or nested array of the same shape.
    expect(compareClose(t64([2, 2], [1, 2, 3, 4]), { type: "array", items: [arr(1, 2), arr(3, 4)] }).passed).toBe(true);
    expect(compareClose({ type: "array", items: [arr(1, 2), arr(3)] }, arr(1, 2, 3)).message).toBe("expected an array of shape [3], got a ragged array");
  });

  test("NaN never matches unless equalNan; infinities match themselves", () => {
    expect(compareClose(num(NaN), num(NaN)).passed).toBe(false);
    expect(compareClose(num(NaN), num(NaN), { equalNan: true }).passed).toBe(true);
    expect(compareClose(num(NaN), num(1), { equalNan: true }).passed).toBe(false);
    expect(compareClose(num(Infinity), num(Infinity)).passed).toBe(true);
    expect(compareClose(num(-Infinity), num(Infinity), { atol: 1e300 }).passed).toBe(false);
    expect(compareClose(arr(1, NaN, 3), arr(1, 2, 3), { atol: 1 }).message).toMatch(/^1 of 3 values differ; worst at \[1\]: actual NaN, expected 2 \(\|Δ\| = NaN/);
  });

  test("the message names the worst element and the first differences", () => {
    const v = compareClose(t64([2, 3], [1, 2.5, 3, 4, 5, 9]), t64([2, 3], [1, 2, 3, 4, 5.1, 6]), { atol: 0.01 });
    expect(v.passed).toBe(false);
    expect(v.message).toBe(
      "3 of 6 values differ; worst at [1, 2]: actual 9, expected 6 (|Δ| = 3.00e+0; atol 0.01, rtol 0). First differences (actual vs expected): [0, 1] 2.5 vs 2, [1, 1] 5 vs 5.1, [1, 2] 9 vs 6",
    );
  });
});

describe("compareEqual", () => {
  test("exact data, with the first difference named by its path", () => {
    expect(compareEqual(num(16), num(16)).passed).toBe(true);
    expect(compareEqual(num(NaN), num(NaN)).passed).toBe(true);
    expect(compareEqual(num(-0), num(0)).passed).toBe(true);
    expect(compareEqual(arr(1, 2, 4), arr(1, 2, 3)).message).toBe("at [2]: expected 3, got 4");
    const obj = (entries: Array<[string, CheckedValue]>): CheckedValue => ({ type: "object", entries });
    expect(compareEqual(obj([["a", num(1)]]), obj([["a", num(1)], ["b", num(2)]])).message).toBe('missing key "b"');
    expect(compareEqual(obj([["a", num(1)], ["c", num(1)]]), obj([["a", num(1)]])).message).toBe('unexpected key "c"');
    expect(compareEqual({ type: "string", value: "ab" }, num(1)).message).toBe("expected the number 1, got a string");
  });
});

describe("compareGradients", () => {
  const g = (...v: number[]) => t64([v.length], v);
  test("analytic against the forward's own differences, then against the reference", () => {
    expect(compareGradients([g(1, 2)], [g(1, 2 + 1e-9)], [g(1, 2)], { atol: 1e-6 }).passed).toBe(true);
    expect(compareGradients([g(1, 3)], [g(1, 2)], null, { atol: 1e-6 }).message).toMatch(/^input 1: the analytic gradient differs from finite differences of the forward/);
    // A forward and a backward that agree with each other but are both wrong.
    expect(compareGradients([g(5, 5)], [g(5, 5)], [g(1, 2)], { atol: 1e-6 }).message).toMatch(/^input 1: the gradient agrees with finite differences of your forward but not with the reference gradient/);
    expect(compareGradients([g(1)], [g(1), g(2)], null, {}).message).toBe("backward returned 1 gradients for 2 inputs");
  });
});
