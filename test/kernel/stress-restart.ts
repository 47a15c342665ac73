// Stress run of the crash/restart scenario (`npm run stress:restart [-- N]`, default 50 runs):
// test/kernel/fixtures/exit.ipynb — a cell that calls process.exit(3), then a cell that must run in
// a restarted kernel — executed N times in a row while busy-loop child processes (one per core)
// keep every core loaded. A restart that can hang shows up here as a run that takes a start
// timeout instead of seconds. Not part of `npm test`: it takes minutes and loads the machine.

import { spawn, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { CodeCell } from "../../kernel/notebook-format";
import { runNotebook, type RunResult } from "../../kernel/runner/runner";

const runs = Number(process.argv[2] ?? 50);
const fixture = join(__dirname, "fixtures", "exit.ipynb");

/** What the runner test expects of this notebook; null if all holds, else what did not. */
function problem(result: RunResult): string | null {
  const cells = result.notebook.cells.filter((cell): cell is CodeCell => cell.cell_type === "code");
  if (result.failure?.kind !== "kernel-died" || result.failure.codeCell !== 1) return `failure ${JSON.stringify(result.failure)}`;
  const after = cells[1].outputs;
  if (after.length !== 1 || after[0].output_type !== "stream" || after[0].text !== "after\n") return `cell 2 outputs ${JSON.stringify(after)}`;
  if (cells[1].execution_count !== 1) return `cell 2 execution_count ${cells[1].execution_count}`;
  return null;
}

function startHogs(): ChildProcess[] {
  return os.cpus().map(() => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

async function main(): Promise<void> {
  const hogs = startHogs();
  const stopHogs = () => hogs.forEach((hog) => hog.kill("SIGKILL"));
  process.once("SIGINT", () => {
    stopHogs();
    process.exit(130);
  });
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(`crash/restart stress: ${runs} runs of ${fixture} with ${hogs.length} busy-loop processes (load average ${load()})`);
  const times: number[] = [];
  let passed = 0;
  try {
    for (let i = 1; i <= runs; i++) {
      const begin = performance.now();
      const result = await runNotebook(fixture, { continueOnError: true });
      const seconds = (performance.now() - begin) / 1000;
      times.push(seconds);
      const wrong = problem(result);
      if (wrong === null) passed++;
      console.log(`run ${i}: ${wrong === null ? "ok" : `FAILED (${wrong})`} in ${seconds.toFixed(2)} s (kernel starts ${result.kernelStartSeconds.toFixed(2)} s)`);
    }
  } finally {
    stopHogs();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  console.log(`${passed}/${runs} passed; seconds per run: min ${at(0)}, median ${at(0.5)}, p90 ${at(0.9)}, max ${sorted[sorted.length - 1].toFixed(2)} (load average ${load()})`);
  process.exitCode = passed === runs ? 0 : 1;
}

void main();
