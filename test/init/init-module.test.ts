import { expect, test } from "vitest";
import { initModule } from "../../src/init/init-module";
import { heNormal_ } from "../../src/init/he";
import { constant_, zeros_ } from "../../src/init/basic";
import { Sequential } from "../../src/nn/sequential";
import { Linear } from "../../src/nn/linear";
import { BatchNorm1d } from "../../src/nn/batchnorm";
import { PReLU } from "../../src/nn/activations/prelu";
import { RandomState, zeros } from "../../src/index";

test("initModule applies to every Linear in module order and leaves 1-D weights (BatchNorm, PReLU) alone", () => {
  const model = new Sequential(new Linear(3, 4), new BatchNorm1d(4), new PReLU(), new Sequential(new Linear(4, 2, { bias: false })));
  const g = new RandomState(5);
  initModule(model, { weight: (w) => heNormal_(w, { generator: g }), bias: zeros_ });
  const l0 = model[0] as Linear;
  const l3 = (model[3] as Sequential)[0] as Linear;
  // the same generator, used for layer 0's weight and then layer 3's
  const ref = new RandomState(5);
  const w0 = heNormal_(zeros([4, 3]), { generator: ref });
  const w3 = heNormal_(zeros([2, 4]), { generator: ref });
  expect(l0.weight.tolist()).toEqual(w0.tolist());
  expect(l3.weight.tolist()).toEqual(w3.tolist());
  expect(l0.bias!.tolist()).toEqual([0, 0, 0, 0]);
  expect((model[1] as BatchNorm1d).weight!.tolist()).toEqual([1, 1, 1, 1]);
  expect((model[2] as PReLU).weight.tolist()).toEqual([0.25]);
});

test("the init function receives the module", () => {
  const layer = new Linear(2, 2);
  const seen: unknown[] = [];
  initModule(layer, { bias: (b, m) => (seen.push(m), constant_(b, 1)) });
  expect(seen).toEqual([layer]);
  expect(layer.bias!.tolist()).toEqual([1, 1]);
});
