// A worker thread of theory.doubleDescentSweep: its own deepnotes instance (its own WASM core, its
// GEMM on one thread, since the sweep already keeps every core busy with one width each) that trains
// the widths the calling thread sends it, one at a time, and posts back progress and rows.

import { parentPort, workerData } from "node:worker_threads";
import { setNumThreads } from "../core/wasm";
import { Tensor } from "../tensor/tensor";
import { trainWidth, type DoubleDescentData, type SweepWorkerData, type SweepWorkerMessage, type TransferredTensor, type WidthJob } from "./double-descent";

setNumThreads(1);
const data = workerData as SweepWorkerData;
const tensorOf = (t: TransferredTensor) => new Tensor(t.data, t.shape);
const dataset: DoubleDescentData = { xTrain: tensorOf(data.xTrain), yTrain: data.yTrain, xTest: tensorOf(data.xTest), yTest: data.yTest };
const post = (message: SweepWorkerMessage) => parentPort!.postMessage(message);

parentPort!.on("message", (job: WidthJob) => {
  try {
    post({ type: "row", index: job.index, row: trainWidth(dataset, job, (epoch) => post({ type: "epoch", index: job.index, epoch })) });
  } catch (error) {
    post({ type: "error", index: job.index, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
