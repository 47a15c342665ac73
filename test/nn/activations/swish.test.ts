import { describe, expect, test } from "vitest";
import { SiLU, Swish, silu, swish } from "../../../src/nn/activations/swish";
import { gradcheck, tensor } from "../../../src/index";
import { expectClose } from "../../helpers/expect-close";
import { randomTensor } from "../../helpers/random-tensor";
import { checkActivation, sigma } from "./check-activation";

// Definicja 5: Swish_β(z) = zσ(βz);  d/dz = σ(βz) + βzσ(βz)(1 − σ(βz))
const dSwish = (beta: number) => (z: number) => sigma(beta * z) + beta * z * sigma(beta * z) * (1 - sigma(beta * z));
checkActivation({ name: "swish(β = 2)", fn: (x) => swish(x, 2), module: new Swish({ beta: 2 }), value: (z) => z * sigma(2 * z), derivative: dSwish(2) });
checkActivation({ name: "silu", fn: silu, module: new SiLU(), value: (z) => z * sigma(z), derivative: dSwish(1) });

describe("learned β", () => {
  test("β is a parameter; ∂/∂β Σ zσ(βz) = Σ z²σ(βz)(1 − σ(βz)), and gradcheck", () => {
    const m = new Swish({ beta: 1.5, learnable: true });
    expect(m.parameters()).toHaveLength(1);
    expect(m.toString()).toBe("Swish(beta=learnable)");
    const x = randomTensor([10]);
    m.forward(x).sum().backward();
    const beta = m.beta as ReturnType<typeof tensor>;
    const expected = Array.from(x.toArray()).reduce((s, z) => s + z * z * sigma(1.5 * z) * (1 - sigma(1.5 * z)), 0);
    expectClose(beta.grad!.toArray(), [expected], { rtol: 1e-13 });
    const b = tensor([0.7], { requiresGrad: true });
    expect(gradcheck((t, bb) => swish(t, bb).sum(), [randomTensor([3, 4], { requiresGrad: true }), b]).ok).toBe(true);
  });

  test("fixed β is not a parameter", () => {
    expect(new Swish().parameters()).toHaveLength(0);
    expect(new Swish().toString()).toBe("Swish(beta=1)");
  });
});
