// accuracy against hand counts; evaluate against the whole set in one pass (batching must not
// change the numbers), in eval mode, leaving the model's mode as it was.
import { describe, expect, test } from "vitest";
import { RandomState, losses, nn, noGrad, randn, tensor } from "../../src/index";
import { accuracy, evaluate } from "../../src/train";
import { DataLoader } from "../../src/data";
import { expectClose } from "../helpers/expect-close";

describe("accuracy", () => {
  test("fraction of rows whose argmax is the target; ties go to the first maximum", () => {
    // rows: argmax 0 (hit), 2 (hit), 0 (target 1: miss), tie [1, 1, 0] → 0 (target 0: hit)
    const logits = tensor([[2, 1, 0], [0, 1, 3], [5, 0, 0], [1, 1, 0]]);
    expect(accuracy(logits, new Int32Array([0, 2, 1, 0]))).toBe(3 / 4);
  });

  test("bad input names the problem", () => {
    expect(() => accuracy(tensor([1, 2]), new Int32Array([0]))).toThrow(/\(N, C\).*\[2\]/);
    expect(() => accuracy(tensor([[1, 2]]), new Int32Array([0, 1]))).toThrow(/2 targets for 1 rows/);
    expect(() => accuracy(tensor([[1, 2]]), tensor([0]))).toThrow(/Int32Array/);
  });
});

describe("evaluate", () => {
  const rng = new RandomState(3);
  const x = randn([23, 4], { generator: rng });
  const y = Int32Array.from({ length: 23 }, () => rng.randint(0, 3, 1)[0]);
  const model = new nn.Sequential(new nn.Linear(4, 8, { generator: rng }), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(8, 3, { generator: rng }));

  test("batched loss and accuracy equal one pass over all rows, in eval mode", () => {
    model.train();
    const result = evaluate(model, x, y, { batchSize: 5, loss: (o, t) => losses.crossEntropy(o, t as Int32Array), metrics: { accuracy } });
    model.eval();
    const all = noGrad(() => model.forward(x));
    model.train();
    expectClose([result.loss!], [losses.crossEntropy(all, y).item()], { rtol: 1e-14 });
    expect(result.metrics.accuracy).toBe(accuracy(all, y));
    expect(model.training).toBe(true); // restored
  });

  test("needs y with a tensor and at least one row; an empty data set is named before the model runs", () => {
    expect(() => evaluate(model, x)).toThrow(/targets y must be given/);
    let forwards = 0;
    const counting = new nn.Sequential(model);
    const forward = counting.forward.bind(counting);
    counting.forward = (t) => (forwards++, forward(t));
    expect(() => evaluate(counting, x.slice(0, 0, 0), new Int32Array(0))).toThrow("evaluate: the data set is empty (x has shape [0, 4])");
    expect(() => evaluate(counting, new DataLoader(x, y, { batchSize: 24, dropLast: true }))).toThrow("evaluate: the data set yields no batches: 23 rows, batchSize 24 and dropLast: true");
    expect(forwards).toBe(0);
    expect(() => accuracy(randn([0, 3]), new Int32Array(0))).toThrow("accuracy: no rows (the accuracy of an empty batch is undefined)");
  });
});
