/**
 * What is preloaded into every kernel process. The orphan guard: the kernel ends when the process that
 * started it is gone, so a runner killed with SIGKILL leaves no kernel behind — and neither
 * anything a cell started: before exiting, the guard kills its descendants, every process
 * carrying the kernel's marker (see process-tree.ts) and its own process group. It polls the parent id because the
 * kernel runs in its own process group and gets no signal then. And a fix of the kernel's iopub
 * socket, which would otherwise drop output (see IOPUB_WITHOUT_LOSS). It is passed inline as a
 * data: URL, so the kernel does not depend on a file in dist/.
 */
import { KERNEL_MARKER } from "./process-tree.js";

/**
 * Makes the kernel's iopub socket lose no message: zeromq.js resolves at most 512 sends in a row
 * synchronously and then answers EBUSY until the event loop turns (src/socket.cc,
 * max_sync_operations), which a cell printing in a loop never lets happen — tslab then drops
 * the rest of the output and the final "idle" status, and the cell seems to hang. A send
 * timeout of 0 keeps every send synchronous, and no high-water mark drops nothing (the client
 * caps what it keeps, see output-collector.ts).
 */
const IOPUB_WITHOUT_LOSS = `try {
  const zmq = createRequire(process.argv[1])("zeromq");
  const bind = zmq.Publisher.prototype.bind;
  Object.defineProperty(zmq.Publisher.prototype, "bind", { configurable: true, writable: true, value: function (...args) {
    this.sendTimeout = 0;
    this.sendHighWaterMark = 0;
    return bind.apply(this, args);
  } });
} catch {}`;

/** Poll interval of the orphan check, in milliseconds. */
export const GUARD_INTERVAL_MS = 500;

/** The guard's source (plain JavaScript, an ES module run before tslab starts). */
export const GUARD_SOURCE = `import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
${IOPUB_WITHOUT_LOSS}
const parentAtStart = process.ppid;
const id = process.env.${KERNEL_MARKER};
function endAll() {
  let all = [];
  try { all = readdirSync("/proc").filter((e) => /^\\d+$/.test(e)).map(Number); } catch {}
  const doomed = new Set();
  const children = new Map();
  for (const p of all) {
    try {
      const stat = readFileSync("/proc/" + p + "/stat", "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), p]);
      if (id && readFileSync("/proc/" + p + "/environ", "latin1").split("\\0").includes("${KERNEL_MARKER}=" + id)) doomed.add(p);
    } catch {}
  }
  const family = [process.pid];
  for (let i = 0; i < family.length; i++) for (const c of children.get(family[i]) ?? []) { family.push(c); doomed.add(c); }
  doomed.delete(process.pid);
  for (const p of doomed) { try { process.kill(p, "SIGKILL"); } catch {} }
  try { process.kill(-process.pid, "SIGKILL"); } catch {}
  process.exit(129);
}
setInterval(() => { if (process.ppid !== parentAtStart) endAll(); }, ${GUARD_INTERVAL_MS}).unref();
`;

/**
 * The `--import` argument that preloads the guard.
 * @example guardImportUrl().startsWith("data:text/javascript,") // => true
 */
export function guardImportUrl(): string {
  return `data:text/javascript,${encodeURIComponent(GUARD_SOURCE)}`;
}
