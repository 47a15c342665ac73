#!/usr/bin/env node
// The deepnotes command line: run notebooks headless, build the reproduction report, start Jupyter
// with the deepnotes kernel. `npx deepnotes --help` lists the commands.

import { basename, join, resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
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

const program = new Command()
  .name("deepnotes")
  .description("Run deepnotes notebooks headless (no Python), reproduce the lectures, or open Jupyter with the deepnotes kernel.")
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
  .action(async () => {
    process.exitCode = await startNotebookServer();
  });

program.parseAsync(normaliseParameterFlags(process.argv)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
