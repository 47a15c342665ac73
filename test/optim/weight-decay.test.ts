// Algorytm 15 vs 17: for SGD, decoupled weight decay λ equals the L2 penalty λ' with λ = 2αλ'
// (the notes' penalty λ'·Σϕ² has no ½); for Adam the two differ (the lecture's claim behind AdamW).
import { describe, expect, test } from "vitest";
import { Tensor, tensor } from "../../src/index";
import { Adam, AdamW, SGD, decoupledWeightDecay_, l2Penalty, type Optimizer } from "../../src/optim";
import { expectClose } from "../helpers/expect-close";
import { C, H, flat, makeParams } from "./problem";

/** L(ϕ) = ½ Σ hᵢ(ϕᵢ − cᵢ)² through autograd, over the two parameters of the shared problem. */
function loss(params: Tensor[]): Tensor {
  const x = params[0].reshape([6]);
  const parts = [x, params[1]];
  let at = 0;
  let total: Tensor | null = null;
  for (const p of parts) {
    const h = tensor(H.slice(at, at + p.numel()));
    const c = tensor(C.slice(at, at + p.numel()));
    at += p.numel();
    const term = p.sub(c).square().mul(h).sum().mul(0.5);
    total = total === null ? term : total.add(term);
  }
  return total!;
}

function run(make: (ps: Tensor[]) => Optimizer, { penalty = 0, decay = 0, steps = 100 } = {}): number[] {
  const params = makeParams();
  const opt = make(params);
  for (let t = 0; t < steps; t++) {
    opt.zeroGrad();
    const l = penalty > 0 ? loss(params).add(l2Penalty(params, penalty)) : loss(params);
    l.backward();
    if (decay > 0) decoupledWeightDecay_(params, decay);
    opt.step();
  }
  return flat(params);
}

describe("l2Penalty and decoupledWeightDecay_", () => {
  test("l2Penalty is λ·Σϕ² and its gradient 2λϕ", () => {
    const a = tensor([1, -2]).requiresGrad_(true);
    const b = tensor([[3], [0.5]]).requiresGrad_(true);
    const value = l2Penalty([a, b], 0.3);
    expectClose([value.item()], [0.3 * (1 + 4 + 9 + 0.25)]);
    value.backward();
    expectClose(a.grad!.toArray(), [2 * 0.3 * 1, 2 * 0.3 * -2]);
    expectClose(b.grad!.toArray(), [2 * 0.3 * 3, 2 * 0.3 * 0.5]);
  });

  test("decoupledWeightDecay_ multiplies by 1 − λ", () => {
    const a = tensor([1, -2]).requiresGrad_(true);
    decoupledWeightDecay_([a], 0.1);
    expectClose(a.toArray(), [0.9 * 1, 0.9 * -2]);
    expect(() => decoupledWeightDecay_([a], -0.1)).toThrow("decoupledWeightDecay_: lambda must be a non-negative number, got -0.1");
  });
});

describe("weight decay vs L2 (Algorytm 15, 16, 17)", () => {
  const alpha = 0.05;
  const penalty = 0.02; // λ' of the notes' λ'·Σϕ²
  const decay = 2 * alpha * penalty; // the matching decoupled λ: (1 − 2αλ')ϕ

  test("SGD: L2 penalty λ' ≡ decoupled decay 2αλ' ≡ weightDecay 2λ' (to rounding, over 100 steps)", () => {
    const withPenalty = run((ps) => new SGD(ps, { lr: alpha }), { penalty });
    const withDecay = run((ps) => new SGD(ps, { lr: alpha }), { decay });
    const withOption = run((ps) => new SGD(ps, { lr: alpha, weightDecay: 2 * penalty }));
    expectClose(withDecay, withPenalty, { rtol: 1e-12, atol: 1e-14 });
    expectClose(withOption, withPenalty, { rtol: 1e-12, atol: 1e-14 });
    // and the decay does something: without it the result is far away
    const none = run((ps) => new SGD(ps, { lr: alpha }));
    expect(Math.max(...none.map((x, i) => Math.abs(x - withPenalty[i])))).toBeGreaterThan(1e-2);
  });

  test("Adam: the same L2 penalty and decoupled decay (AdamW) give different parameters", () => {
    const withPenalty = run((ps) => new Adam(ps, { lr: alpha }), { penalty });
    const adamW = run((ps) => new AdamW(ps, { lr: alpha, weightDecay: decay }));
    const byHand = run((ps) => new Adam(ps, { lr: alpha }), { decay });
    expectClose(adamW, byHand, { rtol: 1e-12, atol: 1e-14 }); // AdamW = decay, then Adam
    const gap = Math.max(...adamW.map((x, i) => Math.abs(x - withPenalty[i])));
    expect(gap).toBeGreaterThan(1e-2); // not a rounding difference: a different algorithm
  });
});
