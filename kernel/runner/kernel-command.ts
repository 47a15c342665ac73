// Which command starts a notebook's kernel, and whether it can start at all. By default it is our
// own launcher (`node kernel/launch.js {connection_file}`, what the bundled kernelspec says). A
// caller may name directories of kernelspecs (`<dir>/<name>/kernel.json`, Jupyter's layout); a
// notebook whose metadata.kernelspec.name is found there runs on that kernel — this is how tests
// start fake kernels, and how a course could try another tslab build.
//
// The command is checked before anything is spawned: a program that is not there, or a script
// argument that does not exist (a moved launcher, a kernel.json copied away from its
// `{resource_dir}`), is reported as such ("kernel-missing") instead of as a puzzling exit code.

import * as fs from "node:fs";
import * as path from "node:path";
import type { Notebook } from "../notebook-format";
import { findOnPath, launcherPath } from "../paths";

export interface KernelCommand {
  /** The kernelspec's name ("deepnotes" for our own). */
  name: string;
  /** The command line; "{connection_file}" is replaced when the kernel starts. */
  argv: string[];
  /**
   * "signal": SIGINT to the process (tslab); "signal-group": SIGINT to its process group, for a
   * kernel started through a wrapper that does not pass signals on (the grader's bubblewrap);
   * "message": an interrupt_request on control.
   */
  interruptMode: "signal" | "signal-group" | "message";
  env?: Record<string, string>;
}

/** Where a kernel command names its connection file (Jupyter's placeholder); commandLine fills it in. */
export const CONNECTION_FILE = "{connection_file}";

/** Our own kernel: this node binary running kernel/launch.js. */
export function defaultKernelCommand(): KernelCommand {
  return { name: "deepnotes", argv: [process.execPath, launcherPath(), CONNECTION_FILE], interruptMode: "signal" };
}

/**
 * The kernel for `notebook`: the kernelspec its metadata names, if it is in one of `kernelspecDirs`,
 * else our own. Throws if that kernelspec's kernel.json is not a usable kernelspec.
 */
export function kernelCommandFor(notebook: Notebook, kernelspecDirs: readonly string[] = []): KernelCommand {
  const name = (notebook.metadata.kernelspec as { name?: unknown } | undefined)?.name;
  if (typeof name !== "string") return defaultKernelCommand();
  for (const dir of kernelspecDirs) {
    const file = path.join(dir, name, "kernel.json");
    if (fs.existsSync(file)) return readKernelspec(name, file);
  }
  return defaultKernelCommand();
}

function readKernelspec(name: string, file: string): KernelCommand {
  const spec = JSON.parse(fs.readFileSync(file, "utf8")) as { argv?: unknown; interrupt_mode?: unknown; env?: Record<string, string> };
  if (!Array.isArray(spec.argv) || spec.argv.length === 0 || !spec.argv.every((arg) => typeof arg === "string")) {
    throw new Error(`${file}: "argv" must be a non-empty list of strings`);
  }
  const resourceDir = path.dirname(file);
  return {
    name,
    argv: spec.argv.map((arg: string) => arg.replaceAll("{resource_dir}", resourceDir)),
    interruptMode: spec.interrupt_mode === "message" ? "message" : "signal",
    ...(spec.env && { env: spec.env }),
  };
}

/** The command line with the connection file filled in. */
export function commandLine(command: KernelCommand, connectionFile: string): string[] {
  return command.argv.map((arg) => arg.replaceAll(CONNECTION_FILE, connectionFile));
}

/** The command as a student reads it in a message: `node /…/launch.js {connection_file}`. */
export function describeCommand(command: KernelCommand): string {
  return command.argv.map((arg) => (arg === process.execPath ? "node" : arg)).join(" ");
}

/**
 * What of the command is missing — "the program …" or "the file …" — or null if everything it
 * names exists. Arguments that look like paths to files (absolute, or relative with a slash and
 * an extension) must exist; other arguments are left to the program.
 */
export function missingPart(command: KernelCommand, cwd: string): string | null {
  const [program, ...args] = command.argv;
  const programFound = program.includes("/") ? isFile(path.resolve(cwd, program)) : findOnPath(program) !== null;
  if (!programFound) return `the program ${program} ${program.includes("/") ? "does not exist" : "is not on PATH"}`;
  for (const arg of args) {
    if (arg.includes(CONNECTION_FILE) || !looksLikeFile(arg)) continue;
    if (!isFile(path.resolve(cwd, arg))) return `the file ${arg} does not exist`;
  }
  return null;
}

function looksLikeFile(arg: string): boolean {
  return !arg.startsWith("-") && arg.includes("/") && /\.[A-Za-z0-9]+$/.test(arg);
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}
