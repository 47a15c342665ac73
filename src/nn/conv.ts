// Conv1d and Conv2d layers: a weight (C_out, C_in, K…) and a bias (C_out) initialised as PyTorch does,
// and a forward pass that calls the functional conv1d / conv2d (./functional-conv.ts); ConvTranspose1d
// and ConvTranspose2d likewise, with a weight (C_in, C_out, K…) as in PyTorch (the layout of the
// convolution they are the transpose of), for up-sampling (UDL §10.4.2).
//
// Initialisation (PyTorch's reset_parameters): Kaiming-uniform with a = √5, i.e. gain √(2 / (1 + a²))
// = √(1/3) and bound gain·√(3 / fanIn) = 1/√fanIn, so W ~ U(−1/√fanIn, 1/√fanIn) with
// fanIn = C_in·K (1-D) or C_in·KH·KW (2-D) — for a transposed convolution C_out·K…, because PyTorch
// reads the fan-in off dimension 1 of the weight; the bias is drawn from the same interval. He et al. 2015,
// "Delving deep into rectifiers". The weight is drawn first, then the bias, each in row-major order,
// by init's uniform_ with init's fan-in (the fills Linear and initModule use too).

import type { RandomState } from "../data/random";
import { uniform_ } from "../init/basic";
import { fans } from "../init/fan";
import type { DType } from "../tensor/dtype";
import { zeros } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";
import { checkInt, pairOf, type IntOrPair } from "../autograd/primitives/window";
import { conv1d, conv2d, convTranspose1d, convTranspose2d } from "./functional-conv";
import { Module } from "./module";

export interface ConvLayerOptions {
  /** Learn an additive bias per output channel (default true). */
  bias?: boolean;
  /** Element type of the parameters (default float64). */
  dtype?: DType;
  /** Generator for the initial weights (default: the library's default generator, see manualSeed). */
  generator?: RandomState;
}

/**
 * 1-D convolution layer: (N, C_in, L) → (N, C_out, L_out).
 * @example
 * const conv = new nn.Conv1d(1, 25, 5, { stride: 2, padding: 1 });   // the first layer of the MNIST-1D CNN
 * const y = conv.forward(zeros([100, 1, 40]));
 * expect(y.shape).toEqual([100, 25, 19]);
 * expect(conv.parameters().map((p) => p.shape)).toEqual([[25, 1, 5], [25]]);
 */
export class Conv1d extends Module {
  readonly weight: Tensor; // (C_out, C_in, K)
  readonly bias: Tensor | null; // (C_out)
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    options: { stride?: number; padding?: number; dilation?: number } & ConvLayerOptions = {},
  ) {
    super();
    const op = "Conv1d";
    checkInt(op, "inChannels", inChannels, 1);
    checkInt(op, "outChannels", outChannels, 1);
    checkInt(op, "kernelSize", kernelSize, 1);
    this.stride = checkInt(op, "stride", options.stride ?? 1, 1);
    this.padding = checkInt(op, "padding", options.padding ?? 0, 0);
    this.dilation = checkInt(op, "dilation", options.dilation ?? 1, 1);
    const { weight, bias } = initConv([outChannels, inChannels, kernelSize], outChannels, options);
    this.weight = this.registerParameter("weight", weight);
    this.bias = bias === null ? null : this.registerParameter("bias", bias);
  }

  forward(x: Tensor): Tensor {
    return conv1d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }
}

/**
 * 2-D convolution layer: (N, C_in, H, W) → (N, C_out, OH, OW).
 * @example
 * const conv = new nn.Conv2d(3, 16, 3, { padding: 1 });
 * expect(conv.forward(zeros([2, 3, 8, 8])).shape).toEqual([2, 16, 8, 8]);
 * expect(conv.weight.shape).toEqual([16, 3, 3, 3]);
 */
export class Conv2d extends Module {
  readonly weight: Tensor; // (C_out, C_in, KH, KW)
  readonly bias: Tensor | null; // (C_out)
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: IntOrPair,
    options: { stride?: IntOrPair; padding?: IntOrPair; dilation?: IntOrPair } & ConvLayerOptions = {},
  ) {
    super();
    const op = "Conv2d";
    checkInt(op, "inChannels", inChannels, 1);
    checkInt(op, "outChannels", outChannels, 1);
    this.kernelSize = pairOf(op, "kernelSize", kernelSize, 1);
    this.stride = pairOf(op, "stride", options.stride ?? 1, 1);
    this.padding = pairOf(op, "padding", options.padding ?? 0, 0);
    this.dilation = pairOf(op, "dilation", options.dilation ?? 1, 1);
    const { weight, bias } = initConv([outChannels, inChannels, ...this.kernelSize], outChannels, options);
    this.weight = this.registerParameter("weight", weight);
    this.bias = bias === null ? null : this.registerParameter("bias", bias);
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }
}

