// The headline table of `npm run bench`: the numbers the project has goals for, each next to the
// peers measured in the same run (the hand-written step, the reference kernel, tfjs-wasm) and to the
// two figures that were not measured in this run, labelled as such — NumPy/OpenBLAS (no Python
// here) and the MNIST-1D CNN epoch before the WASM core ran convolutions and ReLU.

import Table from "cli-table3";
import { availableParallelism } from "node:os";
import type { ConvRow } from "./conv";
import type { MatmulRow } from "./matmul";
import type { TrainEpochRow } from "./train-epoch";
import type { TrainStepRow } from "./train-step";

/** Measured elsewhere, on the same kind of 2-vCPU host, and quoted rather than re-measured. */
export const EXTERNAL = {
  /** numpy / OpenBLAS MLP 784-256-10 step, batch 128, float32, examples/s (1 and 2 threads). */
  numpyExamplesPerSecond: { 1: 104_000, 2: 165_000 },
  /** The CNN epoch of train-epoch.ts before the convolution pipeline and ReLU moved into the WASM core (commit e90e76e): seconds, quiet host / loaded host. */
  cnnEpochBefore: { quiet: 0.167, loaded: 0.445 },
};

export interface SummaryRow {
  what: string;
  deepnotes: string;
  peers: string;
  goal: string;
}

export function summarize(matmul: MatmulRow[], train: TrainStepRow[], conv: ConvRow[], epochs: TrainEpochRow[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const gemm = (dtype: MatmulRow["dtype"]) => matmul.find((r) => r.case === "512³ A·B" && r.dtype === dtype);
  const f32 = gemm("float32");
  const f64 = gemm("float64");
  const rate = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(1));
  if (f32 !== undefined) {
    const tfjs = f32.gflops["tfjs-wasm ×1"];
    const versus = (value: number | null) => (value === null || tfjs === null ? "" : ` (${(value / tfjs).toFixed(2)}× tfjs-wasm)`);
    for (const threads of [1, 2] as const) {
      rows.push({
        what: `GEMM 512³ A·B, f32, ${threads} thread${threads > 1 ? "s" : ""}, relaxed SIMD (GFLOP/s)`,
        deepnotes: rate(f32.gflops[`relaxed ×${threads}`]) + versus(f32.gflops[`relaxed ×${threads}`]),
        peers: `SIMD128 build ${rate(f32.gflops[`simd128 ×${threads}`])}; tfjs-wasm ×1 ${rate(tfjs)} (no two-thread tfjs-wasm in Node)`,
        goal: threads === 1 ? "≥ 1.6× tfjs-wasm" : "≥ 1.6× tfjs-wasm ×2 (≈ 100)",
      });
    }
  }
  if (f32 !== undefined && f64 !== undefined) {
    const ratio = (f64.gflops["relaxed ×1"] ?? 0) / (f32.gflops["relaxed ×1"] ?? Infinity);
    rows.push({ what: "GEMM 512³ A·B, f64, 1 thread (GFLOP/s)", deepnotes: rate(f64.gflops["relaxed ×1"]), peers: `${ratio.toFixed(2)} of f32`, goal: "≥ 0.5 of f32" });
  }
  const examples = (r: TrainStepRow, perSecond: number | null) => (perSecond === null ? "—" : `${Math.round(perSecond * r.batch).toLocaleString("en-US")}`);
  for (const r of train.filter((t) => t.dtype === "float32")) {
    const big = r.case.startsWith("MLP 784");
    const numpy = big ? EXTERNAL.numpyExamplesPerSecond[r.threads as 1 | 2] : undefined;
    const peers = [
      r.manual === null ? null : `hand-written ${examples(r, r.manual)}`,
      r.reference === null ? null : `reference kernel ${examples(r, r.reference)}`,
      r.tfjs === null ? null : `tfjs-wasm ${examples(r, r.tfjs)}`,
      numpy === undefined ? null : `NumPy/OpenBLAS ${numpy.toLocaleString("en-US")} (measured elsewhere)`,
    ].filter((p) => p !== null);
    rows.push({
      what: `${r.case} step, batch ${r.batch}, f32, ${r.threads} thread${r.threads > 1 ? "s" : ""} (examples/s)`,
      deepnotes: examples(r, r.wasm),
      peers: peers.join("; "),
      goal: big ? (r.threads === 1 ? "≥ 40,000" : "≥ 75,000") : "",
    });
  }
  const cnn = epochs.find((e) => e.model.startsWith("CNN"));
  if (cnn !== undefined) {
    const before = EXTERNAL.cnnEpochBefore;
    rows.push({
      what: `MNIST-1D CNN epoch (${cnn.examples} rows, Adam) (s)`,
      deepnotes: cnn.seconds.toFixed(3),
      peers: `before the core work ${before.quiet} s quiet / ${before.loaded} s loaded (measured elsewhere): ${(before.quiet / cnn.seconds).toFixed(1)}× / ${(before.loaded / cnn.seconds).toFixed(1)}×`,
      goal: `≤ ${(before.quiet / 2.5).toFixed(3)} (2.5× the quiet figure)`,
    });
  }
  for (const r of conv.filter((c) => c.case.startsWith("conv2d") && c.kernel !== "reference")) {
    const reference = conv.find((c) => c.case === r.case && c.kernel === "reference");
    rows.push({
      what: `${r.case}, fwd + bwd, ${r.kernel}, ${r.threads} thread${r.threads > 1 ? "s" : ""} (GFLOP/s)`,
      deepnotes: r.gflops.toFixed(1),
      peers: reference === undefined ? "" : `reference kernel ${reference.gflops.toFixed(2)}`,
      goal: "",
    });
  }
  return rows;
}

export function formatSummaryTable(rows: SummaryRow[], load: { before: number; after: number }): string {
  const table = new Table({
    style: { head: [], border: [] }, // no colour codes: the tables are pasted into notes and logs
    head: ["benchmark", "deepnotes", "peers (same run unless marked)", "goal"],
    colAligns: ["left", "right", "left", "left"],
  });
  for (const r of rows) table.push([r.what, r.deepnotes, r.peers, r.goal]);
  return [
    `Summary (medians). Host load average (1 min) ${load.before.toFixed(1)} at the start, ${load.after.toFixed(1)} at the end, (${availableParallelism()} cores): above ~1 per core the numbers were measured under load.`,
    table.toString(),
  ].join("\n");
}
