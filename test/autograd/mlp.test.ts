// End to end: the gradients autograd computes for an MLP with a softmax cross-entropy loss equal those
// of an independent hand-written backward pass (test/helpers/manual-mlp.ts), and 20 SGD steps follow
// the same trajectory — on both kernels and in both dtypes.
import { describe, expect, test } from "vitest";
import { referenceKernel, setKernel, wasmKernel } from "../../src/index";
import { makeProblem, mlpLoss, sgdStep } from "../bench/train-step";
import { manualLossAndGrad, manualMlp, manualSgdStep } from "../helpers/manual-mlp";
import { expectClose } from "../helpers/expect-close";

describe.each([wasmKernel, referenceKernel])("MLP training step on the $name kernel", (kernel) => {
  describe.each(["float64", "float32"] as const)("%s", (dtype) => {
    const tol = dtype === "float64" ? { rtol: 1e-10, atol: 1e-13 } : { rtol: 1e-5, atol: 1e-6 };

    test("autograd gradients equal the hand-written backward pass", () => {
      setKernel(kernel);
      const problem = makeProblem([40, 16, 12, 10], 25, dtype, 3);
      const loss = mlpLoss(problem.x, problem.labels, problem.params);
      loss.backward();
      const weights = problem.params.filter((_, i) => i % 2 === 0).map((p) => p.toArray().slice());
      const biases = problem.params.filter((_, i) => i % 2 === 1).map((p) => p.toArray().slice());
      const mlp = manualMlp(problem.sizes, weights, biases);
      const manualLoss = manualLossAndGrad(mlp, kernel, problem.x.toArray(), problem.labels);
      expectClose([loss.item()], [manualLoss], tol);
      problem.params.forEach((p, i) => {
        const expected = i % 2 === 0 ? mlp.gradWeights[i / 2] : mlp.gradBiases[(i - 1) / 2];
        expectClose(p.grad!.toArray(), expected, tol);
      });
      setKernel("wasm");
    });

    test("20 SGD steps follow the hand-written trajectory", () => {
      setKernel(kernel);
      const problem = makeProblem([40, 8, 8, 10], 20, dtype, 4, 0.1);
      const weights = problem.params.filter((_, i) => i % 2 === 0).map((p) => p.toArray().slice());
      const biases = problem.params.filter((_, i) => i % 2 === 1).map((p) => p.toArray().slice());
      const mlp = manualMlp(problem.sizes, weights, biases);
      const x = problem.x.toArray();
      const losses: number[] = [];
      const manualLosses: number[] = [];
      for (let step = 0; step < 20; step++) {
        losses.push(sgdStep(problem));
        manualLosses.push(manualSgdStep(mlp, kernel, x, problem.labels, 0.1));
      }
      expectClose(losses, manualLosses, tol);
      expect(losses[19]).toBeLessThan(losses[0]);
      expectClose(problem.params[0].toArray(), mlp.weights[0], tol);
      setKernel("wasm");
    });
  });
});
