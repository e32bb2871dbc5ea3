import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { paths } from "../../../src/paths.js";
import { createServer, type Server, type Socket } from "node:net";
import { KernelPortTakenError, KernelStartError } from "../../../src/notebook/format/errors.js";
import { START_ATTEMPTS, startKernel } from "../../../src/notebook/kernel/kernel-client.js";
import { createConnectionFile } from "../../../src/notebook/kernel/connection-file.js";
import { liveTslabChildren, processAlive } from "./kernel-processes.js";

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

  describe("a port taken between its choice and the kernel's bind", () => {
    const servers: Server[] = [];
    // Connections the kernel's client made to those servers.
    const sockets = new Set<Socket>();
    // A connection file whose shell port another process's server listens on before the kernel starts.
    const takenShellPort = async () => {
      const file = await createConnectionFile();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(file.info.shell_port, "127.0.0.1", resolve));
      servers.push(server);
      return file;
    };
    afterEach(async () => {
      // zeromq keeps a connection still waiting for its greeting after the socket is closed.
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    });

    it("starts the kernel again with new ports, and leaves the other process's server alone", async () => {
      let calls = 0;
      const kernel = await startKernel({
        cwd: paths.root,
        startTimeoutMs: 50_000,
        connectionFile: () => (++calls === 1 ? takenShellPort() : createConnectionFile()),
      });
      try {
        assert.equal(calls, 2);
        const r = await kernel.execute("console.log(6 * 7)", { timeoutMs: 30_000 });
        assert.deepEqual(r.outputs, [{ output_type: "stream", name: "stdout", text: "42\n" }]);
        assert.equal(servers[0]!.listening, true);
      } finally {
        await kernel.shutdown();
      }
    });

    it(`gives up after ${START_ATTEMPTS} starts that all meet a taken port, naming the port, and leaves no kernel`, async () => {
      let calls = 0;
      const failed = await startKernel({
        cwd: paths.root,
        startTimeoutMs: 50_000,
        connectionFile: () => {
          calls++;
          return takenShellPort();
        },
      }).then(
        () => assert.fail("a kernel started on a taken port"),
        (e: unknown) => e,
      );
      assert.ok(failed instanceof KernelPortTakenError, String(failed));
      assert.ok(failed instanceof KernelStartError);
      assert.equal(calls, START_ATTEMPTS);
      const port = servers.at(-1)!.address() as { port: number };
      assert.match(failed.message, new RegExp(`EADDRINUSE[\\s\\S]*127\\.0\\.0\\.1:${port.port}`));
      assert.deepEqual(liveTslabChildren(), []);
    });
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
