import { expect, test } from "vitest";
import { exponential, piecewiseConstant } from "../../src/schedules";
import { expectClose } from "../helpers/expect-close";

test("exponential: staircase α(0)·γ^⌊t/k⌋ and smooth α(0)·γ^(t/k)", () => {
  const steps = [0, 1, 4, 5, 12];
  expectClose(steps.map(exponential({ lr0: 1, gamma: 0.5, stepSize: 5 })), steps.map((t) => 0.5 ** Math.floor(t / 5)));
  expectClose(steps.map(exponential({ lr0: 1, gamma: 0.5, stepSize: 5, staircase: false })), steps.map((t) => 0.5 ** (t / 5)));
  expect(() => exponential({ lr0: 1, gamma: 0 })).toThrow("exponential schedule: gamma must be a positive number, got 0");
});

test("piecewiseConstant: a boundary step is the first at the new value", () => {
  const f = piecewiseConstant({ boundaries: [10, 20], values: [1, 0.1, 0.01] });
  expect([0, 9, 10, 19, 20, 500].map(f)).toEqual([1, 1, 0.1, 0.1, 0.01, 0.01]);
  expect(() => piecewiseConstant({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow("boundaries must be strictly increasing positive integers, got [10, 5]");
  expect(() => piecewiseConstant({ boundaries: [10], values: [1] })).toThrow("values must have one more entry than boundaries");
});
