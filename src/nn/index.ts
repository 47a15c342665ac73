// Neural-network building blocks: the Module tree, layers, activations, normalisation and dropout.

export { Module, type StateDict, type StateEntry } from "./module";
export { Linear, type LinearOptions } from "./linear";
export { Sequential } from "./sequential";
export { Flatten } from "./flatten";
export { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d, type ConvLayerOptions } from "./conv";
export { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d } from "./pool";
export { linear, conv1d, conv2d, convTranspose1d, convTranspose2d, maxPool1d, maxPool2d, avgPool1d, avgPool2d } from "./functional-conv";
export { BatchNorm1d, foldBatchNorm, type BatchNormOptions } from "./batchnorm";
export { Dropout, dropout, mcDropoutPredict, type DropoutMode, type DropoutOptions } from "./dropout";

export { ReLU, relu } from "./activations/relu";
export { LeakyReLU, leakyRelu } from "./activations/leaky-relu";
export { RReLU, rrelu, type RReLUOptions } from "./activations/rrelu";
export { PReLU, prelu } from "./activations/prelu";
export { ELU, elu } from "./activations/elu";
export { SELU, selu, SELU_CONSTANTS, type SeluConstants } from "./activations/selu";
export { GELU, gelu, type GeluApproximation } from "./activations/gelu";
export { Swish, SiLU, swish, silu, type SwishOptions } from "./activations/swish";
export { Softplus, softplus } from "./activations/softplus";
export { Mish, mish } from "./activations/mish";
export { LogSigmoid, logSigmoid } from "./activations/log-sigmoid";
export { Sigmoid, sigmoid } from "./activations/sigmoid";
export { Tanh, tanh } from "./activations/tanh";
export { Softmax, LogSoftmax, softmax, logSoftmax } from "./activations/softmax";
