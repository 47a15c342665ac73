// npm run bench: every benchmark in one process, so ratios compare like with like — the WASM core
// against the TypeScript reference kernel and against tfjs-backend-wasm (XNNPACK), on the same
// machine at the same moment. Prints the tables and writes reports/bench.json.

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { benchConv, formatConvTable } from "./conv";
import { benchMatmul, formatMatmulTable } from "./matmul";
import { initTfjsWasm } from "./tfjs-peer";
import { benchTrainEpoch, formatTrainEpochTable } from "./train-epoch";
import { benchTrainStep, formatTrainTable } from "./train-step";

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
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
  const seconds = (performance.now() - started) / 1000;
  const out = join(__dirname, "..", "..", "reports");
  mkdirSync(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    seconds,
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
