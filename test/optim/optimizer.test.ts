// The Optimizer base: groups, skipped parameters, and a stateDict that survives JSON and resumes a run bit for bit.
import { expect, test } from "vitest";
import { tensor } from "../../src/index";
import { Adam, SGD, setLr, type OptimizerStateDict } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { flat, makeParams, setGradients } from "./problem";

test("stateDict → JSON → loadStateDict resumes Adam exactly", () => {
  const straight = makeParams();
  const a = new Adam(straight, { lr: 0.05 });
  const resumed = makeParams();
  let b = new Adam(resumed, { lr: 0.05 });
  for (let t = 0; t < 10; t++) {
    if (t === 5) {
      const saved = JSON.parse(JSON.stringify(b.stateDict())) as OptimizerStateDict;
      b = new Adam(resumed, { lr: 0.05 });
      b.loadStateDict(saved);
    }
    for (const [ps, opt] of [[straight, a], [resumed, b]] as const) {
      setGradients(ps);
      opt.step();
    }
  }
  expect(flat(resumed)).toEqual(flat(straight));
});

test("groups with their own lr; a parameter without a gradient is skipped; setLr", () => {
  const w = tensor([1]).requiresGrad_(true);
  const b = tensor([1]).requiresGrad_(true);
  const c = tensor([1]).requiresGrad_(true);
  const opt = new SGD([{ params: [w] }, { params: [b, c], lr: 0.5 }], { lr: 0.1 });
  w.grad = tensor([2]);
  b.grad = tensor([2]);
  opt.step();
  expectClose([w.item(), b.item(), c.item()], [1 - 0.1 * 2, 1 - 0.5 * 2, 1]);
  setLr(opt, 0.01);
  expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.01, 0.01]);
  opt.zeroGrad();
  expect(w.grad).toBe(null);
});

test("bad input", () => {
  const w = tensor([1]).requiresGrad_(true);
  expect(() => new SGD([], { lr: 0.1 })).toThrow("SGD: got an empty parameter list");
  expect(() => new SGD([w, w], { lr: 0.1 })).toThrow("SGD: a parameter appears twice");
  expect(() => new SGD([{ params: [w], lrr: 1 } as never], { lr: 0.1 })).toThrow('SGD: unknown option "lrr" in parameter group 0');
  expect(() => setLr(new SGD([w], { lr: 0.1 }), -1)).toThrow("SGD: lr must be a non-negative number, got -1");
});
