import { test } from "vitest";
import { losses, optim } from "../../src/index";
import { fit, accuracy } from "../../src/train";
import { convBase, mlp, mnist1dF32 } from "./mnist1d-models";
test("probe", () => {
  const d = mnist1dF32();
  const runs = [["mlp", mlp, (m: any) => new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9, momentumStyle: "pytorch" }), 50, true], ["cnn-noshuffle", convBase, (m: any) => new optim.Adam(m.parameters(), { lr: 1e-2 }), 200, false], ["cnn-shuffle", convBase, (m: any) => new optim.Adam(m.parameters(), { lr: 1e-2 }), 200, true]] as const;
  for (const [name, make, opt, epochs, shuffle] of runs) {
    const model = make(0);
    const t0 = performance.now();
    const h = fit(model, { train: { x: d.xTrain, y: d.yTrain }, validation: { x: d.xTest, y: d.yTest }, loss: (o, t) => losses.crossEntropy(o, t as Int32Array), optimizer: opt(model), epochs, batchSize: 100, shuffle, seed: 0, metrics: { accuracy }, progress: false });
    console.log(name, ((performance.now() - t0) / 1000).toFixed(1), "s", h.epochs.filter((e) => e.epoch % 10 === 0).map((e) => `${e.epoch}:${e.trainLoss.toFixed(3)}/${(100 * e.valMetrics!.accuracy).toFixed(1)}`).join(" "));
  }
}, 600000);
