// A hand-written MLP training step — forward, backward and SGD written out as plain loops over
// typed arrays around the same gemm kernel — with no tensors and no autograd. It is a second,
// independent implementation: tests compare autograd's gradients with it, and the benchmark compares
// its speed with a deepnotes step to measure what the framework itself costs.
//
// Layer l: Z = H·Ωᵀ + β (Ω is out×in, as in the notes), H' = ReLU(Z); loss = mean cross-entropy.

import type { FloatArray, Kernel } from "../../src/core/kernel";

export interface ManualMlp {
  sizes: number[];
  weights: FloatArray[]; // Ω_l (out, in), row-major
  biases: FloatArray[]; // β_l (out)
  gradWeights: FloatArray[];
  gradBiases: FloatArray[];
}

export function manualMlp(sizes: number[], weights: FloatArray[], biases: FloatArray[]): ManualMlp {
  const like = (a: FloatArray) => (a instanceof Float32Array ? new Float32Array(a.length) : new Float64Array(a.length));
  return { sizes, weights, biases, gradWeights: weights.map(like), gradBiases: biases.map(like) };
}

/** Computes the loss and fills gradWeights/gradBiases; x is (batch, in), labels are class indices. */
export function manualLossAndGrad(mlp: ManualMlp, kernel: Kernel, x: FloatArray, labels: ArrayLike<number>): number {
  const { sizes, weights, biases } = mlp;
  const batch = labels.length;
  const layers = sizes.length - 1;
  const make = (n: number): FloatArray => (x instanceof Float32Array ? new Float32Array(n) : new Float64Array(n));
  const inputs: FloatArray[] = [x]; // H_0 = x, H_l = ReLU(Z_l)
  const preacts: FloatArray[] = []; // Z_l (batch, out)
  for (let l = 0; l < layers; l++) {
    const [nIn, nOut] = [sizes[l], sizes[l + 1]];
    const z = make(batch * nOut);
    kernel.gemm(false, true, batch, nOut, nIn, inputs[l], weights[l], z); // H·Ωᵀ
    for (let i = 0; i < batch; i++) for (let j = 0; j < nOut; j++) z[i * nOut + j] += biases[l][j];
    preacts.push(z);
    if (l + 1 < layers) inputs.push(z.map((v) => (v > 0 ? v : 0)));
  }
  // loss = mean_i (logsumexp(z_i) − z_i[label]);  ∂loss/∂z_i = (softmax(z_i) − onehot_i) / batch
  const classes = sizes[layers];
  const logits = preacts[layers - 1];
  let dz = make(batch * classes);
  let loss = 0;
  for (let i = 0; i < batch; i++) {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    let m = -Infinity;
    for (const v of row) m = Math.max(m, v);
    let s = 0;
    for (const v of row) s += Math.exp(v - m);
    loss += m + Math.log(s) - row[labels[i]];
    for (let j = 0; j < classes; j++) dz[i * classes + j] = (Math.exp(row[j] - m) / s - (j === labels[i] ? 1 : 0)) / batch;
  }
  for (let l = layers - 1; l >= 0; l--) {
    const [nIn, nOut] = [sizes[l], sizes[l + 1]];
    kernel.gemm(true, false, nOut, nIn, batch, dz, inputs[l], mlp.gradWeights[l]); // ∂Ω = ∂Zᵀ·H
    const gb = mlp.gradBiases[l];
    gb.fill(0);
    for (let i = 0; i < batch; i++) for (let j = 0; j < nOut; j++) gb[j] += dz[i * nOut + j]; // ∂β = Σ_i ∂Z_i
    if (l === 0) break;
    const dh = make(batch * nIn);
    kernel.gemm(false, false, batch, nIn, nOut, dz, weights[l], dh); // ∂H = ∂Z·Ω
    const zPrev = preacts[l - 1];
    for (let k = 0; k < dh.length; k++) if (!(zPrev[k] > 0)) dh[k] = 0; // ReLU'
    dz = dh;
  }
  return loss / batch;
}

/** Ω ← Ω − lr·∂Ω, β ← β − lr·∂β */
export function manualSgdStep(mlp: ManualMlp, kernel: Kernel, x: FloatArray, labels: ArrayLike<number>, lr: number): number {
  const loss = manualLossAndGrad(mlp, kernel, x, labels);
  mlp.weights.forEach((w, l) => {
    const g = mlp.gradWeights[l];
    for (let k = 0; k < w.length; k++) w[k] -= lr * g[k];
  });
  mlp.biases.forEach((b, l) => {
    const g = mlp.gradBiases[l];
    for (let k = 0; k < b.length; k++) b[k] -= lr * g[k];
  });
  return loss;
}
