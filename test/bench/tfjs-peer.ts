// tfjs-backend-wasm (XNNPACK) as the benchmark's peer, set up the way a Node user would get it but
// pinned down: one thread, the SIMD binary, and no network — the .wasm files are read from
// node_modules by path. Only for benchmarks; the library does not depend on tfjs.
//
// The gradients optimizer.minimize needs (register_all_gradients) ship only as ES modules with
// extensionless imports, which plain Node cannot load: that one module goes through tsx's one-off
// require, which leaves the rest of the process (the library being measured) to plain Node.

import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm"; // importing it also registers the "wasm" backend
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let ready: Promise<typeof tf> | undefined;

/** Initialises tfjs on its WASM backend (SIMD, single thread) once, and returns the `tf` namespace. */
export function initTfjsWasm(): Promise<typeof tf> {
  ready ??= init();
  return ready;
}

async function init(): Promise<typeof tf> {
  const tsx = createRequire(__filename)("tsx/cjs/api") as { require: (id: string, from: string) => unknown };
  tsx.require("@tensorflow/tfjs-core/dist/register_all_gradients", __filename); // gradients for the training-step peer
  const dir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"));
  setWasmPaths({
    "tfjs-backend-wasm.wasm": join(dir, "tfjs-backend-wasm.wasm"),
    "tfjs-backend-wasm-simd.wasm": join(dir, "tfjs-backend-wasm-simd.wasm"),
    "tfjs-backend-wasm-threaded-simd.wasm": join(dir, "tfjs-backend-wasm-threaded-simd.wasm"),
  });
  // These two flags alone pick the binary (tfjs-backend-wasm-simd.wasm): force them rather than trust
  // detection. Threads are off in Node anyway; setting it keeps it so if that detection changes.
  tf.env().set("WASM_HAS_SIMD_SUPPORT", true);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  if (!(await tf.setBackend("wasm"))) throw new Error("tfjs: the wasm backend failed to initialise");
  await tf.ready();
  return tf;
}
