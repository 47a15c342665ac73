import { expect, test } from "vitest";
import { Flatten } from "../../src/nn/flatten";
import { gradcheck } from "../../src/index";
import { randomTensor } from "../helpers/random-tensor";

test("Flatten merges all but the batch dimension by default, in row-major order", () => {
  const x = randomTensor([2, 3, 4, 5]);
  const y = new Flatten().forward(x);
  expect(y.shape).toEqual([2, 60]);
  expect(Array.from(y.toArray())).toEqual(Array.from(x.toArray()));
  expect(new Flatten(0, 1).forward(x).shape).toEqual([6, 4, 5]);
  expect(new Flatten().toString()).toBe("Flatten(startDim=1, endDim=-1)");
});

test("Flatten gradcheck", () => {
  const x = randomTensor([2, 3, 2], { requiresGrad: true });
  const w = randomTensor([2, 6], { seed: 4 });
  expect(gradcheck((t) => new Flatten().forward(t).mul(w).sum(), [x]).ok).toBe(true);
});
