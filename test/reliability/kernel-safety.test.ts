import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { parseReportOptions } from "../../src/report/report-options.js";
import { InvalidSignatureError } from "../../src/notebook/format/errors.js";
import { DEFAULT_CELL_TIMEOUT_MS, startKernel } from "../../src/notebook/kernel/kernel-client.js";
import { paths } from "../../src/paths.js";
import { startRenderer } from "../../src/render/render-static.js";
import { MARKER, leftoverProcesses, newMarker, processesWithMarker } from "./helpers.js";
import { processAlive } from "../notebook/kernel/kernel-processes.js";

const forgingKernel = join(paths.root, "dist", "test", "reliability", "forging-kernel.js");

/** Pids of a process and all its descendants (Linux /proc). */
function familyOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      parents.set(Number(e), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const family = [pid];
  for (let i = 0; i < family.length; i++)
    for (const [child, parent] of parents) if (parent === family[i]) family.push(child);
  return family;
}

/** The local addresses (hex "ADDR:PORT" as in /proc/net/tcp*) of every listening TCP socket the processes own. */
function listeningAddresses(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      }
    } catch {
      // ended meanwhile
    }
  }
  const found: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[3] === "0A" && inodes.has(f[9]!)) found.push(f[1]!);
    }
  }
  return found;
}

describe("kernel client safety", function () {
  this.timeout(60_000);

  it("a tslab kernel listens on 127.0.0.1 only (every listening socket of its process tree)", async () => {
    const kernel = await startKernel({ cwd: paths.root });
    try {
      const listening = listeningAddresses(familyOf(kernel.pid));
      assert.ok(listening.length >= 4, `shell, iopub, control, stdin/heartbeat sockets: ${listening.join(" ")}`);
      assert.deepEqual(
        listening.filter((a) => !a.startsWith("0100007F:")),
        [],
        "sockets bound to another address than 127.0.0.1",
      );
    } finally {
      await kernel.shutdown();
    }
    assert.equal(processAlive(kernel.pid), false);
  });

  for (const channel of ["shell", "iopub"]) {
    it(`rejects a message on ${channel} signed with another key (a forging kernel), then stops it`, async () => {
      const kernel = await startKernel({
        cwd: paths.root,
        tslabBin: forgingKernel,
        env: { ...process.env, FORGE_CHANNEL: channel },
        startTimeoutMs: 20_000,
      });
      try {
        await assert.rejects(
          kernel.execute("1", { timeoutMs: 20_000 }),
          (e: Error) =>
            e instanceof InvalidSignatureError &&
            e.message === `rejected a message on ${channel} with an invalid HMAC signature`,
        );
        await assert.rejects(
          kernel.execute("2"),
          InvalidSignatureError,
          "the client stays closed after a forged message",
        );
      } finally {
        await kernel.shutdown();
      }
      assert.equal(processAlive(kernel.pid), false);
    });
  }

  it("times cells out after 120 s unless configured; --timeout sets the limit in seconds", () => {
    assert.equal(DEFAULT_CELL_TIMEOUT_MS, 120_000);
    assert.equal(parseReportOptions([]).timeoutMs, 120_000);
    assert.equal(parseReportOptions(["--timeout", "7"]).timeoutMs, 7_000);
    assert.throws(
      () => parseReportOptions(["--timeout", "0"]),
      /--timeout needs a whole number from 1 to 86400, got "0"/,
    );
  });

  it("static rendering leaves no browser process behind", async function () {
    const marker = newMarker();
    process.env[MARKER] = marker;
    let renderer: Awaited<ReturnType<typeof startRenderer>>;
    try {
      renderer = await startRenderer();
    } finally {
      delete process.env[MARKER];
    }
    if (!renderer) this.skip();
    assert.ok(processesWithMarker(marker).length > 0, "the browser's processes carry the marker");
    await renderer!.close();
    assert.deepEqual(await leftoverProcesses(marker), []);
  });
});
