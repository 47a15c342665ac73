import { describe, expect, test } from "vitest";
import { RandomState } from "../../src/data/random";
import { mnist1d } from "../../src/data/mnist1d";
import { doubleDescentModel, doubleDescentSweep, interpolationThreshold, mlpParameterCount } from "../../src/theory/double-descent";

describe("double descent helpers", () => {
  test("the parameter count formula counts the model's actual parameters", () => {
    for (const H of [1, 2, 14, 35, 400]) {
      const model = doubleDescentModel(H, 40, 10, "float64", new RandomState(0));
      const counted = model.parameters().reduce((s, p) => s + p.numel(), 0);
      expect(mlpParameterCount(H)).toBe(counted);
    }
  });

  test("at the interpolation threshold the (polynomial) parameter count equals the sample count", () => {
    for (const n of [4000, 1234, 100]) {
      const H = interpolationThreshold(n);
      expect(Math.abs(H * H + 52 * H + 10 - n)).toBeLessThan(1e-9);
    }
    expect(mlpParameterCount(Math.floor(interpolationThreshold(4000)))).toBeLessThan(4000);
    expect(mlpParameterCount(Math.ceil(interpolationThreshold(4000)))).toBeGreaterThan(4000);
  });

  const d = mnist1d({ numSamples: 400, trainSplit: 0.5, labelNoise: 0.15 });
  const dataset = { xTrain: d.xTrainTensor().to("float32"), yTrain: Int32Array.from(d.yTrain), xTest: d.xTestTensor().to("float32"), yTest: Int32Array.from(d.yTest) };

  test("a small sweep: the wide model interpolates noisy labels, the narrow one cannot; worker threads give the rows of the serial run", async () => {
    const options = { widths: [2, 128, 6], epochs: 300, stopAtInterpolation: true, progress: false };
    const rows = await doubleDescentSweep(dataset, { ...options, workers: 2 });
    expect(rows.map((r) => r.H)).toEqual([2, 128, 6]); // in the order asked, though the widest trains first
    expect(rows[1].trainError).toBe(0);
    expect(rows[1].epochs).toBeLessThan(300);
    expect(rows[0].trainError).toBeGreaterThan(30);
    const serial = await doubleDescentSweep(dataset, { ...options, workers: 0 });
    expect(serial.map((r) => [r.trainError, r.testError, r.epochs])).toEqual(rows.map((r) => [r.trainError, r.testError, r.epochs]));
  }, 120_000);

  test("a width that fails in a worker rejects the sweep, naming the width and the cause", async () => {
    await expect(doubleDescentSweep(dataset, { widths: [4, 0], epochs: 1, progress: false, workers: 2 })).rejects.toThrow(
      /doubleDescentSweep: training width H = 0 failed in a worker thread: RangeError: Linear: outFeatures must be a positive integer \(got 0\)/,
    );
    await expect(doubleDescentSweep(dataset, { widths: [4], epochs: 1, workers: -1 })).rejects.toThrow("doubleDescentSweep: workers must be a non-negative integer, got -1");
  }, 60_000);
});
