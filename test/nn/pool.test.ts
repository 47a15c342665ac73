// The pooling layers are their functional ops with the hyper-parameters stored, and have no parameters.
import { describe, expect, test } from "vitest";
import { AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d } from "../../src/nn/pool";
import { avgPool1d, avgPool2d, maxPool1d, maxPool2d } from "../../src/nn/functional-conv";
import { randomTensor } from "../helpers/random-tensor";

describe("pooling layers", () => {
  test("forward equals the functional op; parameters() is empty", () => {
    const x1 = randomTensor([2, 3, 9], { seed: 1 });
    const x2 = randomTensor([2, 3, 7, 8], { seed: 2 });
    const same = (a: { toArray(): ArrayLike<number> }, b: { toArray(): ArrayLike<number> }) =>
      expect(Array.from(a.toArray())).toEqual(Array.from(b.toArray()));
    same(new MaxPool1d(3, { stride: 2, padding: 1 }).forward(x1), maxPool1d(x1, 3, { stride: 2, padding: 1 }));
    same(new AvgPool1d(2).forward(x1), avgPool1d(x1, 2));
    same(new MaxPool2d([2, 3]).forward(x2), maxPool2d(x2, [2, 3]));
    same(new AvgPool2d(3, { padding: 1, countIncludePad: false }).forward(x2), avgPool2d(x2, 3, { padding: 1, countIncludePad: false }));
    expect(new MaxPool2d(2).parameters()).toEqual([]);
  });
});

test("pooling an empty batch (N = 0) gives (0, C, …) and an empty gradient", () => {
  const ops = [
    { pool: (x: ReturnType<typeof randomTensor>) => maxPool1d(x, 2), x: randomTensor([0, 2, 8]).requiresGrad_(), out: [0, 2, 4] },
    { pool: (x: ReturnType<typeof randomTensor>) => avgPool1d(x, 3, { stride: 2, padding: 1 }), x: randomTensor([0, 2, 8]).requiresGrad_(), out: [0, 2, 4] },
    { pool: (x: ReturnType<typeof randomTensor>) => maxPool2d(x, 2), x: randomTensor([0, 2, 4, 6]).requiresGrad_(), out: [0, 2, 2, 3] },
    { pool: (x: ReturnType<typeof randomTensor>) => avgPool2d(x, 2), x: randomTensor([0, 2, 4, 6]).requiresGrad_(), out: [0, 2, 2, 3] },
  ];
  for (const { pool, x, out } of ops) {
    const y = pool(x);
    expect(y.shape).toEqual(out);
    y.sum().backward();
    expect(x.grad!.shape).toEqual(x.shape);
  }
});
