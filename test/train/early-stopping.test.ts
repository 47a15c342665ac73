// Algorytm 18 — early stopping. The stopping epoch against a plain re-implementation of Keras's
// rule applied to the recorded values, restoreBest against the weights saved at the best epoch, and
// the notes' own rule (stop when the training loss reaches a fixed value).
import { describe, expect, test } from "vitest";
import { RandomState, losses, nn, optim, randn, type Tensor } from "../../src/index";
import { EarlyStopping, fit, type EpochLog, type History } from "../../src/train";

const ce = (o: Tensor, t: Int32Array | Tensor) => losses.crossEntropy(o, t);

/** Keras's rule written out: the first epoch that is `patience` epochs past the last improvement. */
function kerasStopEpoch(values: number[], patience: number, minDelta: number): number | null {
  let best = Infinity;
  let wait = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < best - minDelta || i === 0) {
      best = values[i];
      wait = 0;
    } else if (++wait >= patience) return i + 1;
  }
  return null;
}

function log(epoch: number, valLoss: number): EpochLog {
  return { epoch, trainLoss: 0, trainMetrics: {}, valLoss, valMetrics: { accuracy: 1 - valLoss }, lr: 0.1, seconds: 0 };
}

function replay(stopper: EarlyStopping, values: number[]): number | null {
  const model = new nn.Linear(1, 1);
  const history: History = { epochs: [], stepLosses: [], stoppedEarly: false, bestEpoch: 0 };
  for (let i = 0; i < values.length; i++) {
    let stopped = false;
    history.epochs.push(log(i + 1, values[i]));
    stopper.onEpochEnd({ model, history, log: history.epochs[i], stop: () => (stopped = true) });
    if (stopped) return i + 1;
  }
  return null;
}

describe("EarlyStopping on a scripted validation curve", () => {
  const curve = [5, 4, 3, 3.05, 2.99, 3.2, 3.1, 3.3, 2.5];

  test.each([[1, 0], [2, 0], [3, 0], [2, 0.05], [3, 0.05]])("patience %i, minDelta %f: stops where Keras's rule does", (patience, minDelta) => {
    const stopper = new EarlyStopping({ patience, minDelta, restoreBest: false });
    expect(replay(stopper, curve)).toBe(kerasStopEpoch(curve, patience, minDelta));
  });

  test("monitor val.accuracy defaults to mode max", () => {
    const stopper = new EarlyStopping({ monitor: "val.accuracy", patience: 2 });
    expect(stopper.mode).toBe("max");
    expect(replay(stopper, curve)).toBe(kerasStopEpoch(curve, 2, 0)); // accuracy = 1 − loss: the same epochs
    expect(stopper.bestEpoch).toBe(5);
  });

  test("stopAt: the notes' rule stops as soon as the value reaches the threshold", () => {
    expect(replay(new EarlyStopping({ stopAt: 3, patience: 100 }), curve)).toBe(3);
  });

  test("bad options and a missing monitored value are named", () => {
    expect(() => new EarlyStopping({ patience: 0 })).toThrow(/patience must be a positive integer \(got 0\)/);
    expect(() => new EarlyStopping({ minDelta: -1 })).toThrow(/minDelta .*\(got -1\)/);
    const stopper = new EarlyStopping({ monitor: "val.f1" });
    expect(() => replay(stopper, [1])).toThrow(/epoch 1 has no "val.f1"/);
  });
});

describe("EarlyStopping inside fit", () => {
  test("an overfitting network stops, records bestEpoch and gets the best weights back", () => {
    // 20 training rows with random labels and a wide network: the validation loss on other random
    // labels falls briefly (the bias learns the class frequencies) and then rises as it memorises.
    const rng = new RandomState(11);
    const x = randn([20, 5], { generator: rng });
    const y = Int32Array.from({ length: 20 }, () => rng.randint(0, 3, 1)[0]);
    const xv = randn([40, 5], { generator: rng });
    const yv = Int32Array.from({ length: 40 }, () => rng.randint(0, 3, 1)[0]);
    const model = new nn.Sequential(new nn.Linear(5, 64, { generator: rng }), new nn.ReLU(), new nn.Linear(64, 3, { generator: rng }));
    const saved: number[][] = [];
    const snapshot = { onEpochEnd: () => void saved.push(model.parameters().flatMap((p) => Array.from(p.toArray()))) };
    const patience = 4;
    const history = fit(model, {
      train: { x, y }, validation: { x: xv, y: yv }, loss: ce, optimizer: new optim.Adam(model.parameters(), { lr: 0.01 }),
      epochs: 200, batchSize: 20, progress: false, callbacks: [snapshot, new EarlyStopping({ patience })],
    });
    const values = history.epochs.map((e) => e.valLoss!);
    const expectedStop = kerasStopEpoch(values, patience, 0);
    expect(expectedStop).not.toBeNull();
    expect(history.epochs.length).toBe(expectedStop);
    expect(history.stoppedEarly).toBe(true);
    expect(history.bestEpoch).toBe(values.indexOf(Math.min(...values)) + 1);
    expect(model.parameters().flatMap((p) => Array.from(p.toArray()))).toEqual(saved[history.bestEpoch - 1]);
  });
});
