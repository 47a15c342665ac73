// How a submission's kernel is started: the command line that confines it. Three existing
// mechanisms, each for what it does best:
//
// 1. rlimits (util-linux `prlimit`): RLIMIT_DATA bounds the process's writable memory — the V8
//    heap AND typed arrays and WASM memory, which V8's --max-old-space-size alone does not bound; an
//    allocation past it fails (a typed array throws "Array buffer allocation failed", a heap that
//    cannot grow ends the process) instead of taking the machine down. RLIMIT_FSIZE bounds each file
//    written, RLIMIT_CORE = 0 leaves no core dumps.
// 2. Node's permission model (--experimental-permission): inside the process, the fs module reads
//    only the library, tslab and the kernel's own folder and writes only its scratch folder;
//    child_process, worker_threads, WASI and the inspector are refused (the inspector could read
//    the harness's closure). --allow-addons is needed for zeromq, and Node warns that addons can
//    bypass the model: a submission could write a shared library into scratch and dlopen it.
// 3. bubblewrap, where it works (Linux with user namespaces; `bwrap` from the Debian package
//    bubblewrap): a mount namespace that contains only the system's /usr, the library, tslab and
//    the kernel's folder — other submissions, the autograder bundle and the grader's outputs are
//    not there at all, for native code either — plus new PID, IPC, UTS and network namespaces (no
//    network; the kernel talks to the grader over ipc:// sockets in its folder) as user nobody.
//    Without bwrap the other two still apply, and the grader says that it runs without it.
//
// The environment is emptied (bwrap --clearenv, else `env -i`), so nothing of the grader's leaks.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { launcherFiles, launcherPath, packageRoot } from "../paths";
import { CONNECTION_FILE } from "../runner/kernel-command";

/**
 * The namespaces bwrap gives the kernel, as user nobody; bwrapUnavailable probes with the same, so
 * "bwrap works here" means it works for the kernel.
 */
const BWRAP_NAMESPACES = ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent"];

export interface SandboxOptions {
  /** The kernel's own folder: its sockets, secret and scratch folder (the only place it may write). */
  runDir: string;
  /** The kernel's working directory, inside runDir. */
  scratchDir: string;
  /** RLIMIT_DATA in MiB (the JS heap gets half). */
  memoryMb: number;
  /** Largest file the kernel may write, in MiB. */
  fileSizeMb: number;
  /** Confine the kernel with bubblewrap too. */
  bwrap: boolean;
}

/**
 * The node_modules folder a notebook resolves "deepnotes" from: the repository's own (where the
 * build links deepnotes to the repository), or, for an installed package, the one it is installed in.
 */
function libraryModules(): string {
  const root = packageRoot();
  return path.basename(path.dirname(root)) === "node_modules" ? path.dirname(root) : path.join(root, "node_modules");
}

/** The node_modules folder that holds `name` as the launcher resolves it (hoisted or not). */
function modulesHolding(name: string): string {
  const manifest = require.resolve(`${name}/package.json`, { paths: [path.dirname(launcherPath())] });
  return path.dirname(path.dirname(manifest));
}

/** What the library, tslab and zeromq need to read (and nothing else of the repository). */
function readablePackagePaths(): string[] {
  const root = packageRoot();
  const modules = new Set([libraryModules(), modulesHolding("tslab"), modulesHolding("zeromq")]);
  return [path.join(root, "dist"), path.join(root, "package.json"), ...launcherFiles(), ...modules];
}

/**
 * The kernel's command line, `{connection_file}` still in it. The scratch folder gets a
 * node_modules link to the library's, so `import … from "deepnotes"` resolves from the kernel's
 * working directory as in a student's checkout.
 */
