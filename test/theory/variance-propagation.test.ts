import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/theory/monte-carlo";
import { activationGain, growthFactor, predictedVariances, simulateVariancePropagation, type LayerVariances, type VariancePropagationOptions } from "../../src/theory/variance-propagation";
import { heUniform_, lecunNormal_, normal_, xavierUniform_ } from "../../src/init/index";
import { expectClose } from "../helpers/expect-close";

// Every layer's measurement against its prediction, forward and backward, at once: with m intervals,
// z = Φ⁻¹(1 − α/2m) keeps the chance of any false alarm below α = 1 % (Bonferroni). A trial's value
// is a product of per-layer random factors, so it is skewed; 200 trials make the normal interval
// trustworthy (with a few dozen, a low draw in layer 0 drags every later layer below its interval).
function expectPredictionsHold(options: VariancePropagationOptions): void {
  const result = simulateVariancePropagation(options);
  const m = 2 * result.forward.measured.length;
  const z = normalQuantile(1 - 0.01 / (2 * m));
  for (const side of [result.forward, result.backward]) {
    side.measured.forEach((measured, k) => {
      const gap = Math.abs(measured - side.predicted[k]);
      if (gap > z * side.standardError[k]) {
        throw new Error(`layer ${k}: measured ${measured} ± ${side.standardError[k]}, predicted ${side.predicted[k]} (z = ${z})`);
      }
    });
  }
}

describe("predictedVariances", () => {
  it("spells out the recursions for a small ReLU network", () => {
    // sizes [4, 10, 20, 3], σ²_Ω = 0.1, σ²_x = 2:
    // forward  f_0: 4·0.1·2 = 0.8;  f_1: ½·10·0.1·0.8 = 0.4;  f_2: ½·20·0.1·0.4 = 0.4
    // backward g_2: 1;  g_1: ½·3·0.1·1 = 0.15;  g_0: ½·20·0.1·0.15 = 0.15
    const p = predictedVariances({ sizes: [4, 10, 20, 3], weightVariance: 0.1, inputVariance: 2 });
    expectClose(p.forward, [0.8, 0.4, 0.4]);
    expectClose(p.backward, [0.15, 0.15, 1]);
  });

  it("keeps He-initialised ReLU layers at a constant variance (Algorytm 2)", () => {
    const sizes = [30, 30, 30, 30, 30];
    const p = predictedVariances({ sizes, weightVariance: 2 / 30 });
    // f_0 sees the raw input (no ReLU): 30·(2/30)·1 = 2; every ReLU layer after it keeps ½·30·(2/30) = 1 times that
    expectClose(p.forward, [2, 2, 2, 2]);
  });

  it("gains of the activations: E[a(f)²]/σ² by quadrature of a standard normal", () => {
    // ∫ a(f)² φ(f) df by the midpoint rule on [−12, 12]; an independent number for each gain
    const quad = (a: (f: number) => number) => {
      const n = 200_000;
      const h = 24 / n;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const f = -12 + (i + 0.5) * h;
        s += a(f) ** 2 * Math.exp((-f * f) / 2) / Math.sqrt(2 * Math.PI);
      }
      return s * h;
    };
    expectClose([activationGain("relu")], [quad((f) => Math.max(f, 0))], { rtol: 1e-9 });
    expectClose([activationGain("leakyRelu", 0.2)], [quad((f) => (f > 0 ? f : 0.2 * f))], { rtol: 1e-9 });
    expectClose([activationGain("linear")], [quad((f) => f)], { rtol: 1e-9 });
  });

  it("rejects bad options, naming the value", () => {
    expect(() => predictedVariances({ sizes: [3, 0, 1], weightVariance: 1 })).toThrow(/sizes\[1\].*got 0/);
    expect(() => predictedVariances({ sizes: [3, 4, 1], weightVariance: [1] })).toThrow(/got 1\)/);
    expect(() => predictedVariances({ sizes: [3, 4, 1], weightVariance: -1 })).toThrow(/got -1/);
    expect(() => activationGain("tanh" as never)).toThrow(/"tanh"/);
  });
});

describe("simulateVariancePropagation: measured against Propozycja 3 and its backward twin", () => {
  it("ReLU, He initialisation (σ²_Ω = 2/D), 12 layers", () => {
    expectPredictionsHold({ sizes: Array<number>(13).fill(40), weightVariance: 2 / 40, trials: 200, seed: 1 });
  });

  it("ReLU, LeCun variance 1/D: forward variance halves at every layer", () => {
    expectPredictionsHold({ sizes: [20, ...Array<number>(10).fill(40), 5], weightVariance: [1 / 20, ...Array<number>(10).fill(1 / 40)], trials: 200, seed: 2 });
  });

  it("unequal widths separate fan-in (forward) from fan-out (backward)", () => {
    expectPredictionsHold({ sizes: [10, 60, 15, 80, 25, 4], weightVariance: 0.05, inputVariance: 3, trials: 200, seed: 3 });
  });

  it("LeakyReLU (α = 0.2) and the identity", () => {
    expectPredictionsHold({ sizes: Array<number>(9).fill(30), weightVariance: 0.06, activation: "leakyRelu", trials: 200, seed: 4 });
    expectPredictionsHold({ sizes: Array<number>(9).fill(30), weightVariance: 1 / 30, activation: "linear", trials: 200, seed: 5 });
  });

  it("a wrong gain is caught: ReLU with the identity's prediction fails", () => {
    // the same measurement compared with c = 1 instead of ½ must be far outside the bounds
    const r = simulateVariancePropagation({ sizes: Array<number>(7).fill(40), weightVariance: 2 / 40, trials: 32, seed: 6 });
    const last = r.forward.measured.length - 1;
    const wrong = r.forward.predicted[last] * 2 ** last; // c = 1 doubles every layer after the first
    expect(Math.abs(r.forward.measured[last] - wrong)).toBeGreaterThan(10 * r.forward.standardError[last]);
  });
});

