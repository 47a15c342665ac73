import { expect, test } from "vitest";
import { poissonNLL } from "../../src/losses/poisson-nll";
import { gradcheck, tensor } from "../../src/index";
import { expectClose } from "../helpers/expect-close";
import { randomTensor } from "../helpers/random-tensor";

test("full Poisson NLL equals −log(λʸe^{−λ}/y!) with λ = e^η; gradient e^η − y", () => {
  const eta = randomTensor([5], { low: -1, high: 2, requiresGrad: true });
  const y = [0, 1, 3, 7, 2];
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const es = Array.from(eta.toArray());
  const expected = es.map((e, i) => -Math.log((Math.exp(e) ** y[i] * Math.exp(-Math.exp(e))) / fact(y[i])));
  expectClose(poissonNLL(eta, y, { full: true, reduction: "none" }).toArray(), expected, { rtol: 1e-13 });
  poissonNLL(eta, y, { reduction: "sum" }).backward();
  expectClose(eta.grad!.toArray(), es.map((e, i) => Math.exp(e) - y[i]), { rtol: 1e-14 });
  expect(gradcheck((t) => poissonNLL(t, y), [eta]).ok).toBe(true);
});

test("non-count targets are named when log y! is needed", () => {
  expect(() => poissonNLL(tensor([0, 0]), [1, 2.5], { full: true })).toThrow("poissonNLL: target 2.5 at flat index 1 is not a non-negative integer count");
});
