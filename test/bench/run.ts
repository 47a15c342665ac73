// npm run bench: every benchmark in one process, so ratios compare like with like — the WASM core's
// two builds (relaxed SIMD and SIMD128) on 1 and 2 threads against the TypeScript reference kernel
// and against tfjs-backend-wasm (XNNPACK), on the same machine at the same moment. Prints which path
// the library runs by default, the tables, and writes all of it to reports/bench.json.
// package.json compiles it with tsc (to build/bench/) and runs the JavaScript with plain node and
// --experimental-wasm-relaxed-simd (needed on Node 20 for the relaxed build): the library as users run
// it, compiled. Under a TypeScript loader (tsx) the same code measured up to 1.4× slower, mostly in
// allocation and garbage collection.

import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { kernelInfo } from "../../src/core";
import { packageRoot } from "../../kernel/paths";
import { benchConv, formatConvTable } from "./conv";
import { benchMatmul, formatMatmulTable } from "./matmul";
import { initTfjsWasm } from "./tfjs-peer";
import { formatSummaryTable, summarize } from "./summary";
import { benchTrainEpoch, formatTrainEpochTable } from "./train-epoch";
import { benchTrainStep, formatTrainTable } from "./train-step";

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const info = kernelInfo();
  const machine = { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism() };
  console.log(`deepnotes WASM core: ${info.simd} SIMD (${info.simdReason}), ${info.threads} thread(s) by default; Node ${machine.node}, ${machine.cores} × ${machine.cpu}`);
  process.stderr.write("matrix multiply …\n");
  const matmul = await benchMatmul(log);
  console.log(formatMatmulTable(matmul));
  process.stderr.write("training steps …\n");
  const train = benchTrainStep(await initTfjsWasm());
  console.log(formatTrainTable(train));
  process.stderr.write("convolutions …\n");
  const conv = benchConv();
  console.log(formatConvTable(conv));
  process.stderr.write("training epochs (MNIST-1D) …\n");
  const trainEpoch = benchTrainEpoch();
  console.log(formatTrainEpochTable(trainEpoch));
  const load = { before: loadBefore, after: loadavg()[0] };
  const summary = summarize(matmul, train, conv, trainEpoch);
  console.log(formatSummaryTable(summary, load));
  const seconds = (performance.now() - started) / 1000;
  const out = join(packageRoot(), "reports");
  mkdirSync(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    ...machine,
    kernel: info,
    seconds,
    loadAverage: load,
    summary,
    matmul,
    train,
    conv,
    trainEpoch,
  };
  writeFileSync(join(out, "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`benchmark finished in ${seconds.toFixed(0)} s; wrote reports/bench.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
