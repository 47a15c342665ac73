#!/usr/bin/env node
// The deepnotes kernel launcher: `node kernel/launch.js <connection_file>`. Both Jupyter (through the
// kernelspec) and the headless runner start the kernel through this one file, so they run the same
// kernel. It is plain CommonJS on purpose: it has to work right after `npm install`, before and
// independently of any TypeScript build.
//
// It runs tslab's kernel in this process (no extra child), so the SIGINT that Jupyter or the runner
// sends for an interrupt reaches tslab's own handler directly. The working directory is left alone:
// tslab resolves `require`/`import` from it, and Jupyter starts kernels in the notebook's directory.
//
// Two changes to how tslab opens its sockets (its ZmqServer.bindSocket, wrapped below):
// - A port it cannot bind (another process took it between the runner choosing it and this kernel
//   binding it) ends the process with PORTS_TAKEN_EXIT_CODE. tslab itself only logs the rejected
//   bind and lives on without that socket, so its client would wait for the whole start timeout;
//   the runner retries with fresh ports instead.
// - Its iopub PUB socket sends every message at once and never drops one. tslab sends without
//   waiting for the previous send; zeromq.js sends at most 512 messages synchronously per turn of
//   the event loop and then throws EBUSY until the next turn, and a PUB socket drops messages past
//   its high-water mark (1000). A cell that prints in a loop therefore lost all but ~500 lines —
//   Node's console swallows the EBUSY — and with them the `status: idle` that ends the request.
//   sendTimeout 0 makes every send synchronous; sendHighWaterMark 0 removes the limit. The queue
//   is only ever as large as what the cell printed, and the runner caps what it records.
"use strict";

const path = require("path");
const { patchConverter } = require("./tslab-shorthand");
const { patchExecutor } = require("./tslab-shown-values");

// Node 20 runs WebAssembly relaxed SIMD (the fused multiply-add build of the deepnotes core, ~1.3×
// faster matrix products) only with --experimental-wasm-relaxed-simd; Node 21+ has it on. Jupyter and
// the runner start this file with a plain `node`, so the flag is set here, first thing, before any
// module is compiled (V8 reads it when a module is validated). The library would set it too.
if (process.versions.node.split(".")[0] === "20") require("v8").setFlagsFromString("--experimental-wasm-relaxed-simd");

/** The exit code for "a port of the connection file is taken" (sysexits' EX_TEMPFAIL: try again). */
const PORTS_TAKEN_EXIT_CODE = 75;

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
const { ZmqServer } = require(path.join(path.dirname(tslabMain), "jupyter.js"));
const bindSocket = ZmqServer.prototype.bindSocket;
ZmqServer.prototype.bindSocket = async function (socket, port) {
  if (socket === this.iopub) {
    socket.sendTimeout = 0;
    socket.sendHighWaterMark = 0;
  }
  try {
    await bindSocket.call(this, socket, port);
  } catch (error) {
    console.error(`deepnotes kernel: cannot listen on port ${port} of ${this.connInfo.ip} (${error.message})`);
    process.exit(error.code === "EADDRINUSE" ? PORTS_TAKEN_EXIT_CODE : 1);
  }
};

// A shorthand property naming an earlier cell's variable (`{ seed }`) works: tslab leaves it
// unresolved (see tslab-shorthand.js). The cells are parsed with tslab's own TypeScript, its
// dependency @tslab/typescript-for-tslab, resolved from tslab's folder (knip.json: not ours to list).
patchConverter(
  require(path.join(path.dirname(tslabMain), "converter.js")),
  require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(tslabMain)] })),
);

// A cell ending in check("q1") shows the verdict once, as a table, not also as a dumped object.
patchExecutor(require(path.join(path.dirname(tslabMain), "executor.js")));

require(tslabMain).startKernel({
  configPath: path.resolve(connectionFile),
  enableFindLocal: false,
});
