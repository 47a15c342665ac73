import { describe, expect, test } from "vitest";
import { SELU, selu, SELU_CONSTANTS } from "../../../src/nn/activations/selu";
import { tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { checkActivation } from "./check-activation";

const { lambda, alpha } = SELU_CONSTANTS.exact;
checkActivation({
  name: "selu (exact constants)",
  fn: (x) => selu(x),
  module: new SELU(),
  value: (x) => lambda * (x < 0 ? alpha * (Math.exp(x) - 1) : x),
  derivative: (x) => lambda * (x < 0 ? alpha * Math.exp(x) : 1),
});

describe("SELU constants", () => {
  test("the notes' rounded constants: SELU(z) = 1.05·ELU_1.67(z) (Definicja 3)", () => {
    const x = tensor([-2, -0.5, 0.5, 2]);
    expectClose(selu(x, "notes").toArray(), [-2, -0.5, 0.5, 2].map((v) => 1.05 * (v < 0 ? 1.67 * (Math.exp(v) - 1) : v)), { rtol: 1e-15 });
    expect(new SELU("notes").toString()).toBe('SELU(constants="notes")');
  });

  test("the exact constants are Klambauer et al.'s fixed point: mean 0 and variance 1 are preserved", () => {
    // E[selu(Z)] and E[selu(Z)²] for Z ~ N(0, 1), by the trapezoid rule on [−12, 12]
    const h = 1e-3;
    let m1 = 0;
    let m2 = 0;
    for (let z = -12; z <= 12; z += h) {
      const w = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * h;
      const s = lambda * (z < 0 ? alpha * (Math.exp(z) - 1) : z);
      m1 += w * s;
      m2 += w * s * s;
    }
    expect(Math.abs(m1)).toBeLessThan(1e-6);
    expect(Math.abs(m2 - 1)).toBeLessThan(1e-6);
    // and the notes' rounding is close to, but not exactly, the exact pair
    expect(Math.abs(lambda - 1.05)).toBeLessThan(0.001);
    expect(Math.abs(alpha - 1.67)).toBeLessThan(0.004);
  });
});
