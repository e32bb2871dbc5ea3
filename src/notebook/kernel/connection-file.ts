/**
 * The kernel's connection file: five free TCP ports on 127.0.0.1 and a random HMAC key,
 * written readable by the owner only and removed once the kernel has read it.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeOnExit } from "../../node/exit-cleanup.js";

/** The content of a Jupyter connection file. */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** A connection file on disk; `remove()` deletes it and its private folder. */
export interface ConnectionFile {
  path: string;
  info: ConnectionInfo;
  remove(): Promise<void>;
}

// Ports handed out by this process stay reserved, so kernels started in parallel never share one.
const handedOut = new Set<number>();

/** The lowest port handed to a kernel: above the registered ports most services listen on. */
export const LOWEST_KERNEL_PORT = 10_000;

/**
 * The ports the system gives to outgoing connections and to `listen(0)` (Linux's
 * `ip_local_port_range`), or undefined where it cannot be read.
 * @example ephemeralRange("32768\t60999\n") // => { low: 32768, high: 60999 }
 */
export function ephemeralRange(text?: string): { low: number; high: number } | undefined {
  let content = text;
  if (content === undefined)
    try {
      content = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8");
    } catch {
      return undefined;
    }
  const [low, high] = content.trim().split(/\s+/).map(Number);
  return Number.isInteger(low) && Number.isInteger(high) && low! <= high! ? { low: low!, high: high! } : undefined;
}

/**
 * Finds a TCP port on 127.0.0.1 that is free now and was not handed out before by this process.
 * Between this choice and the kernel's bind another process may take the port; the system hands
 * out ports of its ephemeral range to every outgoing connection (and a client connecting to a port
 * not yet bound can even get that very port as its own), so the port is chosen below that range
 * where there is room, and otherwise by the system. startKernel retries a start that still meets a taken port.
 * @example await freePort() // => 23117 (some free port below the ephemeral range)
 */
export async function freePort(range = ephemeralRange()): Promise<number> {
  const below = range && range.low - LOWEST_KERNEL_PORT >= 1000 ? range.low - LOWEST_KERNEL_PORT : 0;
  for (let tries = 0; ; tries++) {
    const wanted = below > 0 && tries < 100 ? LOWEST_KERNEL_PORT + Math.floor(Math.random() * below) : 0;
    if (handedOut.has(wanted)) continue;
    const port = await listenOnce(wanted);
    if (port !== undefined && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

// Listens on the port (0: one the system chooses) and closes again; undefined when it is taken.
function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (e: NodeJS.ErrnoException) =>
      e.code === "EADDRINUSE" || e.code === "EACCES" ? resolve(undefined) : reject(e),
    );
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const found = typeof address === "object" && address ? address.port : undefined;
      server.close(() => resolve(found));
    });
  });
}

/** How the temp folders of connection files start; the creating process's id follows, so that a later run can remove those of processes that are gone. */
export const CONNECTION_DIR_PREFIX = "interspin-kernel-";

/**
 * Writes a fresh connection file (mode 0600, in a new 0700 temp folder named
 * `interspin-kernel-<pid>-…`), removed by `remove()` or at the latest when this process exits.
 * @example const file = await createConnectionFile(); file.info.ip // => "127.0.0.1"
 */
export async function createConnectionFile(kernelName = "tslab"): Promise<ConnectionFile> {
  const info: ConnectionInfo = {
    transport: "tcp",
    ip: "127.0.0.1",
    shell_port: await freePort(),
    iopub_port: await freePort(),
    stdin_port: await freePort(),
    control_port: await freePort(),
    hb_port: await freePort(),
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
  const dir = await mkdtemp(join(tmpdir(), `${CONNECTION_DIR_PREFIX}${process.pid}-`));
  const forget = removeOnExit(dir);
  const path = join(dir, "kernel-connection.json");
  await writeFile(path, JSON.stringify(info), { mode: 0o600 });
  return {
    path,
    info,
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
      forget();
    },
  };
}
