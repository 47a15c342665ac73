// Learning-rate schedules (the notes' list, lecture 4): pure functions step ↦ lr (they return a
// number and never touch an optimizer), the stateful plateau rule, and the LR range test that picks
// the constant α. Apply a number to an optimizer with setLr(optimizer, schedule(step)).

export { constant } from "./constant";
export { power, type PowerOptions } from "./power";
export { exponential, type ExponentialOptions } from "./exponential";
export { piecewiseConstant, type PiecewiseConstantOptions } from "./piecewise-constant";
export { oneCycle, type OneCycleOptions } from "./one-cycle";
export { ReduceLROnPlateau, type PlateauOptions } from "./plateau";
export { lrFinder, type LrFinderOptions, type LrFinderResult } from "./lr-finder";
export { setLr } from "../optim/optimizer";
