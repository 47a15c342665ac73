// fit against a plain hand-written loop (same batches, same updates: identical bits), against the
// least-squares closed form, and for its bookkeeping: seeds, schedules, validation, divergence.
import { describe, expect, test } from "vitest";
import { RandomState, losses, nn, noGrad, optim, randn, schedules, tensor, type Tensor } from "../../src/index";
import { DataLoader } from "../../src/data";
import { TrainingDivergedError, accuracy, epochStatus, evaluate, fit } from "../../src/train";
import { expectClose } from "../helpers/expect-close";

const ce = (o: Tensor, t: Int32Array | Tensor) => losses.crossEntropy(o, t);

function problem(seed: number) {
  const rng = new RandomState(seed);
  const x = randn([30, 3], { generator: rng });
  const y = Int32Array.from({ length: 30 }, () => rng.randint(0, 4, 1)[0]);
  const model = new nn.Sequential(new nn.Linear(3, 6, { generator: rng }), new nn.ReLU(), new nn.Linear(6, 4, { generator: rng }));
  return { x, y, model };
}

const params = (m: nn.Module) => m.parameters().flatMap((p) => Array.from(p.toArray()));

describe("fit", () => {
  test("equals the plain loop: DataLoader(seed) batches, zeroGrad, backward, step", () => {
    const a = problem(1);
    const history = fit(a.model, {
      train: { x: a.x, y: a.y }, loss: ce, optimizer: new optim.SGD(a.model.parameters(), { lr: 0.1, momentum: 0.9 }),
      epochs: 3, batchSize: 8, seed: 5, progress: false,
    });
    const b = problem(1);
    const opt = new optim.SGD(b.model.parameters(), { lr: 0.1, momentum: 0.9 });
    const loader = new DataLoader(b.x, b.y, { batchSize: 8, shuffle: true, seed: 5 });
    const epochLosses: number[] = [];
    for (let e = 0; e < 3; e++) {
      let sum = 0;
      for (const batch of loader) {
        opt.zeroGrad();
        const loss = losses.crossEntropy(b.model.forward(batch.x), batch.y);
        sum += batch.x.shape[0] * loss.item();
        loss.backward();
        opt.step();
      }
      epochLosses.push(sum / 30);
    }
    expect(params(a.model)).toEqual(params(b.model)); // the same bits
    expectClose(history.epochs.map((e) => e.trainLoss), epochLosses, { rtol: 1e-15 });
    expect(history.stepLosses.length).toBe(3 * 4);
    expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
  });

  test("full-batch gradient descent on a line reaches the least-squares fit y = 3x + 1", () => {
    const model = new nn.Linear(1, 1, { generator: new RandomState(0) });
    const x = tensor([[-1], [-0.5], [0], [0.5], [1]]);
    const y = tensor([[-2], [-0.5], [1], [2.5], [4]]); // exactly 3x + 1
    fit(model, { train: { x, y }, loss: (o, t) => losses.mse(o, t), optimizer: new optim.SGD(model.parameters(), { lr: 0.5 }), epochs: 300, batchSize: 5, progress: false });
    expectClose([model.weight.item(), model.bias!.item()], [3, 1], { atol: 1e-10 });
  });

  test("the same seed gives the same bits; another seed other batches", () => {
    const run = (seed: number) => {
      const p = problem(2);
      const h = fit(p.model, { train: { x: p.x, y: p.y }, loss: ce, optimizer: new optim.Adam(p.model.parameters(), { lr: 0.01 }), epochs: 2, batchSize: 7, seed, progress: false });
      return [...params(p.model), ...h.stepLosses];
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  test("schedule(step) gets every global step 0, 1, … once, before that step", () => {
    const p = problem(3);
    const seen: number[] = [];
    const opt = new optim.SGD(p.model.parameters(), { lr: 1 });
    const decay = schedules.exponential({ lr0: 0.1, gamma: 0.9 });
    const history = fit(p.model, {
      train: { x: p.x, y: p.y }, loss: ce, optimizer: opt, epochs: 2, batchSize: 10, progress: false,
      schedule: (step) => (seen.push(step), decay(step)),
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expectClose(history.epochs.map((e) => e.lr), [0.1 * 0.9 ** 2, 0.1 * 0.9 ** 5], { rtol: 1e-15 });
  });

  test("validation: valLoss and valMetrics equal evaluate() of the final model; bestEpoch is the lowest valLoss", () => {
    const p = problem(4);
    const v = problem(5);
    const history = fit(p.model, {
      train: { x: p.x, y: p.y }, validation: { x: v.x, y: v.y }, loss: ce, metrics: { accuracy },
      optimizer: new optim.SGD(p.model.parameters(), { lr: 0.2 }), epochs: 4, batchSize: 10, validationBatchSize: 7, progress: false,
    });
    const last = history.epochs[3];
    const check = evaluate(p.model, v.x, v.y, { batchSize: 30, loss: ce, metrics: { accuracy } });
    expectClose([last.valLoss!], [check.loss!], { rtol: 1e-14 });
    expect(last.valMetrics!.accuracy).toBe(check.metrics.accuracy);
    const losses_ = history.epochs.map((e) => e.valLoss!);
    expect(history.bestEpoch).toBe(losses_.indexOf(Math.min(...losses_)) + 1);
    expect(history.stoppedEarly).toBe(false);
  });

  test("validation runs in eval mode (dropout off), training in train mode", () => {
    const p = problem(6);
    const modes: boolean[] = [];
    class Spy extends nn.Module {
      forward(x: Tensor) {
        modes.push(this.training);
        return x;
      }
    }
    const model = new nn.Sequential(p.model, new Spy());
    fit(model, { train: { x: p.x, y: p.y }, validation: { x: p.x, y: p.y }, loss: ce, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }), epochs: 1, batchSize: 15, progress: false });
    expect(modes).toEqual([true, true, false]);
  });

  test("a NaN loss throws TrainingDivergedError naming epoch, step and lr, with the history so far", () => {
    const p = problem(7);
    let calls = 0;
    const poisoned = (o: Tensor, t: Int32Array | Tensor) => (++calls === 7 ? ce(o, t).mul(NaN) : ce(o, t));
    const before: number[] = [];
    let error: unknown;
    try {
      fit(p.model, {
        train: { x: p.x, y: p.y }, loss: poisoned, optimizer: new optim.SGD(p.model.parameters(), { lr: 0.1 }),
        epochs: 5, batchSize: 10, progress: false,
        callbacks: [{ onEpochEnd: () => void before.push(...params(p.model)) }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const d = error as TrainingDivergedError;
    // 3 batches per epoch: calls 1–3 are epoch 1, 4–6 epoch 2, the 7th (global step 6) opens epoch 3
    expect(d.message).toBe("training diverged: the loss is NaN at epoch 3, step 6 of the run (epochs count from 1, steps from 0 as schedules see them; lr 0.1)");
    expect([d.epoch, d.step, d.lr]).toEqual([3, 6, 0.1]);
    expect(d.history.epochs.length).toBe(2);
    expect(d.history.stepLosses.length).toBe(7);
    expect(Number.isNaN(d.history.stepLosses[6])).toBe(true);
    expect(params(p.model)).toEqual(before.slice(before.length / 2)); // no update from the NaN batch
  });

  test("a finite loss with a NaN or infinite gradient: TrainingDivergedError names the parameter, and nothing was updated", () => {
    // √(x·w) at w = 0 is 0 (a finite loss) with derivative x/(2√(xw)) = +∞, so ∂loss/∂w = −∞.
    class SqrtModel extends nn.Module {
      readonly w = this.registerParameter("w", tensor([0]));
      forward(x: Tensor): Tensor {
        return x.mul(this.w).sqrt();
      }
    }
    const x = tensor([[1], [2], [3]]);
    const y = tensor([[1], [1], [1]]);
    const mse = (o: Tensor, t: Int32Array | Tensor) => losses.mse(o, t as Tensor);
    const extra = tensor([5]).requiresGrad_(true); // not in the model, so it has no name there
    for (const [optimizer, named] of [
      [(m: SqrtModel) => new optim.SGD(m.namedParameters(), { lr: 0.1 }), 'parameter "w"'],
      [(m: SqrtModel) => new optim.SGD(m.parameters(), { lr: 0.1 }), 'parameter "w"'], // looked up in the model
      [(m: SqrtModel) => new optim.Adam([{ params: [extra] }, { params: m.parameters() }], { lr: 0.1 }), 'parameter "w"'],
    ] as const) {
      const model = new SqrtModel();
      let error: unknown;
      try {
        fit(model, { train: { x, y }, loss: mse, optimizer: optimizer(model), epochs: 2, batchSize: 3, progress: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TrainingDivergedError);
      expect((error as Error).message).toBe(`training diverged: the loss is 1 but the gradient of ${named} has a -Infinity entry at epoch 1, step 0 of the run (epochs count from 1, steps from 0 as schedules see them; lr 0.1)`);
      expect((error as TrainingDivergedError).gradient).toEqual({ parameter: named, value: -Infinity });
      expect(model.w.item()).toBe(0);
    }
    // an optimizer parameter the model does not own is named by its place in the optimizer
    const model = new SqrtModel();
    const w = tensor([0]).requiresGrad_(true);
    const outsider = (o: Tensor, t: Int32Array | Tensor) => losses.mse(o.add(x.mul(w).sqrt()), t as Tensor);
    expect(() => fit(model, { train: { x, y }, loss: outsider, optimizer: new optim.SGD([{ params: [w] }], { lr: 0.1 }), epochs: 1, batchSize: 3, progress: false }))
      .toThrow("training diverged: the loss is 1 but the gradient of parameter 0 of group 0 has a -Infinity entry at epoch 1, step 0 of the run (epochs count from 1, steps from 0 as schedules see them; lr 0.1)");
  });

  test("a real divergence (lr far too large) is caught as well", () => {
    const model = new nn.Linear(1, 1, { generator: new RandomState(0) });
    const x = tensor([[10], [20], [30]]);
    const y = tensor([[1], [2], [3]]);
    expect(() => fit(model, { train: { x, y }, loss: (o, t) => losses.mse(o, t), optimizer: new optim.SGD(model.parameters(), { lr: 10 }), epochs: 1000, batchSize: 3, progress: false }))
      .toThrow(/^training diverged: the loss is (NaN|Infinity) at epoch \d+, step \d+ of the run \(epochs count from 1, steps from 0 as schedules see them; lr 10\)$/);
  });

  test("bad options are named", () => {
    const p = problem(8);
    const base = { loss: ce, optimizer: new optim.SGD(p.model.parameters(), { lr: 0.1 }), progress: false };
    expect(() => fit(p.model, { ...base, train: { x: p.x, y: p.y }, epochs: 0, batchSize: 5 })).toThrow(/epochs must be a positive integer \(got 0\)/);
    expect(() => fit(p.model, { ...base, train: { x: p.x, y: p.y }, epochs: 1 })).toThrow(/batchSize must be given/);
    expect(() => fit(p.model, { ...base, train: new DataLoader(p.x, p.y, { batchSize: 5 }), epochs: 1, batchSize: 5 })).toThrow(/batchSize \(5\) is set on the DataLoader/);
  });

  test("an empty training or validation set is a named error before any work: no step, no parameter changed", () => {
    const p = problem(10);
    const before = params(p.model);
    let steps = 0;
    const base = { loss: ce, optimizer: new optim.SGD(p.model.parameters(), { lr: 0.1 }), epochs: 2, progress: false, schedule: () => (steps++, 0.1) };
    const empty = { x: p.x.slice(0, 0, 0), y: new Int32Array(0) }; // x (0, 3)
    expect(() => fit(p.model, { ...base, train: empty, batchSize: 8 })).toThrow("fit: the training set is empty (x has shape [0, 3])");
    expect(() => fit(p.model, { ...base, train: new DataLoader(empty.x, empty.y, { batchSize: 8, shuffle: true }) })).toThrow("fit: the training set is empty (x has shape [0, 3])");
    expect(() => fit(p.model, { ...base, train: new DataLoader(p.x, p.y, { batchSize: 31, dropLast: true }) })).toThrow(
      "fit: the training set yields no batches: 30 rows, batchSize 31 and dropLast: true",
    );
    expect(() => fit(p.model, { ...base, train: { x: p.x, y: p.y }, validation: empty, batchSize: 8 })).toThrow("fit: the validation set is empty (x has shape [0, 3])");
    expect(steps).toBe(0);
    expect(params(p.model)).toEqual(before);
  });

  test("a batchSize larger than the data set gives one batch per epoch", () => {
    const p = problem(11);
    const history = fit(p.model, { train: { x: p.x, y: p.y }, loss: ce, optimizer: new optim.SGD(p.model.parameters(), { lr: 0.1 }), epochs: 2, batchSize: 100, progress: false });
    expect(history.stepLosses.length).toBe(2);
  });

  test("the progress status reads 'loss 0.1234 · val loss … · val acc 61.2 %'", () => {
    const status = epochStatus({ epoch: 1, trainLoss: 0.12344, trainMetrics: {}, valLoss: 1.5, valMetrics: { accuracy: 0.6123 }, lr: 0.1, seconds: 1 });
    expect(status).toBe("loss 0.1234 · val loss 1.5000 · val acc 61.2 %");
  });

  test("float32 models train in float32", () => {
    const p = problem(9);
    const model = new nn.Linear(3, 4, { dtype: "float32", generator: new RandomState(0) });
    fit(model, { train: { x: p.x.float(), y: p.y }, loss: ce, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }), epochs: 1, batchSize: 10, progress: false });
    expect(model.weight.dtype).toBe("float32");
    noGrad(() => expect(model.forward(p.x.float()).dtype).toBe("float32"));
  });
});
