import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { paths } from "../../../src/paths.js";
import { KernelStartError } from "../../../src/notebook/format/errors.js";
import { startKernel } from "../../../src/notebook/kernel/kernel-client.js";
import { processAlive } from "./kernel-processes.js";

describe("KernelClient (real tslab kernel)", function () {
  this.timeout(60_000);

  it("starts, executes, keeps state between executions, and leaves no process after shutdown", async () => {
    const kernel = await startKernel({ cwd: paths.root });
    try {
      assert.equal((kernel.kernelInfo as { implementation?: string }).implementation, "tslab");
      const first = await kernel.execute("let n = 40;", { timeoutMs: 30_000 });
      assert.deepEqual([first.status, first.executionCount, first.outputs], ["ok", 1, []]);
      const second = await kernel.execute("console.log(n + 2); console.error('warn')", { timeoutMs: 30_000 });
      assert.deepEqual(second.outputs, [
        { output_type: "stream", name: "stdout", text: "42\n" },
        { output_type: "stream", name: "stderr", text: "warn\n" },
      ]);
      const failed = await kernel.execute("const s: number = 'x';", { timeoutMs: 30_000 });
      assert.deepEqual([failed.status, failed.reply.status], ["error", "error"]);
    } finally {
      await kernel.shutdown();
    }
    assert.equal(kernel.alive, false);
    assert.equal(processAlive(kernel.pid), false);
    await assert.rejects(kernel.execute("1"), /shut down/);
  });

  it("fails with KernelStartError when the kernel cannot start", async () => {
    const t = Date.now();
    await assert.rejects(startKernel({ tslabBin: "/nonexistent/tslab", startTimeoutMs: 10_000 }), KernelStartError);
    assert.ok(Date.now() - t < 10_000, "a kernel that exits is reported at once, not at the timeout");
    assert.ok(existsSync(paths.tslabBin));
  });

  it("receives every line of a cell that prints in a loop (more than zeromq.js sends without yielding) and the end of the cell", async () => {
    const kernel = await startKernel({ cwd: paths.root });
    try {
      const r = await kernel.execute("for (let i = 0; i < 5000; i++) console.log(`line ${i}`);", { timeoutMs: 30_000 });
      assert.equal(r.status, "ok");
      const text = r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
      assert.equal(text, Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(""));
    } finally {
      await kernel.shutdown();
    }
  });
});
