// The functional layer API (torch.nn.functional's linear, conv1d, conv2d, conv_transpose1d,
// max_pool1d …): stateless functions that take the weights as arguments. The modules in ./linear.ts,
// ./conv.ts and ./pool.ts
// hold the weights and call these.

export { linear } from "../autograd/primitives/linear";
export { conv1d, conv2d, type Conv1dOptions, type Conv2dOptions } from "../autograd/primitives/conv";
export {
  convTranspose1d, convTranspose2d, type ConvTranspose1dOptions, type ConvTranspose2dOptions,
} from "../autograd/primitives/conv-transpose";
export {
  maxPool1d, maxPool2d, avgPool1d, avgPool2d,
  type Pool1dOptions, type Pool2dOptions, type AvgPoolOptions,
} from "../autograd/primitives/pool";
export type { IntOrPair } from "../autograd/primitives/window";
