/**
 * Whether a process runs on this machine, by process id.
 */

/**
 * Whether a process with this id runs (also one of another user, which cannot be signalled).
 * @param pid - a process id.
 * @example processAlive(process.pid) // => true
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
