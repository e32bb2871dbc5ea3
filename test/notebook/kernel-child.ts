/**
 * Test helper run as a separate process: starts a kernel, prints its pid, then waits in a
 * long cell until it is killed. Used to check that signals to the runner end the kernel.
 */
import { startKernel } from "../../src/notebook/kernel-client.js";

const kernel = await startKernel();
process.stdout.write(`${kernel.pid}\n`);
await kernel.execute("await new Promise((r) => setTimeout(r, 60_000));", { timeoutMs: 120_000 });
