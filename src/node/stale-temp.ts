/**
 * Removing what runs killed with SIGKILL left in the temporary folder: kernel connection files
 * (they hold a session key), Chromium profiles, and failed-run folders of earlier versions.
 * Their names are `<prefix><pid>-<random>`; an entry is removed when that process is gone and
 * the entry belongs to this user. Entries named without a process id (earlier versions) are
 * removed once they are an hour old.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive } from "./process-alive.js";

/** The prefixes of temporary entries the tool creates. */
export const TEMP_PREFIXES = ["interspin-kernel-", "interspin-chromium-", "interspin-failed-run-"];

const HOUR_MS = 3_600_000;

/**
 * Removes the temporary entries of processes that are gone.
 * @param dir - the temporary folder (default the system's).
 * @param now - the current time in ms (tests pass their own).
 * @returns the names removed.
 * @example removeStaleTemp() // => [] when nothing was left behind
 */
export function removeStaleTemp(dir = tmpdir(), now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const prefix = TEMP_PREFIXES.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (typeof process.getuid === "function" && st.uid !== process.getuid()) continue;
      const m = /^(\d+)-/.exec(name.slice(prefix.length));
      const stale = m ? Number(m[1]) !== process.pid && !processAlive(Number(m[1])) : now - st.mtimeMs > HOUR_MS;
      if (!stale) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return removed;
}
