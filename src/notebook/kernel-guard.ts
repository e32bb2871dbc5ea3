/**
 * Preloaded into every kernel process (`node --import kernel-guard.js`): the kernel exits when
 * the process that started it is gone, so a runner killed with SIGKILL leaves no kernel behind.
 * It polls the parent id because a kernel runs in its own process group and gets no signal then.
 */
const parentAtStart = process.ppid;

/** Poll interval of the orphan check, in milliseconds. */
export const GUARD_INTERVAL_MS = 500;

setInterval(() => {
  if (process.ppid !== parentAtStart) process.exit(129);
}, GUARD_INTERVAL_MS).unref();
