/**
 * Finding the processes a kernel started, so that they end with it: its descendants (by parent
 * id, while the kernel lives) and every process carrying the kernel's environment marker
 * (children that left its process group — `detached: true`, `setsid`, double forks — inherit
 * the environment). Reads Linux's /proc; elsewhere both lists are empty and the process-group
 * kill is what remains.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The environment variable that marks every process of one kernel. */
export const KERNEL_MARKER = "INTERSPIN_KERNEL_ID";

function pids(): number[] {
  try {
    return readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);
  } catch {
    return [];
  }
}

/**
 * Ids of the living descendants of `pid` (children, their children, …), not `pid` itself.
 * @example descendantsOf(process.pid) // => [] when this process started none
 */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of pids()) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), p]);
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  for (let i = -1; i < found.length; i++) found.push(...(children.get(i < 0 ? pid : found[i]!) ?? []));
  return found;
}

/**
 * Ids of processes (other than this one) whose environment holds `name=value`.
 * @example processesWithEnv(KERNEL_MARKER, "no-such-kernel") // => []
 */
export function processesWithEnv(name: string, value: string): number[] {
  const entry = `${name}=${value}`;
  const found: number[] = [];
  for (const p of pids()) {
    if (p === process.pid) continue;
    try {
      if (readFileSync(`/proc/${p}/environ`, "latin1").split("\0").includes(entry)) found.push(p);
    } catch {
      // ended meanwhile, or not ours to read (then not ours to kill either)
    }
  }
  return found;
}

/**
 * Sends `signal` to each process; ones that ended already are skipped.
 * @example killEach([], "SIGKILL") // => undefined
 */
export function killEach(ids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const id of ids) {
    try {
      process.kill(id, signal);
    } catch {
      // ESRCH: gone already
    }
  }
}
