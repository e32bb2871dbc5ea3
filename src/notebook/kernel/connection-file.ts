/**
 * The kernel's connection file: five free TCP ports on 127.0.0.1 and a random HMAC key,
 * written readable by the owner only and removed once the kernel has read it.
 */
import { randomBytes } from "node:crypto";
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

/**
 * Finds a TCP port on 127.0.0.1 that is free now and was not handed out before by this process.
 * @example await freePort() // => 40123 (some free port)
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        const found = typeof address === "object" && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
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
