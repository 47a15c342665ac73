// The optimizers in order of increasing complexity, one file each (a lecture opens exactly one file
// to show one algorithm), with the regularisation helpers that act on parameters or gradients
// around a step. Class names are PyTorch's (Adagrad, RMSprop, Adamax); each file's header names the
// notes' item (e.g. "Algorytm 12 — AdaGrad").

export {
  Optimizer, setLr, type BaseHyper, type NamedParameter, type ParamGroup, type ParamsInput, type ParamState, type OptimizerStateDict, type SavedTensor,
} from "./optimizer";
export { NonFiniteGradientError, type ParameterPlace } from "./gradient-check";
export { SGD, type SGDHyper, type SGDOptions, type MomentumStyle } from "./sgd";
export { NormalizedGD, type NormalizedGDHyper, type NormalizedGDOptions } from "./normalized-gd";
export { Adagrad, type AdagradHyper } from "./adagrad";
export { RMSprop, type RMSpropHyper } from "./rmsprop";
export { Adam, type AdamHyper } from "./adam";
export { NAdam, type NAdamHyper } from "./nadam";
export { Adamax, type AdamaxHyper } from "./adamax";
export { AdamW, type AdamWHyper, type AdamWOptions } from "./adamw";
export { decoupledWeightDecay_, l2Penalty, withL2 } from "./weight-decay";
export { clipGradValue_, clipGradNorm_ } from "./clip";
export { maxNorm_ } from "./max-norm";
