// Acceptance tests (slow, run in CI): MNIST-1D trained end to end through train.fit in float32, as
// the references do it, reaching the accuracies they report (greydanus/mnist1d README: MLP ~68 %,
// CNN ~94 %; human ~96 %). Both seeded; accuracies and wall times are printed.
import { expect, test } from "vitest";
import { losses, optim, type Tensor } from "../../src/index";
import { accuracy, evaluate, fit } from "../../src/train";
import { convBase, mlp, mnist1dF32 } from "./mnist1d-models";

const crossEntropy = (o: Tensor, t: Int32Array | Tensor) => losses.crossEntropy(o, t);
const d = mnist1dF32(); // the default set: 4000 training rows, 1000 test rows

function testAccuracy(model: Parameters<typeof evaluate>[0]): number {
  return evaluate(model, d.xTest, d.yTest, { metrics: { accuracy } }).metrics.accuracy;
}

let mlpAccuracy = NaN;

test("MLP 40→100→100→10, He init, SGD lr 0.05 momentum 0.9, 50 epochs: 55–80 % test accuracy", () => {
  const started = performance.now();
  const model = mlp(0);
  // PyTorch-style momentum (m ← μm + g): the reference trains with torch.optim.SGD, whose lr 0.05
  // would be 10× too small with the notes' damped m ← βm + (1−β)g.
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9, momentumStyle: "pytorch" });
  const history = fit(model, { train: { x: d.xTrain, y: d.yTrain }, loss: crossEntropy, optimizer, epochs: 50, batchSize: 100, seed: 0, progress: false });
  mlpAccuracy = testAccuracy(model);
  const seconds = (performance.now() - started) / 1000;
  console.log(`MNIST-1D MLP: test accuracy ${(100 * mlpAccuracy).toFixed(1)} %, final train loss ${history.epochs[49].trainLoss.toFixed(4)}, ${seconds.toFixed(1)} s (${(seconds / 50).toFixed(3)} s/epoch)`);
  // Measured 66.2 % (seed 0). The reference reports ~68 % for its MLP and the book's notebook about
  // 60–65 %; an MLP memorises MNIST-1D (train loss → 0) but does not generalise across shifts, so
  // far above 80 % would mean a leak from the test set, below 55 % a broken optimiser or init.
  expect(mlpAccuracy).toBeGreaterThanOrEqual(0.55);
  expect(mlpAccuracy).toBeLessThanOrEqual(0.8);
});

test("ConvBase CNN, Adam lr 1e-2, batch 100 in order: ≥ 90 % test accuracy, far above the MLP", () => {
  const started = performance.now();
  const model = convBase(0);
  // As greydanus/mnist1d notebooks/train.py: Adam(lr 1e-2, weight decay 0), batch 100, batches taken
  // in order without shuffling (bix = step·100 mod 4000), PyTorch's default init. The reference runs
  // 8000 steps (200 epochs; measured here 94.0 % in 56 s); we run 4000 steps (100 epochs) to stay well
  // inside CI's minute — measured 93.6 %, and the curve is flat from there on (93.7–94.0 %).
  const optimizer = new optim.Adam(model.parameters(), { lr: 1e-2 });
  fit(model, { train: { x: d.xTrain, y: d.yTrain }, loss: crossEntropy, optimizer, epochs: 100, batchSize: 100, shuffle: false, progress: false });
  const cnnAccuracy = testAccuracy(model);
  const seconds = (performance.now() - started) / 1000;
  console.log(`MNIST-1D CNN: test accuracy ${(100 * cnnAccuracy).toFixed(1)} %, ${seconds.toFixed(1)} s (${(seconds / 100).toFixed(3)} s/epoch)`);
  // The reference reports ~94 %; 90 % leaves room for the order of float32 sums, not for a broken conv.
  expect(cnnAccuracy).toBeGreaterThanOrEqual(0.9);
  expect(cnnAccuracy).toBeLessThanOrEqual(0.97); // above human performance (~96 %) would be suspicious
  if (!Number.isNaN(mlpAccuracy)) expect(cnnAccuracy - mlpAccuracy).toBeGreaterThanOrEqual(0.2);
}, 120_000);
