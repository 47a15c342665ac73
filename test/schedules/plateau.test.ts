import { expect, test } from "vitest";
import { ReduceLROnPlateau } from "../../src/schedules";

test("plateau: reduces after more than `patience` observations without improvement, then waits `cooldown`", () => {
  const s = new ReduceLROnPlateau({ lr: 1, factor: 0.5, patience: 2, cooldown: 1 });
  // improving losses keep lr; then a flat loss: bad = 1, 2, 3 > patience → reduce on the 3rd flat one
  const lrs = [5, 4, 3, 3, 3, 3].map((l) => s.observe(l));
  expect(lrs).toEqual([1, 1, 1, 1, 1, 0.5]);
  // cooldown 1: the next bad observation is ignored, then 3 more bad ones are needed
  expect([3, 3, 3, 3].map((l) => s.observe(l))).toEqual([0.5, 0.5, 0.5, 0.25]);
  // an improvement by more than the relative threshold resets the count
  expect([2, 2, 2].map((l) => s.observe(l))).toEqual([0.25, 0.25, 0.25]);
});

test("plateau: minLr and bad input", () => {
  const s = new ReduceLROnPlateau({ lr: 1, factor: 0.1, patience: 0, minLr: 0.05 });
  expect([1, 1, 1].map((l) => s.observe(l))).toEqual([1, 0.1, 0.05]);
  expect(() => new ReduceLROnPlateau({ lr: 1, factor: 2 })).toThrow("ReduceLROnPlateau: factor must be a number in (0, 1), got 2");
});
