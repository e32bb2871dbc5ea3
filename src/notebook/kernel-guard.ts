/**
 * The orphan guard preloaded into every kernel process: the kernel exits when the process
 * that started it is gone, so a runner killed with SIGKILL leaves no kernel behind. It polls
 * the parent id because the kernel runs in its own process group and gets no signal then.
 * It is passed inline as a data: URL, so the kernel does not depend on a file in dist/.
 */

/** Poll interval of the orphan check, in milliseconds. */
export const GUARD_INTERVAL_MS = 500;

/** The guard's source (plain JavaScript, run before tslab starts). */
export const GUARD_SOURCE =
  `const parentAtStart = process.ppid;` +
  `setInterval(() => { if (process.ppid !== parentAtStart) process.exit(129); }, ${GUARD_INTERVAL_MS}).unref();`;

/**
 * The `--import` argument that preloads the guard.
 * @example guardImportUrl().startsWith("data:text/javascript,") // => true
 */
export function guardImportUrl(): string {
  return `data:text/javascript,${encodeURIComponent(GUARD_SOURCE)}`;
}
