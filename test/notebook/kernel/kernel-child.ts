/**
 * Test helper run as a separate process: starts a kernel, prints its pid (with `spawn` as the
 * first argument: first runs {@link SPAWN_CELL} and prints `<kernel pid> <child pids as JSON>`),
 * then waits in a long cell (with `spawn-loop`: an endless loop) until it is killed. Used to check that signals to the runner end the
 * kernel and everything it started.
 */
import { startKernel } from "../../../src/notebook/kernel/kernel-client.js";
import { SPAWN_CELL } from "./spawn-cell.js";

const kernel = await startKernel();
let children = "";
if (process.argv[2]?.startsWith("spawn")) {
  const r = await kernel.execute(SPAWN_CELL, { timeoutMs: 30_000 });
  children = ` ${r.outputs
    .map((o) => (o.output_type === "stream" ? o.text : ""))
    .join("")
    .trim()}`;
}
process.stdout.write(`${kernel.pid}${children}\n`);
// "spawn-loop": the cell then never yields, so only a guard outside the kernel's event loop can act.
await kernel.execute(
  process.argv[2] === "spawn-loop" ? "for (;;) {}" : "await new Promise((r) => setTimeout(r, 60_000));",
  { timeoutMs: 120_000 },
);
