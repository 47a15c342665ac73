// Seeded random test inputs, so a failing test fails the same way on every run.
import { RandomState } from "../../src/data/random";
import { Tensor, tensor } from "../../src/index";
import type { DType } from "../../src/index";

export function randomTensor(shape: number[], options: { seed?: number; dtype?: DType; low?: number; high?: number; requiresGrad?: boolean } = {}): Tensor {
  const rng = new RandomState(options.seed ?? 1);
  const low = options.low ?? -2;
  const high = options.high ?? 2;
  const size = shape.reduce((p, d) => p * d, 1);
  const values = Float64Array.from({ length: size }, () => low + (high - low) * rng.randomSample());
  return tensor(values, { dtype: options.dtype ?? "float64" }).reshape(shape).detach().requiresGrad_(options.requiresGrad ?? false);
}
