// The kernelspec Jupyter uses: the committed one resolves to our launcher through {resource_dir},
// the project-local one names absolute paths, and its argv, run exactly as Jupyter would run it,
// starts a kernel that answers (checked with our own client, so no Jupyter is needed).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { bundledKernelspecDir, localKernelspec, writeKernelspec, type Kernelspec } from "../../kernel/kernelspec";
import { launcherPath } from "../../kernel/paths";
import { KernelClient } from "../../kernel/runner/client";
import { createConnectionInfo, removeConnectionFile, writeConnectionFile } from "../../kernel/runner/connection";

const jupyterDir = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-jupyter-"));
afterAll(() => fs.rmSync(jupyterDir, { recursive: true, force: true }));

describe("kernelspec", () => {
  test("the committed kernel.json: name, language, signal interrupts, launcher via {resource_dir}", () => {
    const spec = JSON.parse(fs.readFileSync(join(bundledKernelspecDir(), "kernel.json"), "utf8")) as Kernelspec;
    expect(spec).toMatchObject({ display_name: "deepnotes (TypeScript)", language: "typescript", interrupt_mode: "signal" });
    expect(spec.argv[2]).toBe("{connection_file}");
    expect(resolve(spec.argv[1].replace("{resource_dir}", bundledKernelspecDir()))).toBe(launcherPath());
  });

  test("writeKernelspec writes kernels/deepnotes/kernel.json with absolute node and launcher", () => {
    const kernelDir = writeKernelspec(jupyterDir);
    expect(kernelDir).toBe(join(jupyterDir, "kernels", "deepnotes"));
    const spec = JSON.parse(fs.readFileSync(join(kernelDir, "kernel.json"), "utf8")) as Kernelspec;
    expect(spec).toEqual(localKernelspec());
    expect(spec.argv).toEqual([process.execPath, launcherPath(), "{connection_file}"]);
  });

  test("its argv starts a kernel that runs a cell and shuts down", async () => {
    const spec = JSON.parse(fs.readFileSync(join(writeKernelspec(jupyterDir), "kernel.json"), "utf8")) as Kernelspec;
    const connection = await createConnectionInfo();
    const file = writeConnectionFile(connection);
    const [command, ...args] = spec.argv.map((arg) => arg.replace("{connection_file}", file));
    // Jupyter starts kernels in the notebook's directory.
    const child = spawn(command, args, { cwd: join(__dirname, "fixtures"), stdio: "ignore" });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const client = new KernelClient(connection, () => child.kill("SIGINT"));
    try {
      const info = await client.waitForReady(30_000);
      expect(info.implementation).toBe("tslab");
      expect(await client.isAlive()).toBe(true);
      const { reply, iopub } = await client.executeRequest('import { tensor } from "deepnotes";\nconsole.log(tensor([2, 3]).sum().item());');
      expect(reply.status).toBe("ok");
      expect(iopub.map((m) => m.content)).toEqual([{ name: "stdout", text: "5\n" }]);
      expect(client.invalidMessages).toBe(0);
      expect(await client.shutdown(2000)).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      client.close();
      child.kill("SIGKILL");
      removeConnectionFile(file);
    }
  });
});
