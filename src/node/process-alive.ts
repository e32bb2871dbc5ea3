/**
 * Whether a process runs on this machine: by process id, and where the system tells (Linux's
 * /proc), by its start time too, so that a new process that got the id of a dead one is not
 * taken for it.
 */
import { readFileSync } from "node:fs";

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

/**
 * When a process started, in clock ticks since boot (field 22 of `/proc/<pid>/stat`), or
 * undefined where that cannot be read (another system, the process is gone).
 * @example processStart(process.pid) // => "83412" on Linux
 */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The name (field 2) is in parentheses and may hold spaces: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** A process as a lock or a folder records it: its id and, where known, its start time. */
export interface ProcessIdentity {
  pid: number;
  start?: string;
}

/**
 * This process's identity.
 * @example thisProcess().pid === process.pid // => true
 */
export function thisProcess(): ProcessIdentity {
  const start = processStart(process.pid);
  return start === undefined ? { pid: process.pid } : { pid: process.pid, start };
}

/**
 * Whether the recorded process still runs: its id is alive and, when both start times are
 * known, it started at the recorded time (else the id was given to another process).
 * @example identityAlive(thisProcess()) // => true
 */
export function identityAlive(who: ProcessIdentity): boolean {
  if (!Number.isInteger(who.pid) || who.pid <= 0 || !processAlive(who.pid)) return false;
  if (who.start === undefined) return true;
  const start = processStart(who.pid);
  return start === undefined || start === who.start;
}
