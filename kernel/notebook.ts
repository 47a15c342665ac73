// `npm run notebook`: Jupyter with the deepnotes kernel, if Jupyter is installed. Jupyter is
// optional — headless runs (`npx deepnotes run …`) use our own client — so a missing Jupyter gets
// one paragraph saying how to install it, not a stack trace.

import { spawn } from "node:child_process";
import * as path from "node:path";
import { writeKernelspec } from "./kernelspec";
import { findOnPath, packageRoot, projectJupyterPath } from "./paths";

export interface NotebookServerOptions {
  /** The directory Jupyter opens; default <repo>/notebooks. */
  notebookDir?: string;
  /** Extra arguments for `jupyter notebook` / `jupyter lab`. */
  args?: string[];
}

export const JUPYTER_MISSING_MESSAGE =
  "Jupyter is not installed, and that is fine: it is optional. To open the notebooks interactively, " +
  "install Jupyter (on Debian/Ubuntu: `sudo apt-get install jupyter-notebook`; or any JupyterLab, " +
  "e.g. `pip install jupyterlab`) and run `npm run notebook` again; it will use the deepnotes kernel. " +
  "Running notebooks headless needs no Jupyter at all: `npx deepnotes run notebooks/<name>.ipynb`.";

/** `JUPYTER_PATH` with the project-local kernelspec directory first. */
function jupyterEnv(): NodeJS.ProcessEnv {
  const existing = process.env.JUPYTER_PATH;
  const jupyterPath = existing ? `${projectJupyterPath()}${path.delimiter}${existing}` : projectJupyterPath();
  return { ...process.env, JUPYTER_PATH: jupyterPath };
}

/**
 * Writes the kernelspec and runs `jupyter notebook` (or `jupyter lab` if only that is installed) in
 * the notebook directory until it exits; resolves with its exit code. Without Jupyter it prints
 * JUPYTER_MISSING_MESSAGE and resolves with 0 (nothing is broken; there is nothing to start).
 */
export async function startNotebookServer(options: NotebookServerOptions = {}): Promise<number> {
  writeKernelspec();
  // `jupyter notebook` dispatches to the `jupyter-notebook` executable; look for the subcommands.
  const app = findOnPath("jupyter-notebook") ? "notebook" : findOnPath("jupyter-lab") ? "lab" : null;
  if (findOnPath("jupyter") === null || app === null) {
    console.log(JUPYTER_MISSING_MESSAGE);
    return 0;
  }
  const cwd = options.notebookDir ?? path.join(packageRoot(), "notebooks");
  const child = spawn("jupyter", [app, ...(options.args ?? [])], { cwd, env: jupyterEnv(), stdio: "inherit" });
  // Ctrl-C goes to the whole foreground group: Jupyter handles it (it asks to confirm); we wait.
  const ignoreInterrupt = () => {};
  process.on("SIGINT", ignoreInterrupt);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.off("SIGINT", ignoreInterrupt);
  }
}

if (require.main === module) {
  startNotebookServer().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
