import { expect, test } from "vitest";
import { oneCycle } from "../../src/schedules";
import { expectClose } from "../helpers/expect-close";

test("oneCycle (linear): initialLr → maxLr over the first half, then → finalLr", () => {
  const T = 101;
  const f = oneCycle({ maxLr: 1, totalSteps: T });
  const e1 = 0.5 * T - 1; // 49.5
  const expected = (t: number) => (t <= e1 ? (1 - t / e1) * 0.1 + (t / e1) * 1 : (1 - (t - e1) / (T - 1 - e1)) * 1 + ((t - e1) / (T - 1 - e1)) * 1e-5);
  const steps = Array.from({ length: T }, (_, t) => t);
  expectClose(steps.map(f), steps.map(expected), { rtol: 1e-14, atol: 1e-16 });
  expectClose([f(0), f(T - 1)], [0.1, 0.1 / 1e4], { rtol: 1e-14 });
  expect(() => f(T)).toThrow("oneCycle schedule: step must be an integer in [0, 100] (totalSteps 101), got 101");
});

test("oneCycle (cos): half-cosine in both phases, like torch's OneCycleLR", () => {
  const T = 40;
  const f = oneCycle({ maxLr: 0.5, totalSteps: T, warmupFraction: 0.3, anneal: "cos", initialLr: 0.02, finalLr: 1e-6 });
  const e1 = 0.3 * T - 1;
  const cos = (a: number, b: number, p: number) => b + ((a - b) * (1 + Math.cos(Math.PI * p))) / 2;
  const steps = Array.from({ length: T }, (_, t) => t);
  expectClose(steps.map(f), steps.map((t) => (t <= e1 ? cos(0.02, 0.5, t / e1) : cos(0.5, 1e-6, (t - e1) / (T - 1 - e1)))), { rtol: 1e-14, atol: 1e-16 });
});
