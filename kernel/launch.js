#!/usr/bin/env node
// The deepnotes kernel launcher: `node kernel/launch.js <connection_file>`. Both Jupyter (through the
// kernelspec) and the headless runner start the kernel through this one file, so they run the same
// kernel. It is plain CommonJS on purpose: it has to work right after `npm install`, before and
// independently of any TypeScript build.
//
// It runs tslab's kernel in this process (no extra child), so the SIGINT that Jupyter or the runner
// sends for an interrupt reaches tslab's own handler directly. The working directory is left alone:
// tslab resolves `require`/`import` from it, and Jupyter starts kernels in the notebook's directory.
"use strict";

const path = require("path");

// Node 20 runs WebAssembly relaxed SIMD (the fused multiply-add build of the deepnotes core, ~1.3×
// faster matrix products) only with --experimental-wasm-relaxed-simd; Node 21+ has it on. Jupyter and
// the runner start this file with a plain `node`, so the flag is set here, first thing, before any
// module is compiled (V8 reads it when a module is validated). The library would set it too.
if (process.versions.node.split(".")[0] === "20") require("v8").setFlagsFromString("--experimental-wasm-relaxed-simd");

const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: node kernel/launch.js <connection_file>");
  process.exit(2);
}

// A kernel must not outlive whoever started it. If the parent dies without shutting us down
// (killed runner, crashed Jupyter server), we are re-parented; notice it and exit. The timer is
// unref'd so it never keeps an otherwise finished kernel alive.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 1000).unref();

// The tslab installed next to this package, not a global one: it is the version we test against.
const tslabMain = require.resolve("tslab/dist/main.js", { paths: [__dirname, process.cwd()] });
require(tslabMain).startKernel({
  configPath: path.resolve(connectionFile),
  enableFindLocal: false,
});
