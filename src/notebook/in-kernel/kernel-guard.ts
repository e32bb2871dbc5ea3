/**
 * What is preloaded into every kernel process. The orphan guard: the kernel ends when the process
 * that started it is gone, so a runner killed with SIGKILL leaves no kernel behind — and neither
 * anything a cell started: the guard kills its descendants, every process carrying the kernel's
 * marker (see process-tree.ts) and its own process group. The runner hands its own process id to
 * the kernel at spawn ({@link PARENT_ENV}); the guard compares the kernel's parent with it at once
 * and then every {@link GUARD_INTERVAL_MS}, in a worker thread, because the kernel runs in its own
 * process group and gets no signal then. (Reading the parent when the guard starts would be too
 * late: a runner killed during the kernel's start has already made it an orphan of process 1.)
 * And a fix of the kernel's iopub socket, which would otherwise drop output (see
 * IOPUB_WITHOUT_LOSS). It is passed inline as a data: URL, so the kernel does not depend on a
 * file in dist/.
 */
import { endFamily, KERNEL_MARKER } from "../kernel/process-tree.js";

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

/** The environment variable through which the runner hands its process id to the kernel's guard. */
export const PARENT_ENV = "INTERSPIN_KERNEL_PARENT";

/**
 * The preload's source (an ES module run before tslab starts). The orphan check runs in a worker
 * thread, so that a cell busy in an endless loop cannot keep it from running; it kills the
 * kernel's family with {@link endFamily}, whose source it embeds.
 */
export const GUARD_SOURCE = `import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
${IOPUB_WITHOUT_LOSS}
const watcher = new Worker(${JSON.stringify(`const fs = require("node:fs");
const { workerData } = require("node:worker_threads");
const endFamily = ${endFamily.toString()};
const check = () => { if (process.ppid !== workerData.parent) endFamily(fs, process.pid, workerData.marker, false); };
check();
setInterval(check, ${GUARD_INTERVAL_MS});`)},
  { eval: true, workerData: { parent: Number(process.env.${PARENT_ENV}) || process.ppid, marker: "${KERNEL_MARKER}=" + (process.env.${KERNEL_MARKER} ?? "") } });
watcher.unref();
`;

/**
 * The `--import` argument that preloads the guard.
 * @example guardImportUrl().startsWith("data:text/javascript,") // => true
 */
export function guardImportUrl(): string {
  return `data:text/javascript,${encodeURIComponent(GUARD_SOURCE)}`;
}
