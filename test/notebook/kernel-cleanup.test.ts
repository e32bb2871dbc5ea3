import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { processAlive } from "./kernel-processes.js";

const CHILD = fileURLToPath(new URL("./kernel-child.js", import.meta.url));

/** Starts the helper, waits for the kernel pid it prints, sends `signal`, and returns the kernel pid. */
async function killRunnerWith(signal: NodeJS.Signals): Promise<{ kernelPid: number; exit: NodeJS.Signals | number | null }> {
  const child = spawn(process.execPath, [CHILD], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<NodeJS.Signals | number | null>((r) => child.once("exit", (code, sig) => r(sig ?? code)));
  const kernelPid = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    child.once("exit", () => reject(new Error(`helper exited before starting a kernel: ${out}`)));
  });
  assert.ok(processAlive(kernelPid));
  child.kill(signal);
  return { kernelPid, exit: await exited };
}

async function waitForDeath(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !processAlive(pid);
}

describe("kernel cleanup when the runner is stopped", function () {
  this.timeout(60_000);

  it("kills the kernel when the runner gets SIGINT (Ctrl-C) and still exits by that signal", async () => {
    const { kernelPid, exit } = await killRunnerWith("SIGINT");
    assert.equal(exit, "SIGINT");
    // The handler kills the kernel before the runner exits; the orphan guard would need up to 500 ms.
    assert.equal(await waitForDeath(kernelPid, 150), true);
  });

  it("ends an orphaned kernel by itself when the runner is killed with SIGKILL", async () => {
    const { kernelPid, exit } = await killRunnerWith("SIGKILL");
    assert.equal(exit, "SIGKILL");
    assert.equal(await waitForDeath(kernelPid, 3000), true);
  });
});
