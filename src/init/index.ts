// Weight initialisation (Algorytm 2–4): in-place fills seeded by a generator option or manualSeed.

export { fans, fanFor, type Fans, type FanMode } from "./fan";
export { uniform_, normal_, constant_, zeros_, type GeneratorOption } from "./basic";
export { heNormal_, heUniform_, heVariance, type HeOptions } from "./he";
export { xavierNormal_, xavierUniform_, xavierVariance, type XavierOptions } from "./xavier";
export { lecunNormal_, lecunUniform_, lecunVariance } from "./lecun";
export { initModule, type InitFn, type InitModuleOptions } from "./init-module";
