/**
 * A cell that starts processes every way a cell can: a plain child (in the kernel's process
 * group), a detached one (its own session), a double fork (a shell that exits at once, leaving
 * its child to init) and a detached child with an environment of its own (no marker). It prints
 * their pids as a JSON array.
 */
export const SPAWN_CELL = `import * as cp from "child_process";
const plain = cp.spawn("sleep", ["1001"], { stdio: "ignore" });
const detached = cp.spawn("sleep", ["1002"], { detached: true, stdio: "ignore" }); detached.unref();
const shell = cp.spawn("sh", ["-c", "sleep 1003 >/dev/null 2>&1 & echo $!"], { stdio: ["ignore", "pipe", "ignore"] });
const orphan = await new Promise<number>((r) => shell.stdout!.on("data", (d) => r(Number(String(d).trim()))));
const clean = cp.spawn("sleep", ["1004"], { detached: true, stdio: "ignore", env: { PATH: process.env.PATH } }); clean.unref();
await new Promise((r) => setTimeout(r, 300));
console.log(JSON.stringify([plain.pid, detached.pid, orphan, clean.pid]));`;
