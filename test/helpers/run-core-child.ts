// Runs test/helpers/core-child.ts in a fresh Node process and returns its report.

import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface ChildReport {
  simd: string;
  simdReason: string;
  microTileRows: number;
  /** Largest |ĉ − c| / (γ_k·Σ|a||b|) of the one-thread product; ≤ 1 means within the bound. */
  boundRatio: number;
  /** Whether the two-thread product (all chunks on the worker) equals the one-thread product bit for bit. */
  threadedIdentical: boolean;
  chunksByThread: number[];
}

/** Runs the child with these Node flags and environment; ms is the time until the process had exited. */
export function runCoreChild(nodeFlags: string[], env: Record<string, string> = {}): { report: ChildReport; ms: number } {
  const root = join(__dirname, "..", "..");
  const started = performance.now();
  const child = spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", join(root, "test/helpers/core-child.ts")], {
    cwd: root,
    env: { ...process.env, DEEPNOTES_SIMD: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`child exited with ${child.status} (${child.signal ?? "no signal"}): ${child.stderr}`);
  return { report: JSON.parse(child.stdout.trim().split("\n").pop()!) as ChildReport, ms };
}