/**
 * 1-D transposed convolution layer (up-sampling): (N, C_in, L) → (N, C_out, L_out),
 * L_out = (L − 1)·stride − 2·padding + dilation·(K − 1) + outputPadding + 1.
 * @example
 * const up = new nn.ConvTranspose1d(8, 4, 4, { stride: 2, padding: 1 });   // doubles the length
 * expect(up.forward(zeros([2, 8, 10])).shape).toEqual([2, 4, 20]);
 * expect(up.weight.shape).toEqual([8, 4, 4]);
 */
export class ConvTranspose1d extends Module {
  readonly weight: Tensor; // (C_in, C_out, K)
  readonly bias: Tensor | null; // (C_out)
  readonly stride: number;
  readonly padding: number;
  readonly outputPadding: number;
  readonly dilation: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    options: { stride?: number; padding?: number; outputPadding?: number; dilation?: number } & ConvLayerOptions = {},
  ) {
    super();
    const op = "ConvTranspose1d";
    checkInt(op, "inChannels", inChannels, 1);
    checkInt(op, "outChannels", outChannels, 1);
    checkInt(op, "kernelSize", kernelSize, 1);
    this.stride = checkInt(op, "stride", options.stride ?? 1, 1);
    this.padding = checkInt(op, "padding", options.padding ?? 0, 0);
    this.outputPadding = checkInt(op, "outputPadding", options.outputPadding ?? 0, 0);
    this.dilation = checkInt(op, "dilation", options.dilation ?? 1, 1);
    const { weight, bias } = initConv([inChannels, outChannels, kernelSize], outChannels, options);
    this.weight = this.registerParameter("weight", weight);
    this.bias = bias === null ? null : this.registerParameter("bias", bias);
  }

  forward(x: Tensor): Tensor {
    return convTranspose1d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, outputPadding: this.outputPadding, dilation: this.dilation });
  }
}

/**
 * 2-D transposed convolution layer (up-sampling): (N, C_in, H, W) → (N, C_out, OH, OW), each size as in ConvTranspose1d.
 * @example
 * const up = new nn.ConvTranspose2d(16, 8, 2, { stride: 2 });               // 7×7 → 14×14
 * expect(up.forward(zeros([1, 16, 7, 7])).shape).toEqual([1, 8, 14, 14]);
 * expect(up.parameters().map((p) => p.numel())).toEqual([16 * 8 * 2 * 2, 8]);
 */
export class ConvTranspose2d extends Module {
  readonly weight: Tensor; // (C_in, C_out, KH, KW)
  readonly bias: Tensor | null; // (C_out)
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: IntOrPair,
    options: { stride?: IntOrPair; padding?: IntOrPair; outputPadding?: IntOrPair; dilation?: IntOrPair } & ConvLayerOptions = {},
  ) {
    super();
    const op = "ConvTranspose2d";
    checkInt(op, "inChannels", inChannels, 1);
    checkInt(op, "outChannels", outChannels, 1);
    this.kernelSize = pairOf(op, "kernelSize", kernelSize, 1);
    this.stride = pairOf(op, "stride", options.stride ?? 1, 1);
    this.padding = pairOf(op, "padding", options.padding ?? 0, 0);
    this.outputPadding = pairOf(op, "outputPadding", options.outputPadding ?? 0, 0);
    this.dilation = pairOf(op, "dilation", options.dilation ?? 1, 1);
    const { weight, bias } = initConv([inChannels, outChannels, ...this.kernelSize], outChannels, options);
    this.weight = this.registerParameter("weight", weight);
    this.bias = bias === null ? null : this.registerParameter("bias", bias);
  }

  forward(x: Tensor): Tensor {
    return convTranspose2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, outputPadding: this.outputPadding, dilation: this.dilation });
  }
}

/** W, b ~ U(−1/√fanIn, 1/√fanIn), fanIn = weight.shape[1]·(kernel size), b of length channelsOut; weight drawn before bias. */
function initConv(weightShape: number[], channelsOut: number, options: ConvLayerOptions): { weight: Tensor; bias: Tensor | null } {
  const dtype = options.dtype;
  const weight = zeros(weightShape, { dtype }); // (C_out, C_in, K…), or (C_in, C_out, K…) when transposed
  const bound = 1 / Math.sqrt(fans(weight).fanIn);
  uniform_(weight, -bound, bound, options);
  const bias = options.bias === false ? null : uniform_(zeros([channelsOut], { dtype }), -bound, bound, options); // (C_out)
  return { weight, bias };
}
