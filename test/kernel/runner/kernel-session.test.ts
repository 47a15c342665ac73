// Starting a kernel, and each way it can fail to start, with stand-in kernels
// (test/kernel/fixtures/kernels/): each failure has its own kind and a message that names the
// kernel command and what happened, and arrives within the start timeout. Two races of the start
// are provoked on purpose: a kernel slower to answer kernel_info than the runner's poll interval,
// and a port taken between the runner choosing it and the kernel binding it.
import * as net from "node:net";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, test } from "vitest";
import type { Notebook } from "../../../kernel/notebook-format";
import { createConnectionInfo } from "../../../kernel/runner/connection";
import { kernelCommandFor } from "../../../kernel/runner/kernel-command";
import { KernelSession, KernelStartError } from "../../../kernel/runner/kernel-session";

const kernels = join(__dirname, "..", "fixtures", "kernels");
const cwd = join(__dirname, "..", "fixtures");

/** The command of the fixture kernelspec `name`, looked up as the runner does for a notebook. */
function command(name: string) {
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name, display_name: name } }, cells: [] };
  const found = kernelCommandFor(notebook, [kernels]);
  expect(found.name).toBe(name);
  return found;
}

/** The start error of `name` and how long it took to arrive. */
async function startFailure(name: string, timeoutMs: number): Promise<{ error: KernelStartError; seconds: number }> {
  const begin = performance.now();
  const error = await KernelSession.start(cwd, timeoutMs, { command: command(name) }).then(
    () => {
      throw new Error(`kernel ${name} started`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KernelStartError);
  return { error: error as KernelStartError, seconds: (performance.now() - begin) / 1000 };
}

describe("kernel start failures", () => {
  test("a kernel that dies during start: kernel-start-failed, with its exit code and stderr", async () => {
    const { error, seconds } = await startFailure("fake-dies", 20_000);
    expect(error.kind).toBe("kernel-start-failed");
    expect(error.message).toBe(
      `the kernel process exited with code 1 during start (kernel command: node ${kernels}/fake-dies/../fake-kernel.js dies {connection_file}; ` +
        "stderr: fake kernel: cannot load the model weights (on purpose))",
    );
    expect(seconds).toBeLessThan(15);
  });

  test("a kernel that never answers: kernel-start-timeout once the start limit has passed", async () => {
    const { error, seconds } = await startFailure("fake-silent", 2000);
    expect(error.kind).toBe("kernel-start-timeout");
    expect(error.message).toBe(`the kernel did not answer within 2.0 s (kernel command: node ${kernels}/fake-silent/../fake-kernel.js silent {connection_file})`);
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(4);
  });

  test("a kernelspec whose launcher is missing: kernel-missing, before anything is spawned", async () => {
    const { error, seconds } = await startFailure("missing-launcher", 20_000);
    expect(error.kind).toBe("kernel-missing");
    expect(error.message).toBe(
      `the kernel cannot be started: the file ${kernels}/missing-launcher/launch.js does not exist (kernel command: node ${kernels}/missing-launcher/launch.js {connection_file})`,
    );
    expect(seconds).toBeLessThan(1);
  });

  test("a working directory that does not exist is named as such", async () => {
    await expect(KernelSession.start(join(cwd, "no-such-dir"), 5000)).rejects.toMatchObject({
      kind: "kernel-start-failed",
      message: `the kernel's working directory ${join(cwd, "no-such-dir")} does not exist`,
    });
  });
});

describe("kernel start races", () => {
  test("a kernel that answers kernel_info only after 600 ms (more than the 250 ms poll) still starts", async () => {
    // Before: each kernel_info request was dropped after 250 ms, so a kernel (or a machine) slower
    // than that never became ready and the start ran into its timeout.
    const session = await KernelSession.start(cwd, 20_000, { command: command("fake-slow-info") });
    try {
      expect(session.kernelInfo.implementation).toBe("fake");
      expect(session.startSeconds).toBeGreaterThanOrEqual(0.6);
      expect(session.startSeconds).toBeLessThan(10);
    } finally {
      await session.dispose();
    }
  });

  test("a port taken before the kernel binds it: the launcher exits at once and the start retries with fresh ports", async () => {
    // Before: tslab logged the failed bind and lived on without that socket, and the runner waited
    // for the whole start timeout (60 s) — the hang of the crash/restart test under load.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    let calls = 0;
    const createConnection = async () => {
      const info = await createConnectionInfo();
      return ++calls === 1 ? { ...info, shell_port: taken } : info;
    };
    try {
      const session = await KernelSession.start(cwd, 60_000, { createConnection });
      try {
        expect(session.startAttempts).toBe(2);
        expect(session.client.connection.shell_port).not.toBe(taken);
        expect(session.kernelInfo.implementation).toBe("tslab");
      } finally {
        await session.dispose();
      }
    } finally {
      squatter.close();
    }
  }, 120_000);
});
