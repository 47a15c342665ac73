// The types of tslab-shown-values.js (plain CommonJS, so that launch.js can load it before any build).

export function alreadyShown(value: unknown): boolean;
export function patchExecutor(executorModule: { createExecutor: unknown }): void;
