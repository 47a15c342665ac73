import { expect, test } from "vitest";
import { fans, fanFor } from "../../src/init/fan";
import { Linear } from "../../src/nn/linear";
import { zeros } from "../../src/index";

test("a Linear(in, out) weight is (out, in): fanIn = in = D_f, fanOut = out = D_f′", () => {
  const layer = new Linear(30, 20);
  expect(fans(layer.weight)).toEqual({ fanIn: 30, fanOut: 20 });
  expect(fanFor(layer.weight, "average", "test")).toBe(25);
});

test("a convolution kernel (out, in, k, k) counts the receptive field", () => {
  expect(fans(zeros([8, 3, 5, 5]))).toEqual({ fanIn: 75, fanOut: 200 });
});

test("a 1-D tensor has no fans, and a bad mode is named", () => {
  expect(() => fans(zeros([5]), "heNormal_")).toThrow("heNormal_: fan-in and fan-out need a weight with at least 2 dimensions (out, in, …); got shape [5]");
  expect(() => fanFor(zeros([2, 2]), "fanAvg" as never, "heNormal_")).toThrow(/got "fanAvg"/);
});
