// Conv1d and Conv2d layers: PyTorch's initial distribution U(−1/√fanIn, 1/√fanIn) drawn from the given
// generator (weight first, then bias), the forward pass equal to the functional call, parameters().
import { describe, expect, test } from "vitest";
import { manualSeed, RandomState } from "../../src/index";
import { conv1d, conv2d } from "../../src/nn/functional-conv";
import { Conv1d, Conv2d } from "../../src/nn/conv";
import { randomTensor } from "../helpers/random-tensor";

describe("Conv1d and Conv2d", () => {
  test("weights and bias are U(−1/√fanIn, 1/√fanIn) drawn in order from the generator", () => {
    const conv = new Conv1d(3, 4, 5, { generator: new RandomState(7) });
    const bound = 1 / Math.sqrt(3 * 5); // fanIn = C_in·K
    const draws = new RandomState(7);
    const expectedWeight = Array.from({ length: 4 * 3 * 5 }, () => -bound + 2 * bound * draws.randomSample());
    const expectedBias = Array.from({ length: 4 }, () => -bound + 2 * bound * draws.randomSample());
    expect(conv.weight.shape).toEqual([4, 3, 5]);
    expect(Array.from(conv.weight.toArray())).toEqual(expectedWeight);
    expect(Array.from(conv.bias!.toArray())).toEqual(expectedBias);
    expect(conv.parameters()).toEqual([conv.weight, conv.bias]);
    expect(conv.weight.requiresGrad && conv.bias!.requiresGrad).toBe(true);

    const conv2 = new Conv2d(2, 3, [3, 2], { bias: false, dtype: "float32", generator: new RandomState(8) });
    const bound2 = 1 / Math.sqrt(2 * 3 * 2);
    expect(conv2.weight.dtype).toBe("float32");
    expect(conv2.parameters()).toEqual([conv2.weight]);
    for (const v of conv2.weight.toArray()) expect(Math.abs(v)).toBeLessThan(bound2);
  });

  test("the default generator follows manualSeed", () => {
    manualSeed(3);
    const a = new Conv2d(2, 2, 3);
    manualSeed(3);
    const b = new Conv2d(2, 2, 3);
    expect(Array.from(b.weight.toArray())).toEqual(Array.from(a.weight.toArray()));
    expect(Array.from(b.bias!.toArray())).toEqual(Array.from(a.bias!.toArray()));
  });

  test("forward is the functional convolution with the layer's hyper-parameters", () => {
    const layer1 = new Conv1d(2, 3, 3, { stride: 2, padding: 1, dilation: 2, generator: new RandomState(1) });
    const x1 = randomTensor([4, 2, 10], { seed: 2 });
    expect(Array.from(layer1.forward(x1).toArray())).toEqual(
      Array.from(conv1d(x1, layer1.weight, layer1.bias, { stride: 2, padding: 1, dilation: 2 }).toArray()),
    );
    const layer2 = new Conv2d(3, 2, [2, 3], { stride: [1, 2], padding: [1, 0], generator: new RandomState(3) });
    const x2 = randomTensor([2, 3, 6, 7], { seed: 4 });
    expect(Array.from(layer2.forward(x2).toArray())).toEqual(
      Array.from(conv2d(x2, layer2.weight, layer2.bias, { stride: [1, 2], padding: [1, 0] }).toArray()),
    );
  });

  test("bad sizes are refused when the layer is built", () => {
    expect(() => new Conv1d(0, 4, 3)).toThrow("Conv1d: inChannels must be a positive integer, got 0");
    expect(() => new Conv2d(1, 4, [3, 0])).toThrow("Conv2d: kernelSize must be a positive integer, got 0");
  });
});

describe("empty batches (N = 0)", () => {
  test("Conv1d and Conv2d give (0, C_out, …) and zero weight and bias gradients", () => {
    const layers = [
      { layer: new Conv1d(2, 3, 3, { generator: new RandomState(0) }), x: randomTensor([0, 2, 8]).requiresGrad_(), out: [0, 3, 6] },
      { layer: new Conv2d(2, 3, 3, { generator: new RandomState(0) }), x: randomTensor([0, 2, 5, 6]).requiresGrad_(), out: [0, 3, 3, 4] },
    ];
    for (const { layer, x, out } of layers) {
      const y = layer.forward(x);
      expect(y.shape).toEqual(out);
      y.sum().backward();
      expect(x.grad!.shape).toEqual(x.shape);
      expect(Array.from(layer.weight.grad!.toArray()).every((v) => v === 0)).toBe(true);
      expect(layer.bias!.grad!.tolist()).toEqual([0, 0, 0]);
    }
  });

  test("an input too short for the kernel is named, empty batch or not", () => {
    expect(() => conv1d(randomTensor([0, 2, 0]), randomTensor([3, 2, 3]))).toThrow("conv1d: the output length would be -2 for input length 0, kernel 3, padding 0, dilation 1");
  });
});
