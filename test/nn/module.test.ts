// The Module tree: registration order, dotted names, modes, zeroGrad, state dicts and the repr.
import { describe, expect, test } from "vitest";
import { Module, type StateDict } from "../../src/nn/module";
import { Linear } from "../../src/nn/linear";
import { Sequential } from "../../src/nn/sequential";
import { BatchNorm1d } from "../../src/nn/batchnorm";
import { Dropout } from "../../src/nn/dropout";
import { ReLU } from "../../src/nn/activations/relu";
import { RandomState, Tensor, tensor, zeros } from "../../src/index";
import { randomTensor } from "../helpers/random-tensor";

class Block extends Module {
  readonly scale: Tensor;
  readonly inner: Sequential;
  constructor() {
    super();
    this.scale = this.registerParameter("scale", tensor([2]));
    this.inner = this.registerModule("inner", new Sequential(new Linear(3, 2, { generator: new RandomState(1) }), new ReLU()));
  }
  override forward(x: Tensor): Tensor {
    return this.inner.forward(x).mul(this.scale);
  }
}

const model = () => new Sequential(new Linear(4, 3, { generator: new RandomState(0) }), new BatchNorm1d(3), new ReLU(), new Dropout(0.2), new Linear(3, 2));

describe("Module", () => {
  test("namedParameters: own first, then children in registration order, with dotted names", () => {
    expect(model().namedParameters().map(([n]) => n)).toEqual(["0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"]);
    const b = new Block();
    expect(b.namedParameters().map(([n]) => n)).toEqual(["scale", "inner.0.weight", "inner.0.bias"]);
    expect(b.parameters()).toEqual([b.scale, (b.inner[0] as Linear).weight, (b.inner[0] as Linear).bias]);
    expect(b.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect(b.children()).toEqual([b.inner]);
    expect(b.modules()).toHaveLength(4);
  });

  test("train() / eval() propagate to every descendant", () => {
    const b = new Block();
    expect(b.modules().every((m) => m.training)).toBe(true);
    b.eval();
    expect(b.modules().some((m) => m.training)).toBe(false);
    b.inner.train();
    expect(b.training).toBe(false);
    expect(b.inner.modules().every((m) => m.training)).toBe(true);
  });

  test("zeroGrad clears every parameter's gradient", () => {
    const b = new Block();
    b.forward(randomTensor([5, 3])).sum().backward();
    expect(b.parameters().every((p) => p.grad !== null)).toBe(true);
    b.zeroGrad();
    expect(b.parameters().every((p) => p.grad === null)).toBe(true);
  });

  test("stateDict is plain JSON with parameters and buffers; loadStateDict restores it exactly", () => {
    const a = model();
    a.train().forward(randomTensor([6, 4])); // moves BatchNorm's running statistics
    const json = JSON.parse(JSON.stringify(a.stateDict())) as StateDict;
    expect(Object.keys(json)).toEqual(["0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias", "1.runningMean", "1.runningVar", "1.numBatchesTracked"]);
    expect(json["0.weight"].shape).toEqual([3, 4]);
    expect(json["0.weight"].dtype).toBe("float64");
    expect(json["1.runningMean"].data).toEqual(Array.from((a[1] as BatchNorm1d).runningMean.toArray()));
    const b = model();
    b.loadStateDict(json);
    expect(b.stateDict()).toEqual(a.stateDict());
    const x = randomTensor([5, 4], { seed: 9 });
    expect(b.eval().forward(x).tolist()).toEqual(a.eval().forward(x).tolist());
  });

  test("loadStateDict names a shape mismatch, and missing or unexpected keys", () => {
    const state = new Linear(4, 3).stateDict();
    expect(() => new Linear(5, 3).loadStateDict(state)).toThrow(/"weight" has shape \[3, 4\] in the state dict, but \[3, 5\] in the module/);
    const { bias: _bias, ...noBias } = state;
    expect(() => new Linear(4, 3).loadStateDict(noBias)).toThrow(/missing: bias/);
    expect(() => new Linear(4, 3, { bias: false }).loadStateDict(state)).toThrow(/unexpected: bias/);
  });

  test("loadStateDict into float32 converts the values", () => {
    const a = new Linear(2, 2);
    const b = new Linear(2, 2, { dtype: "float32" });
    b.loadStateDict(a.stateDict());
    expect(b.weight.dtype).toBe("float32");
    expect(Array.from(b.weight.toArray())).toEqual(Array.from(a.weight.toArray(), Math.fround));
  });

  test("toString prints a PyTorch-style tree", () => {
    expect(model().toString()).toBe(
      [
        "Sequential(",
        "  (0): Linear(inFeatures=4, outFeatures=3, bias=true)",
        "  (1): BatchNorm1d(3, eps=0.00001, momentum=0.1, affine=true)",
        "  (2): ReLU()",
        "  (3): Dropout(p=0.2)",
        "  (4): Linear(inFeatures=3, outFeatures=2, bias=true)",
        ")",
      ].join("\n"),
    );
    expect(new Block().toString()).toBe(
      ["Block(", "  (inner): Sequential(", "    (0): Linear(inFeatures=3, outFeatures=2, bias=true)", "    (1): ReLU()", "  )", ")"].join("\n"),
    );
  });

  test("names must be unique and dot-free", () => {
    class Bad extends Module {
      constructor(name: string) {
        super();
        this.registerParameter("w", zeros([1]));
        this.registerParameter(name, zeros([1]));
      }
      override forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Bad("w")).toThrow(/"w" is already registered/);
    expect(() => new Bad("a.b")).toThrow(/"a.b" is not a valid name/);
  });
});