describe("simulateVariancePropagation with the library's initialisers (init option)", () => {
  it("He-uniform with fan-out and Xavier-uniform keep the predictions of their variances", () => {
    const sizes = [10, 60, 15, 80, 25, 4];
    const fanOut = sizes.slice(1).map((d) => 2 / d);
    expectPredictionsHold({ sizes, weightVariance: fanOut, init: (w, g) => heUniform_(w, { generator: g, mode: "fanOut" }), trials: 200, seed: 7 });
    const xavier = sizes.slice(1).map((d, k) => 2 / (sizes[k] + d));
    expectPredictionsHold({ sizes, weightVariance: xavier, init: (w, g) => xavierUniform_(w, { generator: g }), trials: 200, seed: 8 });
  });

  it("an initialiser with the wrong variance is caught by growthFactor", () => {
    const sizes = new Array<number>(10).fill(40);
    // claims LeCun's 1/40 but draws twice that: the per-layer factor is 1, not ½
    const r = simulateVariancePropagation({ sizes, weightVariance: 1 / 40, init: (w, g) => normal_(w, 0, Math.sqrt(2 / 40), { generator: g }), trials: 20, seed: 9 });
    const f = growthFactor(r.forward, [2, 3, 4, 5, 6, 7], "forward");
    expect(Math.abs(f.mean - 1)).toBeLessThan(4 * f.standardError);
    expect(Math.abs(f.mean - 0.5)).toBeGreaterThan(10 * f.standardError);
  });
});

describe("growthFactor", () => {
  it("averages the ratios of consecutive layers within each trial, then over trials", () => {
    // three trials, layers 0…3; forward ratios of layers 2 and 3 averaged per trial
    const perTrial = [
      Float64Array.from([1, 2, 4]),
      Float64Array.from([2, 2, 8]),
      Float64Array.from([4, 6, 8]),
      Float64Array.from([4, 12, 24]),
    ];
    const side: LayerVariances = { measured: [], standardError: [], ci95: [], predicted: [], perTrial };
    const f = growthFactor(side, [2, 3], "forward");
    const trialMeans = [(4 / 2 + 4 / 4) / 2, (6 / 2 + 12 / 6) / 2, (8 / 8 + 24 / 8) / 2];
    expectClose([f.mean], [trialMeans.reduce((a, b) => a + b) / 3]);
    const b = growthFactor(side, [1], "backward"); // ms(g_0)/ms(g_1)
    expectClose([b.mean], [(1 / 2 + 2 / 2 + 4 / 8) / 3]);
  });

  it("50 layers of alternating width: the factors of both parities, forward and backward, as predicted", () => {
    // widths 32, 64, 32, …: with LeCun's 1/D_f the forward factor is ½ at every layer, the backward
    // factor ½·D_{k+1}/D_k alternates between 1 and ¼ — a test of fan-in against fan-out at depth
    const sizes = [32, ...Array.from({ length: 50 }, (_, k) => (k % 2 === 0 ? 64 : 32)), 10];
    const variances = sizes.slice(1).map((_, k) => 1 / sizes[k]);
    const r = simulateVariancePropagation({ sizes, weightVariance: variances, init: (w, g) => lecunNormal_(w, { generator: g }), trials: 12, batch: 64, seed: 3 });
    const hidden = Array.from({ length: 48 }, (_, i) => i + 2); // layers 2 … 49, whose Ω maps hidden to hidden
    const z = normalQuantile(1 - 0.01 / 8);
    for (const parity of [0, 1]) {
      const layers = hidden.filter((k) => k % 2 === parity);
      const forward = growthFactor(r.forward, layers, "forward");
      expect(Math.abs(forward.mean - 0.5)).toBeLessThan(z * forward.standardError);
      const predictedBackward = 0.5 * sizes[layers[0] + 1] * variances[layers[0]];
      const backward = growthFactor(r.backward, layers, "backward");
      expect(Math.abs(backward.mean - predictedBackward)).toBeLessThan(z * backward.standardError);
    }
  });

  it("names bad arguments", () => {
    const r = simulateVariancePropagation({ sizes: [4, 4, 4], weightVariance: 0.5, trials: 2 });
    expect(() => growthFactor(r.forward, [0], "forward")).toThrow(/layer 0 has no predecessor/);
    expect(() => growthFactor(r.forward, [], "forward")).toThrow(/no layers/);
    expect(() => growthFactor(r.forward, [1], "sideways" as never)).toThrow(/"sideways"/);
  });
});
