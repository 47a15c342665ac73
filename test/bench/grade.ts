// npm run bench:grade: how long grading takes. Releases hw01-deep-networks, then grades a class of
// copies of its master (eight by default; GRADE_BENCH_CLASS=n for another size) twice — one at a
// time and with --jobs 2 — in the sandbox `grade` uses by default. Prints seconds per submission
// (wall time over the class, and each kernel's own run) and the speedup of two jobs; writes
// reports/bench-grade.json. The speedup is bounded by the cores: two jobs on two cores at best
// halve the wall time, less when other work shares the machine (the load average is printed).

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { assign } from "../../kernel/homework/assign";
import { gradeSubmissions } from "../../kernel/homework/grade";
import { bwrapUnavailable } from "../../kernel/homework/sandbox";

const root = join(__dirname, "..", "..");
const master = join(root, "notebooks", "homework", "hw01-deep-networks.ipynb");

async function main(): Promise<void> {
  const size = Number(process.env.GRADE_BENCH_CLASS ?? 8);
  const work = mkdtempSync(join(tmpdir(), "deepnotes-bench-grade-"));
  const bwrap = bwrapUnavailable() === null;
  const run = { cellTimeout: 60, submissionTimeout: 600, memoryMb: 2048, fileSizeMb: 64, bwrap, maxRestarts: 3 };
  process.stderr.write(`releasing hw01-deep-networks (sandbox: ${bwrap ? "bubblewrap + permission model" : "permission model"}) …\n`);
  const release = join(work, "release");
  await assign(master, release, run);
  const submissions = join(work, "submissions");
  mkdirSync(submissions);
  for (let i = 0; i < size; i++) copyFileSync(master, join(submissions, `student-${String(i).padStart(2, "0")}.ipynb`));

  const results: Record<string, { wallSeconds: number; secondsPerSubmission: number; meanKernelSeconds: number; loadBefore: number }> = {};
  for (const jobs of [1, 2]) {
    process.stderr.write(`grading ${size} submissions with --jobs ${jobs} …\n`);
    const loadBefore = loadavg()[0];
    const begin = performance.now();
    const summary = await gradeSubmissions([submissions], { ...run, assignmentDir: release, outDir: join(work, `graded-${jobs}`), jobs, force: true, showHidden: false });
    const wallSeconds = (performance.now() - begin) / 1000;
    if (summary.rows.some((row) => row.total !== summary.rows[0].total) || summary.failed > 0) throw new Error("the copies of the master were not all graded alike");
    const meanKernelSeconds = summary.secondsPerSubmission.reduce((a, b) => a + b, 0) / summary.secondsPerSubmission.length;
    results[`jobs${jobs}`] = { wallSeconds, secondsPerSubmission: wallSeconds / size, meanKernelSeconds, loadBefore };
  }
  const speedup = results.jobs1.wallSeconds / results.jobs2.wallSeconds;
  console.log(`grading hw01-deep-networks, ${size} submissions, ${cpus().length} cores, sandbox ${bwrap ? "bwrap" : "node"}`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(6)} ${r.secondsPerSubmission.toFixed(2)} s per submission (wall ${r.wallSeconds.toFixed(1)} s; one submission's run ${r.meanKernelSeconds.toFixed(2)} s; load average before ${r.loadBefore.toFixed(1)})`);
  }
  console.log(`  --jobs 2 speedup: ${speedup.toFixed(2)}×`);
  const out = join(root, "reports");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "bench-grade.json"), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, class: size, sandbox: bwrap ? "bwrap" : "node", results, speedup }, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
