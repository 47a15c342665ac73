// The project-local kernelspec. Jupyter starts a kernel from kernel.json's argv, which has to name
// real paths; the committed kernel/kernelspec/deepnotes/kernel.json can only say "node" and
// "{resource_dir}/../../launch.js" (fine from the repo, broken once copied by
// `jupyter kernelspec install`). So `npm run notebook` writes a copy with this machine's absolute
// node and launcher paths into <repo>/.jupyter/kernels/deepnotes/ (gitignored) and puts
// <repo>/.jupyter on JUPYTER_PATH — nothing is installed into the user's Jupyter.

import * as fs from "node:fs";
import * as path from "node:path";
import { launcherPath, packageRoot, projectJupyterPath } from "./paths";

const KERNEL_NAME = "deepnotes";

export interface Kernelspec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal" | "message";
  env?: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** The committed kernelspec directory (kernel.json and, if present, the logos). */
export function bundledKernelspecDir(): string {
  return path.join(packageRoot(), "kernel", "kernelspec", KERNEL_NAME);
}

/** The kernelspec with absolute paths for this machine: this node binary and our launcher. */
export function localKernelspec(): Kernelspec {
  const bundled = JSON.parse(fs.readFileSync(path.join(bundledKernelspecDir(), "kernel.json"), "utf8")) as Kernelspec;
  return { ...bundled, argv: [process.execPath, launcherPath(), "{connection_file}"] };
}

/**
 * Writes the kernelspec into `<jupyterPath>/kernels/deepnotes/` (default `<repo>/.jupyter`, the
 * directory to put on JUPYTER_PATH) and returns that kernel directory. Logos are copied along.
 */
export function writeKernelspec(jupyterPath: string = projectJupyterPath()): string {
  const kernelDir = path.join(jupyterPath, "kernels", KERNEL_NAME);
  fs.mkdirSync(kernelDir, { recursive: true });
  fs.writeFileSync(path.join(kernelDir, "kernel.json"), `${JSON.stringify(localKernelspec(), null, 2)}\n`);
  for (const file of fs.readdirSync(bundledKernelspecDir())) {
    if (file.startsWith("logo-")) fs.copyFileSync(path.join(bundledKernelspecDir(), file), path.join(kernelDir, file));
  }
  return kernelDir;
}
