import { strict as assert } from "node:assert";
import { createServer } from "node:net";
import { ephemeralRange, freePort, LOWEST_KERNEL_PORT } from "../../../src/notebook/kernel/connection-file.js";

// Whether a server can listen on the port on 127.0.0.1 now.
const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

describe("kernel ports (connection-file.ts)", () => {
  it("reads the system's ephemeral range, and nothing from text that is not one", () => {
    assert.deepEqual(ephemeralRange("32768\t60999\n"), { low: 32768, high: 60999 });
    assert.deepEqual(ephemeralRange("1024 65535"), { low: 1024, high: 65535 });
    assert.equal(ephemeralRange(""), undefined);
    assert.equal(ephemeralRange("60999 32768"), undefined);
    assert.equal(ephemeralRange("a b"), undefined);
  });

  it("chooses free ports below the ephemeral range, never the same one twice", async () => {
    const range = { low: 32768, high: 60999 };
    const ports = [];
    for (let i = 0; i < 40; i++) ports.push(await freePort(range));
    assert.equal(new Set(ports).size, 40);
    for (const port of ports) assert.ok(port >= LOWEST_KERNEL_PORT && port < range.low, `${port}`);
    assert.ok(await canListen(ports[0]!));
  });

  it("lets the system choose where the range leaves no room below it, or is unknown", async () => {
    const taken = new Set<number>();
    for (const range of [{ low: 1024, high: 65535 }, undefined]) {
      const port = await freePort(range);
      assert.ok(port > 0 && port < 65536 && !taken.has(port));
      taken.add(port);
    }
  });

  it("skips a port another process listens on", async () => {
    // A range one port wide below the ephemeral one would leave no room; a busy server covers the system's choice.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const busy = (server.address() as { port: number }).port;
      for (let i = 0; i < 20; i++) assert.notEqual(await freePort(), busy);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
