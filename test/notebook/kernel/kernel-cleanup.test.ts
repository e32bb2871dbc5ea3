import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CellTimeoutError } from "../../../src/notebook/format/errors.js";
import { startKernel } from "../../../src/notebook/kernel/kernel-client.js";
import { processAlive } from "./kernel-processes.js";
import { SPAWN_CELL } from "./spawn-cell.js";
import { leftoverProcesses, MARKER, newMarker } from "../../reliability/helpers.js";

const CHILD = fileURLToPath(new URL("./kernel-child.js", import.meta.url));

/** Starts the helper, waits for the pids it prints, sends `signal`, and returns them. */
async function killRunnerWith(
  signal: NodeJS.Signals,
  mode = "",
): Promise<{ kernelPid: number; children: number[]; exit: NodeJS.Signals | number | null }> {
  const child = spawn(process.execPath, [CHILD, mode], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<NodeJS.Signals | number | null>((r) => child.once("exit", (code, sig) => r(sig ?? code)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", () => reject(new Error(`helper exited before starting a kernel: ${out}`)));
  });
  const [pid, json] = line.split(" ");
  const kernelPid = Number(pid);
  const children = json ? (JSON.parse(json) as number[]) : [];
  assert.ok(processAlive(kernelPid));
  if (mode === "spawn-loop") await busy(kernelPid);
  child.kill(signal);
  return { kernelPid, children, exit: await exited };
}

/** Waits until the process has been running (not sleeping) for a while: the endless loop started. */
async function busy(pid: number): Promise<void> {
  const state = (): string => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  };
  for (let running = 0, end = Date.now() + 30_000; running < 5; running = state() === "R" ? running + 1 : 0) {
    assert.ok(Date.now() < end, "the kernel never started the endless loop");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForDeath(pids: number[], ms: number): Promise<number[]> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!pids.some(processAlive)) return [];
    await new Promise((r) => setTimeout(r, 50));
  }
  return pids.filter(processAlive);
}

/** Runs the spawning cell in a kernel and returns the pids it printed (all alive). */
async function spawnChildren(kernel: Awaited<ReturnType<typeof startKernel>>): Promise<number[]> {
  const r = await kernel.execute(SPAWN_CELL, { timeoutMs: 30_000 });
  assert.equal(r.status, "ok", JSON.stringify(r.outputs));
  const pids = JSON.parse(r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("")) as number[];
  assert.equal(pids.length, 4);
  assert.deepEqual(
    pids.filter((p) => !processAlive(p)),
    [],
    "the cell's processes run",
  );
  return pids;
}

describe("kernel cleanup when the runner is stopped", function () {
  this.timeout(180_000);

  it("kills the kernel when the runner gets SIGINT (Ctrl-C) and still exits by that signal", async () => {
    const { kernelPid, exit } = await killRunnerWith("SIGINT");
    assert.equal(exit, "SIGINT");
    // The handler kills the kernel before the runner exits; the orphan guard would need up to 500 ms.
    assert.deepEqual(await waitForDeath([kernelPid], 150), []);
  });

  it("ends an orphaned kernel by itself when the runner is killed with SIGKILL", async () => {
    const { kernelPid, exit } = await killRunnerWith("SIGKILL");
    assert.equal(exit, "SIGKILL");
    assert.deepEqual(await waitForDeath([kernelPid], 3000), []);
  });
});

describe("kernels are contained: every process a cell starts ends with its kernel", function () {
  this.timeout(180_000);

  it("after a graceful shutdown: plain, detached, double-forked and marker-less children", async () => {
    const kernel = await startKernel();
    let pids: number[] = [];
    try {
      pids = await spawnChildren(kernel);
    } finally {
      await kernel.shutdown();
    }
    assert.deepEqual(await waitForDeath([kernel.pid, ...pids], 1000), []);
  });

  it("after a forced stop (a cell timed out)", async () => {
    const kernel = await startKernel();
    let pids: number[] = [];
    try {
      pids = await spawnChildren(kernel);
      await assert.rejects(kernel.execute("for (;;) {}", { timeoutMs: 1500, label: "cell 2" }), CellTimeoutError);
    } finally {
      await kernel.shutdown();
    }
    assert.deepEqual(await waitForDeath([kernel.pid, ...pids], 1000), []);
  });

  it("after the runner was killed with SIGKILL (the kernel's orphan guard ends them)", async () => {
    const { kernelPid, children, exit } = await killRunnerWith("SIGKILL", "spawn");
    assert.equal(exit, "SIGKILL");
    assert.equal(children.length, 4);
    assert.deepEqual(await waitForDeath([kernelPid, ...children], 3000), []);
  });

  it("after the runner was killed with SIGKILL while a cell runs an endless loop (the guard runs in its own thread)", async () => {
    const { kernelPid, children, exit } = await killRunnerWith("SIGKILL", "spawn-loop");
    assert.equal(exit, "SIGKILL");
    assert.deepEqual(await waitForDeath([kernelPid, ...children], 3000), []);
  });

  it("after the runner got SIGTERM", async () => {
    const { kernelPid, children, exit } = await killRunnerWith("SIGTERM", "spawn");
    assert.equal(exit, "SIGTERM");
    assert.deepEqual(await waitForDeath([kernelPid, ...children], 1000), []);
  });
});

describe("a runner killed with SIGKILL while its kernel starts", function () {
  this.timeout(600_000);

  /** Starts the helper with a marker every process it starts inherits; resolves when it printed its kernel's pid. */
  function startRunner(marker: string): { ready: Promise<void>; exited: Promise<unknown>; kill(): void } {
    const child = spawn(process.execPath, [CHILD], {
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, [MARKER]: marker },
    });
    const exited = new Promise((r) => child.once("exit", r));
    const ready = new Promise<void>((r) => child.stdout!.on("data", () => r()));
    return { ready, exited, kill: () => child.kill("SIGKILL") };
  }

  it("leaves no kernel (or anything it started) at any of 20 moments from the spawn to a kernel that answers", async () => {
    // How long a start takes here and now: the moments are spread over it.
    const marker = newMarker();
    const began = Date.now();
    const first = startRunner(marker);
    await first.ready;
    const startMs = Date.now() - began;
    first.kill();
    await first.exited;
    assert.deepEqual(await leftoverProcesses(marker, 5000), []);
    const left: string[] = [];
    for (let i = 0; i < 20; i++) {
      const at = Math.round((startMs * 1.1 * i) / 19);
      const m = newMarker();
      const runner = startRunner(m);
      await new Promise((r) => setTimeout(r, at));
      runner.kill();
      await runner.exited;
      const alive = await leftoverProcesses(m, 5000);
      if (alive.length)
        left.push(`killed ${at} ms after the spawn: ${alive.length} processes alive (${alive.join(", ")})`);
    }
    assert.deepEqual(left, [], `a start took ${startMs} ms`);
  });
});
