// The two MNIST-1D models of the acceptance tests and the epoch benchmark, built as the references
// build them, in float32.
//  - mlp(): 40→100→100→10 with ReLU, He-normal weights and zero biases (Prince, Understanding Deep
//    Learning, notebook 8.1 "MNIST-1D performance").
//  - convBase(): greydanus/mnist1d `ConvBase` (notebooks/models.py): Conv1d(1, 25, 5, stride 2,
//    padding 1) → ReLU → Conv1d(25, 25, 3, stride 2, padding 1) → ReLU → Conv1d(25, 25, 3, stride 2,
//    padding 1) → ReLU → flatten (25 channels × 5 positions = 125) → Linear(125, 10); PyTorch's
//    default initialisation. Lengths: 40 → 19 → 10 → 5.

import { RandomState, tensor, type Tensor } from "../../src/index";
import { data, init, nn } from "../../src/index";

/** Reshapes (N, 40) signals to (N, 1, 40) for the convolutions, as ConvBase's x.view(-1, 1, L). */
class ToChannels extends nn.Module {
  forward(x: Tensor): Tensor {
    return x.reshape([x.shape[0], 1, x.shape[1]]);
  }
}

export function mlp(seed: number): nn.Module {
  const generator = new RandomState(seed);
  const model = new nn.Sequential(
    new nn.Linear(40, 100, { dtype: "float32", generator }),
    new nn.ReLU(),
    new nn.Linear(100, 100, { dtype: "float32", generator }),
    new nn.ReLU(),
    new nn.Linear(100, 10, { dtype: "float32", generator }),
  );
  return init.initModule(model, { weight: (w) => init.heNormal_(w, { generator }), bias: (b) => init.zeros_(b) });
}

export function convBase(seed: number): nn.Module {
  const generator = new RandomState(seed);
  const options = { dtype: "float32" as const, generator };
  return new nn.Sequential(
    new ToChannels(),
    new nn.Conv1d(1, 25, 5, { stride: 2, padding: 1, ...options }),
    new nn.ReLU(),
    new nn.Conv1d(25, 25, 3, { stride: 2, padding: 1, ...options }),
    new nn.ReLU(),
    new nn.Conv1d(25, 25, 3, { stride: 2, padding: 1, ...options }),
    new nn.ReLU(),
    new nn.Flatten(),
    new nn.Linear(125, 10, options),
  );
}

/** The default MNIST-1D (4000 train / 1000 test rows of 40 samples) as float32 tensors. */
export function mnist1dF32(): { xTrain: Tensor; yTrain: Int32Array; xTest: Tensor; yTest: Int32Array } {
  const d = data.mnist1d();
  const nTrain = d.yTrain.length;
  const nTest = d.yTest.length;
  return {
    xTrain: tensor(d.xTrain, { dtype: "float32" }).reshape([nTrain, d.length]),
    yTrain: d.yTrain,
    xTest: tensor(d.xTest, { dtype: "float32" }).reshape([nTest, d.length]),
    yTest: d.yTest,
  };
}
