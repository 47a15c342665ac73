// The Optimizer base: groups, named parameters, skipped parameters, a stateDict that survives JSON and
// resumes a run bit for bit, and the refusal of a non-finite gradient before anything is updated.
import { describe, expect, test } from "vitest";
import { nn, RandomState, tensor } from "../../src/index";
import {
  Adagrad, Adam, Adamax, AdamW, NAdam, NonFiniteGradientError, NormalizedGD, RMSprop, SGD, setLr, type Optimizer, type OptimizerStateDict, type ParamsInput,
} from "../../src/optim";
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

test("an option the optimizer does not have is an error, naming the one meant for PyTorch's spellings", () => {
  const w = tensor([1]).requiresGrad_(true);
  expect(() => new RMSprop([w], { lr: 0.01, alpha: 0.9 } as never)).toThrow(`RMSprop: unknown option "alpha" (PyTorch's alpha is rho here); its options are lr, rho, eps, weightDecay`);
  expect(() => new SGD([w], { lr: 0.1, weight_decay: 1e-4 } as never)).toThrow('SGD: unknown option "weight_decay" (did you mean weightDecay?)');
  expect(() => new Adam([w], { amsgrad: true } as never)).toThrow('Adam: unknown option "amsgrad"; its options are lr, betas, eps, weightDecay');
  const everyOptimizer: Array<(options: object) => Optimizer> = [
    (o) => new SGD([w], { lr: 0.1, ...o }), (o) => new Adam([w], o), (o) => new AdamW([w], { weightDecay: 0.01, ...o }), (o) => new Adagrad([w], o),
    (o) => new RMSprop([w], o), (o) => new Adamax([w], o), (o) => new NAdam([w], o), (o) => new NormalizedGD([w], { lr: 0.1, ...o }),
  ];
  for (const make of everyOptimizer) expect(() => make({ typo: 1 })).toThrow(/unknown option "typo"/);
  expect(new Adam([w], { eps: undefined }).paramGroups[0].eps).toBe(1e-8); // an undefined option keeps its default
});

describe("named parameters (model.namedParameters(), as torch.optim accepts named_parameters())", () => {
  test("flat and grouped; the names are kept per group and the updates are those of the unnamed optimizer", () => {
    const model = new nn.Sequential(new nn.Linear(3, 2, { generator: new RandomState(0) }), new nn.Tanh(), new nn.Linear(2, 1, { generator: new RandomState(1) }));
    const named = new SGD(model.namedParameters(), { lr: 0.1 });
    expect(named.paramGroups[0].paramNames).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(named.paramGroups[0].params).toEqual(model.parameters());
    const [weights, biases] = [model.namedParameters().filter(([n]) => n.endsWith("weight")), model.namedParameters().filter(([n]) => n.endsWith("bias"))];
    const grouped = new SGD([{ params: weights }, { params: biases, lr: 0.5 }], { lr: 0.1 });
    expect(grouped.paramGroups.map((g) => g.paramNames)).toEqual([["0.weight", "2.weight"], ["0.bias", "2.bias"]]);
    const plain = makeParams();
    const copies = makeParams();
    const a = new SGD(plain, { lr: 0.1, momentum: 0.9 });
    const b = new SGD([["w", copies[0]], ["b", copies[1]]], { lr: 0.1, momentum: 0.9 });
    for (let t = 0; t < 3; t++) {
      setGradients(plain);
      setGradients(copies);
      a.step();
      b.step();
    }
    expect(flat(copies)).toEqual(flat(plain));
    expect(JSON.stringify(b.stateDict())).toBe(JSON.stringify(a.stateDict())); // indices, not names, as before
  });

  test("a group mixing names and plain tensors, or anything else, is refused by entry", () => {
    const [w, b] = makeParams();
    expect(() => new SGD([["w", w], b] as never, { lr: 0.1 })).toThrow(
      "SGD: entry 0 of parameter group 0 is a [name, tensor] pair among plain tensors (give all names or none); parameters are tensors (model.parameters()) or [name, tensor] pairs (model.namedParameters())",
    );
    expect(() => new Adam([{ params: [w, [1, 2]] }] as never)).toThrow("Adam: entry 1 of parameter group 0 is an array of length 2; parameters are tensors");
    expect(() => new Adam([w, "b"] as never)).toThrow("Adam: entry 1 of parameter group 0 is a string;");
  });
});

