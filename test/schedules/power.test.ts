import { expect, test } from "vitest";
import { constant, power } from "../../src/schedules";
import { expectClose } from "../helpers/expect-close";

test("power: α(0)/(1 + t/s)^c; halves at t = s for c = 1", () => {
  const f = power({ lr0: 0.4, s: 10 });
  const steps = [0, 1, 10, 30, 1000];
  expectClose(steps.map(f), steps.map((t) => 0.4 / (1 + t / 10)));
  const g = power({ lr0: 0.4, s: 10, c: 2 });
  expectClose(steps.map(g), steps.map((t) => 0.4 / (1 + t / 10) ** 2));
  expect(() => f(-1)).toThrow("power schedule: step must be a non-negative integer, got -1");
  expect(() => power({ lr0: 0.1, s: 0 })).toThrow("power schedule: s must be a positive number, got 0");
});

test("constant", () => {
  expect([0, 5, 99].map(constant(0.3))).toEqual([0.3, 0.3, 0.3]);
  expect(() => constant(-1)).toThrow("constant schedule: lr must be a non-negative number, got -1");
});