export function sandboxedKernelArgv(options: SandboxOptions): string[] {
  const readable = readablePackagePaths();
  const nodeArgs = [
    `--max-old-space-size=${Math.max(256, Math.floor(options.memoryMb / 2))}`,
    "--experimental-permission",
    ...[...readable, options.runDir, CONNECTION_FILE, "/etc/alpine-release"].map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${options.scratchDir}`,
    "--allow-addons",
    "--disable-warning=ExperimentalWarning",
    launcherPath(),
    CONNECTION_FILE,
  ];
  const limits = ["prlimit", `--data=${options.memoryMb * 1024 * 1024}`, `--fsize=${options.fileSizeMb * 1024 * 1024}`, "--core=0", "--"];
  const environment = ["PATH=/usr/bin:/bin", `HOME=${options.scratchDir}`, "LANG=C.UTF-8"];
  if (!options.bwrap) return [...limits, "env", "-i", ...environment, process.execPath, ...nodeArgs];
  // The runner interrupts a cell with SIGINT to the kernel's process group (bwrap does not pass
  // signals on). bwrap itself would die of it, so it starts with SIGINT ignored — a disposition
  // exec keeps — while node, which installs its own SIGINT handler, still gets the interrupt.
  return [...limits, "sh", "-c", 'trap "" INT; exec "$@"', "sh", "bwrap", ...bwrapArgs(options, environment, readable), "--", process.execPath, ...nodeArgs];
}

function bwrapArgs(options: SandboxOptions, environment: string[], readable: string[]): string[] {
  const args = [...BWRAP_NAMESPACES, "--clearenv"];
  for (const pair of environment) {
    const eq = pair.indexOf("=");
    args.push("--setenv", pair.slice(0, eq), pair.slice(eq + 1));
  }
  args.push("--ro-bind", "/usr", "/usr");
  // Merged-/usr systems have /bin, /lib, … as links into /usr; others have real directories.
  for (const top of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    const stat = fs.lstatSync(top, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(top), top);
    else if (stat?.isDirectory()) args.push("--ro-bind", top, top);
  }
  if (fs.existsSync("/etc/ld.so.cache")) args.push("--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache");
  const node = fs.realpathSync(process.execPath);
  if (!node.startsWith("/usr/")) args.push("--ro-bind", node, node);
  if (node !== process.execPath) args.push("--ro-bind", process.execPath, process.execPath);
  for (const p of readable) args.push("--ro-bind", p, p);
  args.push("--bind", options.runDir, options.runDir);
  args.push("--ro-bind", CONNECTION_FILE, CONNECTION_FILE);
  args.push("--dev", "/dev", "--proc", "/proc", "--chdir", options.scratchDir);
  return args;
}

/** Makes runDir/scratch with its node_modules link; returns the scratch folder. */
export function prepareScratch(runDir: string): string {
  const scratch = path.join(runDir, "scratch");
  fs.mkdirSync(scratch, { recursive: true });
  fs.symlinkSync(libraryModules(), path.join(scratch, "node_modules"), "dir");
  return scratch;
}

let bwrapProbe: string | null | undefined;

/**
 * Null when bubblewrap can confine a process here, else why not (not installed, no user
 * namespaces, …). Probed once with the namespaces the kernel gets.
 */
export function bwrapUnavailable(): string | null {
  if (bwrapProbe !== undefined) return bwrapProbe;
  const probe = spawnSync("bwrap", [...BWRAP_NAMESPACES, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  if (probe.error) bwrapProbe = `bwrap cannot be started (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}); install the Debian package bubblewrap`;
  else if (probe.status !== 0) bwrapProbe = `bwrap does not work here: ${probe.stderr.trim() || `exit code ${probe.status}`}`;
  else bwrapProbe = null;
  return bwrapProbe;
}

/** Null when prlimit (util-linux) is there, else what to install. */
export function prlimitUnavailable(): string | null {
  const probe = spawnSync("prlimit", ["--version"], { encoding: "utf8" });
  return probe.error ? "prlimit (util-linux) is missing: the memory limit needs it" : null;
}
