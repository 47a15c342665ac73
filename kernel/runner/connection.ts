// A kernel's connection file: five TCP ports on 127.0.0.1 and the HMAC key, written where only we
// can read it. The kernel binds the ports, the client connects to them. Ports are bind-tested and
// released, and the kernel binds them a second or more later (tslab's start-up). In between:
// - another kernel of this process could be handed the same port by the OS: ports given out here
//   stay reserved until `releasePorts`, and are never handed out twice;
// - another process can take one: our launcher then exits with "ports taken" and the session
//   retries with fresh ports (kernel-session.ts).

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export interface ConnectionInfo {
  /** For tcp an address; for ipc a path prefix (each channel's socket is "<ip>:<port>", as tslab binds it). */
  ip: string;
  transport: "tcp" | "ipc";
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

export type Channel = "shell" | "iopub" | "stdin" | "control" | "hb";

const LOCALHOST = "127.0.0.1";

/** Ports handed out by createConnectionInfo and not yet released. */
const reservedPorts = new Set<number>();

/**
 * `count` distinct free TCP ports on 127.0.0.1, none of them in `exclude`. All test servers are
 * held open together so the OS cannot hand the same port out twice within one call.
 */
export async function findFreePorts(count: number, exclude: ReadonlySet<number> = new Set()): Promise<number[]> {
  const servers: net.Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, LOCALHOST, () => resolve());
      });
      const port = (server.address() as net.AddressInfo).port;
      if (!exclude.has(port)) ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Fresh connection info: free ports (reserved until `releasePorts`) and a random 256-bit key. */
export async function createConnectionInfo(kernelName = "deepnotes"): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = await findFreePorts(5, reservedPorts);
  for (const port of [shell, iopub, stdin, control, hb]) reservedPorts.add(port);
  return {
    ip: LOCALHOST,
    transport: "tcp",
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
}

/** Gives the ports of a kernel that has exited back to createConnectionInfo. */
export function releasePorts(info: ConnectionInfo): void {
  for (const port of [info.shell_port, info.iopub_port, info.stdin_port, info.control_port, info.hb_port]) reservedPorts.delete(port);
}

/**
 * Connection info over ipc:// (Unix domain sockets) with sockets `<dir>/k:1` … `<dir>/k:5`: for a
 * kernel without a network (the grader's sandbox) whose folder the client can reach. Socket paths
 * must stay under ~100 characters.
 */
export function ipcConnectionInfo(dir: string, kernelName = "deepnotes"): ConnectionInfo {
  const ip = path.join(dir, "k");
  if (ip.length > 90) throw new Error(`ipc socket path too long for Unix sockets: ${ip}`);
  return {
    ip,
    transport: "ipc",
    shell_port: 1,
    iopub_port: 2,
    stdin_port: 3,
    control_port: 4,
    hb_port: 5,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
}

/** Writes the connection file (mode 0600: it holds the key) into the OS temp dir; returns its path. */
export function writeConnectionFile(info: ConnectionInfo): string {
  const file = path.join(os.tmpdir(), `deepnotes-kernel-${randomBytes(6).toString("hex")}.json`);
  fs.writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
  return file;
}

/** Removes a connection file; a file that is already gone is fine. */
export function removeConnectionFile(file: string): void {
  fs.rmSync(file, { force: true });
}

/** The zeromq address of one channel, e.g. "tcp://127.0.0.1:50123" or "ipc:///tmp/x/k:2". */
export function channelAddress(info: ConnectionInfo, channel: Channel): string {
  return `${info.transport}://${info.ip}:${info[`${channel}_port`]}`;
}
