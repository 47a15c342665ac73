#!/usr/bin/env node
// The deepnotes command line: run notebooks headless, build the reproduction report, start Jupyter
// with the deepnotes kernel, and release and grade homework (assign, grade, grade merge).
// `npx deepnotes --help` lists the commands.

import { basename, join, resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { answerHash } from "../src/check/answer";
import { assign } from "./homework/assign";
import { gradeSubmissions, listSubmissions, shardOf, type Shard } from "./homework/grade";
import { mergeGraded } from "./homework/merge";
import { gradeProgressDisplay } from "./homework/progress";
import { bwrapUnavailable, prlimitUnavailable } from "./homework/sandbox";
import { executeAndExport, reproduce, summaryLine } from "./report";
import { startNotebookServer } from "./notebook";
import { parseLimitSetting, type OutputLimits } from "./runner/output-limits";
import { parseParameterValue } from "./runner/parameters";

const root = join(__dirname, "..", "..");

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

function positiveInteger(value: string): number {
  const n = positiveNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}

/** `name=value` → { name: value }, the value parsed as JSON when it is JSON (true, 4, "x"). */
function collectParameter(pair: string, previous: Record<string, unknown>): Record<string, unknown> {
  const eq = pair.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected -p NAME VALUE, got "${pair}"`);
  return { ...previous, [pair.slice(0, eq)]: parseParameterValue(pair.slice(eq + 1)) };
}

/** `--limit cellStreamBytes=5MB` → { cellStreamBytes: 5000000 } (repeatable). */
function collectLimit(pair: string, previous: Partial<OutputLimits>): Partial<OutputLimits> {
  try {
    const [name, value] = parseLimitSetting(pair);
    return { ...previous, [name]: value };
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

const TIMEOUT_HELP = "time limit of one cell in seconds (default: the notebook's metadata, else 600)";
const NOTEBOOK_TIMEOUT_HELP = "time limit of one notebook in seconds (default: the notebook's metadata, else 1800)";
const LIMIT_HELP = "raise an output limit, e.g. --limit cellStreamBytes=10MB (repeatable; see README)";

/** Papermill's spelling `-p NAME VALUE` (two words) becomes commander's `--parameter NAME=VALUE`. */
function normaliseParameterFlags(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if ((argv[i] === "-p" || argv[i] === "--parameter") && i + 2 < argv.length && !argv[i + 1].includes("=")) {
      out.push("--parameter", `${argv[i + 1]}=${argv[i + 2]}`);
      i += 2;
    } else out.push(argv[i]);
  }
  return out;
}

interface RunFlags {
  out: string;
  timeout?: number;
  notebookTimeout?: number;
  jobs: number;
  limit: Partial<OutputLimits>;
}

/** `i/n` with 0 ≤ i < n: the slice of a class one machine grades. */
function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new InvalidArgumentError(`expected i/n with 0 ≤ i < n (e.g. 0/4, or $JOB_COMPLETION_INDEX/4), got "${value}"`);
  return { index, count };
}

interface SandboxChoice {
  sandbox: "auto" | "bwrap" | "node";
}

/** Whether to use bubblewrap: always for "bwrap" (an error if it does not work), never for "node", else if it works. */
function useBwrap({ sandbox }: SandboxChoice): boolean {
  const missingLimit = prlimitUnavailable();
  if (missingLimit) throw new Error(missingLimit);
  if (sandbox === "node") return false;
  const problem = bwrapUnavailable();
  if (problem === null) return true;
  if (sandbox === "bwrap") throw new Error(`--sandbox bwrap: ${problem}`);
  console.warn(`warning: grading without bubblewrap (${problem}); only Node's permission model confines submissions, and native code could escape it`);
  return false;
}

function sandboxOption(value: string): SandboxChoice["sandbox"] {
  if (value !== "auto" && value !== "bwrap" && value !== "node") throw new InvalidArgumentError(`expected auto, bwrap or node, got "${value}"`);
  return value;
}

const program = new Command()
  .name("deepnotes")
  .description("Run deepnotes notebooks headless (no Python), reproduce the lectures, open Jupyter with the deepnotes kernel, or release and grade homework.")
  .enablePositionalOptions()
  .showHelpAfterError();

program
  .command("run")
  .description("execute notebooks headless and write each executed .ipynb and its .html page")
  .argument("<notebooks...>", ".ipynb files to execute")
  .option("--out <dir>", "where to write the executed notebooks and pages", "reports")
  .option("--timeout <seconds>", TIMEOUT_HELP, positiveNumber)
  .option("--notebook-timeout <seconds>", NOTEBOOK_TIMEOUT_HELP, positiveNumber)
  .option("--jobs <n>", "notebooks run at once, each in its own kernel", positiveInteger, 1)
  .option("--continue-on-error", "run the remaining cells after a failing one", false)
  .option("-p, --parameter <name=value>", "override a notebook parameter (papermill style: -p NAME VALUE; repeatable)", collectParameter, {})
  .option("--limit <name=value>", LIMIT_HELP, collectLimit, {})
  .action(async (notebooks: string[], options: RunFlags & { continueOnError: boolean; parameter: Record<string, unknown> }) => {
    const results = await executeAndExport(notebooks.map((p) => resolve(p)), {
      parameters: options.parameter,
      outDir: resolve(options.out),
      jobs: options.jobs,
      cellTimeout: options.timeout,
      notebookTimeout: options.notebookTimeout,
      outputLimits: options.limit,
      continueOnError: options.continueOnError,
    });
    for (const r of results) {
      const name = basename(r.path);
      const status = r.ok ? "ok" : `FAILED — ${r.failure?.kind}: ${r.failure?.message}`;
      console.log(`${name}: ${status} (${r.seconds.toFixed(1)} s; kernel start ${r.kernelStartSeconds.toFixed(1)} s)`);
    }
    const failed = results.filter((r) => !r.ok);
    const which = failed.length > 0 ? `: ${failed.map((r) => `${basename(r.path, ".ipynb")} (${r.failure?.kind})`).join(", ")}` : "";
    console.log(`${results.length - failed.length} of ${results.length} notebooks ran without failure, ${failed.length} failed${which}; outputs in ${options.out}/`);
    process.exitCode = failed.length > 0 ? 1 : 0;
  });

program
  .command("report")
  .description("execute every lecture notebook and write the reproduction report (what `npm start` does)")
  .option("--notebooks <dir>", "the lecture notebooks", join(root, "notebooks"))
  .option("--out <dir>", "where to write the report", join(root, "reports"))
  .option("--timeout <seconds>", TIMEOUT_HELP, positiveNumber)
  .option("--notebook-timeout <seconds>", NOTEBOOK_TIMEOUT_HELP, positiveNumber)
  .option("--jobs <n>", "notebooks run at once", positiveInteger, 2)
  .option("--limit <name=value>", LIMIT_HELP, collectLimit, {})
  .action(async (options: RunFlags & { notebooks: string }) => {
    const summary = await reproduce({
      notebooksDir: resolve(options.notebooks),
      outDir: resolve(options.out),
      jobs: options.jobs,
      cellTimeout: options.timeout,
      notebookTimeout: options.notebookTimeout,
      outputLimits: options.limit,
    });
    console.log(`report: ${join(options.out, "index.html")}`);
    for (const n of summary.notebooks.filter((n) => !n.ok)) console.log(`${n.notebook}: FAILED — ${n.failure?.kind}: ${n.failure?.message}`);
    console.log(summaryLine(summary));
    process.exitCode = summary.ok ? 0 : 1;
  });

program
  .command("notebook")
  .description("start Jupyter with the deepnotes kernel (Jupyter is optional; says how to get it if missing)")
  .argument("[jupyter-options...]", "passed on to `jupyter notebook`, e.g. --no-browser --port 9000")
  .allowUnknownOption()
  .action(async (args: string[]) => {
    process.exitCode = await startNotebookServer({ args });
  });

program
  .command("assign")
  .description("write the student notebook and the autograder bundle of a master notebook (the master must pass its own tests)")
  .argument("<master>", "the master notebook, e.g. notebooks/homework/hw01-deep-networks.ipynb")
  .requiredOption("--out <dir>", "where to write <name>.ipynb (for students) and autograder/ (keep it from students)")
  .option("--timeout <seconds>", "time limit of one cell", positiveNumber, 120)
  .option("--memory <MB>", "memory limit of the kernel", positiveInteger, 2048)
  .option("--sandbox <kind>", "auto (bubblewrap if it works), bwrap, or node (permission model only)", sandboxOption, "auto")
  .action(async (master: string, options: { out: string; timeout: number; memory: number } & SandboxChoice) => {
    const result = await assign(resolve(master), resolve(options.out), {
      cellTimeout: options.timeout,
      submissionTimeout: 30 * options.timeout,
      memoryMb: options.memory,
      fileSizeMb: 64,
      bwrap: useBwrap(options),
      maxRestarts: 0,
    });
    for (const q of result.questions) console.log(`${q.id}: ${q.points} points, ${q.visible} visible and ${q.hidden} hidden cases`);
    console.log(`student notebook: ${result.studentNotebook}`);
    console.log(`autograder bundle: ${result.bundleFile} (the master passed all its cases in ${result.seconds.toFixed(1)} s)`);
  });

const grade = program
  .command("grade")
  .description("grade submissions against an assignment's autograder bundle (`grade merge` joins sharded runs)")
  .enablePositionalOptions()
  .argument("<submissions...>", ".ipynb files, or folders of them; a submission's name is its file name without .ipynb")
  // Checked in the action, not with requiredOption: commander would demand them of `grade merge` too.
  .option("--assignment <dir>", "the folder assign wrote (with autograder/); required")
  .option("--out <dir>", "where to write grades.csv and <name>/results.json and feedback.html; required")
  .option("--jobs <n>", "submissions graded at once", positiveInteger, 1)
  .option("--timeout <seconds>", "time limit of one cell", positiveNumber, 60)
  .option("--submission-timeout <seconds>", "time limit of one submission", positiveNumber, 600)
  .option("--memory <MB>", "memory limit of a submission's kernel", positiveInteger, 2048)
  .option("--shard <i/n>", "grade only the i-th of n slices of the class (0 ≤ i < n), e.g. $JOB_COMPLETION_INDEX/4", parseShard)
  .option("--force", "grade again even where results.json is up to date", false)
  .option("--show-hidden", "hidden cases' messages in feedback and results.json (never for students)", false)
  .option("--sandbox <kind>", "auto (bubblewrap if it works), bwrap, or node (permission model only)", sandboxOption, "auto")
  .action(async (submissions: string[], options: { assignment?: string; out?: string; jobs: number; timeout: number; submissionTimeout: number; memory: number; shard?: Shard; force: boolean; showHidden: boolean } & SandboxChoice) => {
    if (options.assignment === undefined || options.out === undefined) grade.error("error: grade needs --assignment <dir> and --out <dir>");
    const total = shardOf(listSubmissions(submissions), options.shard).length;
    const progress = gradeProgressDisplay(process.stdout, total);
    const summary = await gradeSubmissions(submissions, {
      assignmentDir: resolve(options.assignment!),
      outDir: resolve(options.out!),
      jobs: options.jobs,
      shard: options.shard,
      force: options.force,
      showHidden: options.showHidden,
      cellTimeout: options.timeout,
      submissionTimeout: options.submissionTimeout,
      memoryMb: options.memory,
      fileSizeMb: 64,
      bwrap: useBwrap(options),
      maxRestarts: 3,
      onProgress: (event) => progress.update(event),
    });
    progress.stop();
    console.log(`${summary.graded} graded, ${summary.skipped} already graded, ${summary.failed} could not be run; ${summary.csvFile}`);
  });

grade
  .command("merge")
  .description("join the output folders of sharded grading runs into one (grades.csv rebuilt)")
  .argument("<dirs...>", "the --out folders of the shards")
  .requiredOption("--out <dir>", "the joined folder")
  .action((dirs: string[], options: { out: string }) => {
    const summary = mergeGraded(dirs.map((d) => resolve(d)), resolve(options.out));
    console.log(`${summary.submissions} submissions merged; ${summary.csvFile}`);
  });

program
  .command("answer-hash")
  .description('the hash of a short answer for a test cell: t.answer(name, points, () => answer, "sha256:…")')
  .argument("<answer>", "the answer (numbers are hashed as numbers)")
  .action((answer: string) => {
    const asNumber = Number(answer);
    console.log(answerHash(answer.trim() !== "" && Number.isFinite(asNumber) ? asNumber : answer));
  });

program.parseAsync(normaliseParameterFlags(process.argv)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
