// The LR range test on ½·h·x² with plain GD: x ← (1 − lr·h)x, so the loss falls for lr < 2/h and
// rises beyond — the divergence point is known in closed form.
import { describe, expect, test } from "vitest";
import { Tensor, tensor } from "../../src/index";
import { SGD } from "../../src/optim";
import { lrFinder } from "../../src/schedules";
import { expectClose } from "../helpers/expect-close";

const h = 3;

function setup() {
  const x = tensor([1]).requiresGrad_(true);
  return { x, lossFn: () => x.square().mul(h / 2).sum() };
}

describe("lrFinder", () => {
  test("with smoothing 0 the minimum is the last lr below 2/h; the suggestion is a tenth of it", () => {
    const { x, lossFn } = setup();
    const r = lrFinder({ params: [x], lossFn, makeOptimizer: (ps) => new SGD(ps, { lr: 0 }), minLr: 1e-3, maxLr: 10, steps: 80, smoothing: 0 });
    expect(r.lrs[r.minIndex]).toBeLessThan(2 / h);
    expect(r.lrs[r.minIndex + 1]).toBeGreaterThanOrEqual(2 / h);
    expect(r.suggestedLr).toBe(r.lrs[r.minIndex] / 10);
    expect(r.diverged).toBe(true);
    expect(r.lrs.length).toBeLessThan(80);
  });

  test("losses equal a plain-array run of the same procedure (raw and smoothed)", () => {
    const { x, lossFn } = setup();
    const s = 0.9;
    const r = lrFinder({ params: [x], lossFn, makeOptimizer: (ps) => new SGD(ps, { lr: 0 }), minLr: 1e-3, maxLr: 10, steps: 60, smoothing: s });
    let xv = 1;
    let avg = 0;
    const raw: number[] = [];
    const smooth: number[] = [];
    for (let i = 0; i < r.lrs.length; i++) {
      const lr = 1e-3 * (10 / 1e-3) ** (i / 59);
      xv = xv - lr * h * xv;
      raw.push((h / 2) * xv * xv);
      avg = s * avg + (1 - s) * raw[i];
      smooth.push(avg / (1 - s ** (i + 1)));
    }
    expectClose(r.rawLosses, raw, { rtol: 1e-12 });
    expectClose(r.losses, smooth, { rtol: 1e-12 });
    // stopped at the first smoothed loss above 4× the best before it
    const last = smooth.length - 1;
    expect(smooth[last]).toBeGreaterThan(4 * Math.min(...smooth.slice(0, last)));
    for (let i = 1; i < last; i++) expect(smooth[i]).toBeLessThanOrEqual(4 * Math.min(...smooth.slice(0, i)));
  });

  test("restores the parameters and their gradients exactly", () => {
    const { x, lossFn } = setup();
    x.grad = tensor([0.25]);
    lrFinder({ params: [x], lossFn, makeOptimizer: (ps) => new SGD(ps, { lr: 0 }), minLr: 1e-3, maxLr: 10, steps: 50 });
    expect(x.item()).toBe(1);
    expect(x.grad.item()).toBe(0.25);
  });

  test("bad input", () => {
    const { x, lossFn } = setup();
    const base = { params: [x], lossFn, makeOptimizer: (ps: Tensor[]) => new SGD(ps, { lr: 0 }) };
    expect(() => lrFinder({ ...base, minLr: -1 })).toThrow("lrFinder: minLr must be a positive number, got -1");
    expect(() => lrFinder({ ...base, minLr: 1, maxLr: 0.5 })).toThrow("lrFinder: maxLr must be larger than minLr, got minLr 1, maxLr 0.5");
    expect(() => lrFinder({ ...base, smoothing: 1 })).toThrow("lrFinder: smoothing must be a number in [0, 1), got 1");
  });
});
