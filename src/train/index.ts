// Training utilities: the fit loop with its history and divergence error, metrics
// and batched evaluation, the dead-unit count (dying ReLU), early stopping (Algorytm 18), ensembles
// (Algorytm 19) and noise (Algorytm 22). src/index.ts re-exports this folder as `train`.

export { fit, epochStatus, type FitOptions, type Dataset } from "./fit";
export { TrainingDivergedError, type History, type EpochLog, type Callback, type CallbackContext } from "./history";
export { accuracy, evaluate, type Targets, type LossFn, type Metric, type EvaluateOptions, type Evaluation } from "./metrics";
export { deadUnits, type DeadUnitsOptions, type DeadUnitsReport, type LayerDeadUnits } from "./dead-units";
export { EarlyStopping, type EarlyStoppingOptions, type Monitor } from "./early-stopping";
export { trainEnsemble, ensemblePredict, predict, type Ensemble, type EnsembleOptions, type EnsemblePredictOptions } from "./ensemble";
export { addInputNoise, addLabelNoise, type LabelNoiseOptions, type NoisyLabels } from "./noise";