describe("a NaN or ±∞ gradient is refused before any parameter or state changes", () => {
  const optimizers: [string, (p: ParamsInput<never>) => Optimizer][] = [
    ["SGD", (p) => new SGD(p, { lr: 0.1, momentum: 0.9 })],
    ["NormalizedGD", (p) => new NormalizedGD(p, { lr: 0.1 })],
    ["Adagrad", (p) => new Adagrad(p, { lr: 0.1 })],
    ["RMSprop", (p) => new RMSprop(p, { lr: 0.1 })],
    ["Adam", (p) => new Adam(p, { lr: 0.1 })],
    ["NAdam", (p) => new NAdam(p, { lr: 0.1 })],
    ["Adamax", (p) => new Adamax(p, { lr: 0.1 })],
    ["AdamW", (p) => new AdamW(p, { lr: 0.1, weightDecay: 0.01 })],
  ];

  test.each(optimizers)("%s: named parameter, step number, first entry and count; nothing updated; the next good step proceeds", (name, make) => {
    const params = makeParams();
    const opt = make([["layer.weight", params[0]], ["layer.bias", params[1]]] as never);
    for (let t = 0; t < 2; t++) {
      setGradients(params);
      opt.step();
    }
    const before = flat(params);
    const state = JSON.stringify(opt.stateDict());
    setGradients(params);
    params[1].grad!.storage[1] = -Infinity;
    params[0].grad!.storage[4] = NaN;
    params[0].grad!.storage[5] = Infinity;
    let error: unknown;
    try {
      opt.step();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteGradientError);
    expect((error as Error).message).toBe(
      `${name}.step(): the gradient of parameter "layer.weight" (shape [2, 3]) has 2 non-finite entries, the first NaN at [1, 1], at step 3; no parameter was updated`,
    );
    const e = error as NonFiniteGradientError;
    expect([e.parameter, e.place, e.element, e.value, e.count, e.step]).toEqual([params[0], { name: "layer.weight", group: 0, index: 0 }, [1, 1], NaN, 2, 3]);
    expect(flat(params)).toEqual(before);
    expect(JSON.stringify(opt.stateDict())).toBe(state);
    setGradients(params);
    params[1].grad!.storage[1] = -Infinity; // only the bias, the second parameter: the weight, updated first, must not move
    expect(() => opt.step()).toThrow(`${name}.step(): the gradient of parameter "layer.bias" (shape [2]) has 1 non-finite entry, the first -Infinity at [1], at step 3; no parameter was updated`);
    expect(flat(params)).toEqual(before);
    expect(JSON.stringify(opt.stateDict())).toBe(state);
    setGradients(params);
    opt.step();
    expect(flat(params)).not.toEqual(before);
  });

  test("without names: group, index and shape, and a hint; a parameter without a gradient is not checked", () => {
    const [w, b] = makeParams();
    const c = tensor([1, 2]).requiresGrad_(true);
    const opt = new SGD([{ params: [w] }, { params: [c, b], lr: 0.5 }], { lr: 0.1 });
    setGradients([w, b]);
    b.grad!.storage[0] = Infinity;
    expect(() => opt.step()).toThrow(
      "SGD.step(): the gradient of parameter 1 of group 1 (shape [2]) has 1 non-finite entry, the first Infinity at [0], at step 1; no parameter was updated (build the optimizer from model.namedParameters() to see parameter names)",
    );
  });

  test("a non-contiguous gradient set by hand is checked through its view", () => {
    const w = tensor([[1, 2], [3, 4]]).requiresGrad_(true);
    const opt = new SGD([["w", w]], { lr: 0.1 });
    w.grad = tensor([[0, 0], [NaN, 0]]).T; // [[0, NaN], [0, 0]]
    expect(() => opt.step()).toThrow('SGD.step(): the gradient of parameter "w" (shape [2, 2]) has 1 non-finite entry, the first NaN at [0, 1], at step 1');
  });
});
