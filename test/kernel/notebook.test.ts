// `npm run notebook` without starting a real Jupyter: with no Jupyter on PATH it prints the one
// paragraph; with a stand-in `jupyter` script it runs `jupyter notebook` in notebooks/ with the
// project-local kernelspec first on JUPYTER_PATH.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { JUPYTER_MISSING_MESSAGE, startNotebookServer } from "../../kernel/notebook";
import { packageRoot, projectJupyterPath } from "../../kernel/paths";

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
  vi.restoreAllMocks();
});

/**
 * A directory with executable stand-ins; `jupyter` records its arguments, JUPYTER_PATH and cwd
 * (with sh's builtins only, so PATH can be this directory alone).
 */
function fakeJupyter(apps: string[]): { bin: string; record: string } {
  const bin = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-fake-jupyter-"));
  const record = join(bin, "record.txt");
  const script = `#!/bin/sh\nprintf '%s\\n%s\\n%s\\n' "$*" "$JUPYTER_PATH" "$(pwd)" > '${record}'\n`;
  for (const name of ["jupyter", ...apps]) fs.writeFileSync(join(bin, name), script, { mode: 0o755 });
  return { bin, record };
}

describe("startNotebookServer", () => {
  test("without Jupyter: one paragraph on how to get it, exit code 0, kernelspec written anyway", async () => {
    process.env.PATH = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-empty-path-"));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await startNotebookServer()).toBe(0);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(JUPYTER_MISSING_MESSAGE);
    expect(JUPYTER_MISSING_MESSAGE).toContain("apt-get install jupyter-notebook");
    expect(JUPYTER_MISSING_MESSAGE).toContain("npx deepnotes run notebooks/");
    expect(fs.existsSync(join(projectJupyterPath(), "kernels", "deepnotes", "kernel.json"))).toBe(true);
  });

  test("prefers `jupyter notebook`, in notebooks/, with the project kernelspec on JUPYTER_PATH", async () => {
    const { bin, record } = fakeJupyter(["jupyter-notebook", "jupyter-lab"]);
    process.env.PATH = bin; // only the stand-ins: a real Jupyter on this machine must not be found
    expect(await startNotebookServer()).toBe(0);
    const [args, jupyterPath, cwd] = fs.readFileSync(record, "utf8").split("\n");
    expect(args).toBe("notebook");
    expect(jupyterPath.split(":")[0]).toBe(projectJupyterPath());
    expect(fs.realpathSync(cwd)).toBe(fs.realpathSync(join(packageRoot(), "notebooks")));
  });

  test("falls back to `jupyter lab` when only JupyterLab is installed", async () => {
    const { bin, record } = fakeJupyter(["jupyter-lab"]);
    process.env.PATH = bin; // only the stand-ins: a real Jupyter on this machine must not be found
    expect(await startNotebookServer({ notebookDir: os.tmpdir(), args: ["--no-browser"] })).toBe(0);
    expect(fs.readFileSync(record, "utf8").split("\n")[0]).toBe("lab --no-browser");
  });

  test("`deepnotes notebook` passes the options after it on to Jupyter", () => {
    const { bin, record } = fakeJupyter(["jupyter-notebook"]);
    const cli = join(packageRoot(), "dist", "kernel", "cli.js");
    const run = spawnSync(process.execPath, [cli, "notebook", "--no-browser", "--port", "9000", "--NotebookApp.token=t"], { env: { ...process.env, PATH: bin }, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(record, "utf8").split("\n")[0]).toBe("notebook --no-browser --port 9000 --NotebookApp.token=t");
  });
});
