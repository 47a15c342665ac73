import { describe, expect, test } from "vitest";
import { GELU, gelu } from "../../../src/nn/activations/gelu";
import { swish } from "../../../src/nn/activations/swish";
import { checkActivation, sigma } from "./check-activation";
import { erfReference } from "../../helpers/erf-reference";
import { randomTensor } from "../../helpers/random-tensor";
import { big, exact, PI, relativeError, sigmoidBig } from "../../helpers/high-precision";
import { tensor } from "../../../src/index";

const Phi = (z: number) => 0.5 * (1 + erfReference(z / Math.SQRT2));
const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

// Definicja 4: GELU(z) = zΦ(z);  d/dz = Φ(z) + zφ(z)
checkActivation({ name: "gelu (exact)", fn: (x) => gelu(x), module: new GELU(), value: (z) => z * Phi(z), derivative: (z) => Phi(z) + z * phi(z) });

// The notes' approximation zσ(1.702z)
checkActivation({
  name: "gelu (sigmoid approximation)",
  fn: (x) => gelu(x, "sigmoid"),
  module: new GELU("sigmoid"),
  value: (z) => z * sigma(1.702 * z),
  derivative: (z) => sigma(1.702 * z) + 1.702 * z * sigma(1.702 * z) * (1 - sigma(1.702 * z)),
});

checkActivation({
  name: "gelu (tanh approximation)",
  fn: (x) => gelu(x, "tanh"),
  module: new GELU("tanh"),
  value: (z) => 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3))),
});

describe("GELU approximations", () => {
  test("zσ(1.702z) is Swish with β = 1.702 and stays within 0.021 of the exact GELU", () => {
    const x = randomTensor([1000], { low: -6, high: 6 });
    expect(gelu(x, "sigmoid").tolist()).toEqual(swish(x, 1.702).tolist());
    const exact = gelu(x).toArray();
    const approx = gelu(x, "sigmoid").toArray();
    const tanhApprox = gelu(x, "tanh").toArray();
    let worst = 0;
    let worstTanh = 0;
    exact.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - approx[i]));
      worstTanh = Math.max(worstTanh, Math.abs(v - tanhApprox[i]));
    });
    // the published bounds: |zσ(1.702z) − zΦ(z)| < 0.021, tanh form < 5e-4
    expect(worst).toBeLessThan(0.021);
    expect(worstTanh).toBeLessThan(5e-4);
  });

  test("the tanh form keeps its lower tail: ½z(1 + tanh u) is computed as z·σ(2u), not 1 − 1 = 0", () => {
    // u = √(2/π)(z + 0.044715z³) is rounded before σ sees it, and σ(2u)'s relative condition number is
    // ~2|u| ≈ 90 at z = −10, so the bound is ~100 ulp (2e-14), not a few.
    const zs = [-10, -6, -3];
    const values = gelu(tensor(zs), "tanh").toArray();
    const c = big.bignumber(2).div(PI).sqrt();
    zs.forEach((z, i) => {
      const zb = exact(z);
      const u = zb.plus(zb.pow(3).times(exact(0.044715))).times(c);
      expect(relativeError(values[i], zb.times(sigmoidBig(u.times(2))))).toBeLessThan(2e-14);
    });
  });

  test("an unknown approximation is named", () => {
    expect(() => gelu(randomTensor([2]), "erf" as never)).toThrow(/approximate must be .* \(got "erf"\)/);
  });
});
