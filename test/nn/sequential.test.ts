import { describe, expect, test } from "vitest";
import { Sequential } from "../../src/nn/sequential";
import { Linear } from "../../src/nn/linear";
import { ReLU } from "../../src/nn/activations/relu";
import { gradcheck } from "../../src/index";
import { randomTensor } from "../helpers/random-tensor";

describe("Sequential", () => {
  test("applies its modules in order and is indexable", () => {
    const a = new Linear(3, 4);
    const r = new ReLU();
    const b = new Linear(4, 2);
    const seq = new Sequential(a, r, b);
    expect(seq.length).toBe(3);
    expect(seq[0]).toBe(a);
    expect(seq[2]).toBe(b);
    expect(seq.at(-1)).toBe(b);
    expect([...seq]).toEqual([a, r, b]);
    const x = randomTensor([5, 3]);
    expect(seq.forward(x).tolist()).toEqual(b.forward(r.forward(a.forward(x))).tolist());
    expect(() => seq.at(3)).toThrow(/index 3 is out of range for 3 modules/);
  });

  test("gradcheck through a two-layer network", () => {
    const seq = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    const x = randomTensor([5, 3], { requiresGrad: true });
    expect(gradcheck((t) => seq.forward(t).square().sum(), [x]).ok).toBe(true);
  });

  test("an empty Sequential is the identity", () => {
    const x = randomTensor([2, 2]);
    expect(new Sequential().forward(x)).toBe(x);
  });
});
