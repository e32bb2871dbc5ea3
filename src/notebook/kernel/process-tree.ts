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
    return readdirSync("/proc")
      .filter((e) => /^\d+$/.test(e))
      .map(Number);
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

/** The file functions {@link endFamily} reads /proc with. */
export interface ProcFs {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: "utf8" | "latin1"): string;
}

/**
 * Kills a kernel and everything it started, without a window in which a new process could
 * escape: the kernel's group is stopped first (unless `freezeRoot` is false, when the caller is
 * the kernel itself), then its descendants and the processes carrying `markerEntry` (and their
 * descendants) are found and stopped, round after round until no new one appears, then all get
 * SIGKILL, the kernel's group last. Self-contained (it uses only its parameters and `process`), so
 * the kernel's guard embeds its source (kernel-guard.ts).
 * @param fs - readdirSync and readFileSync of node:fs.
 * @param root - the kernel's pid (the leader of its process group).
 * @param markerEntry - `INTERSPIN_KERNEL_ID=<id>` of the kernel's environment.
 * @param freezeRoot - stop the kernel's group before looking.
 * @returns the pids killed besides the group.
 * @example endFamily(fs, kernel.pid, `INTERSPIN_KERNEL_ID=${id}`, true) // => [4711, 4712]
 */
export function endFamily(fs: ProcFs, root: number, markerEntry: string, freezeRoot: boolean): number[] {
  const self = process.pid;
  const signal = (pid: number, sig: NodeJS.Signals): void => {
    try {
      process.kill(pid, sig);
    } catch {
      // gone already
    }
  };
  const scan = (): number[] => {
    let all: number[] = [];
    try {
      all = fs
        .readdirSync("/proc")
        .filter((e) => /^\d+$/.test(e))
        .map(Number);
    } catch {
      return [];
    }
    const children = new Map<number, number[]>();
    const marked: number[] = [];
    for (const p of all) {
      if (p === self) continue;
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (fields[0] === "Z") continue;
        const ppid = Number(fields[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), p]);
        if (fs.readFileSync(`/proc/${p}/environ`, "latin1").split("\0").includes(markerEntry)) marked.push(p);
      } catch {
        // ended meanwhile, or not ours to read
      }
    }
    const found = new Set(marked);
    const queue = [root, ...marked];
    for (let i = 0; i < queue.length; i++)
      for (const c of children.get(queue[i]!) ?? [])
        if (!found.has(c)) {
          found.add(c);
          queue.push(c);
        }
    found.delete(root);
    found.delete(self);
    return [...found];
  };
  if (freezeRoot) signal(-root, "SIGSTOP");
  const doomed = new Set<number>();
  for (let round = 0; round < 5; round++) {
    const fresh = scan().filter((p) => !doomed.has(p));
    if (!fresh.length) break;
    for (const p of fresh) {
      doomed.add(p);
      signal(p, "SIGSTOP");
    }
  }
  for (const p of doomed) signal(p, "SIGKILL");
  signal(-root, "SIGKILL");
  return [...doomed];
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
