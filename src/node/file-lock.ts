/**
 * A lock file that one process at a time holds, safe against any number of processes trying at
 * once and against holders killed with SIGKILL:
 * - **taken with its content in one step:** the holder's identity (process id and start time)
 *   is written to a temporary file first, which is then hard-linked to the lock's name; the link
 *   fails when the lock exists, so no one ever sees an empty or half-written lock;
 * - **a stale lock is taken over only when its holder is dead, and by an atomic rename:** to
 *   replace the stale lock whose inode is I, a process must first hold the claim
 *   `<lock>.takeover-<I>` (a lock of the same kind, so a claimer that died is taken over the same
 *   way), then check that the lock still is that same stale file, then rename its own file over
 *   it. Two processes can never both replace the same stale lock, and a lock taken meanwhile by
 *   a live process is never replaced.
 */
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { identityAlive, thisProcess, type ProcessIdentity } from "./process-alive.js";

/** The outcome of {@link tryLock}: held (with the function that releases it) or held by another live process. */
export type LockAttempt = { held: true; release: () => void } | { held: false; holder: ProcessIdentity };

const TAKEOVER = ".takeover-";
const MAX_DEPTH = 4;
const ATTEMPTS = 200;

/**
 * The identity a lock file records, or undefined when it cannot be read as one. Reads the lock
 * format of earlier versions too (the process id alone).
 * @example parseHolder('{"pid":12,"start":"345"}\n') // => { pid: 12, start: "345" }
 */
export function parseHolder(text: string): ProcessIdentity | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const v = JSON.parse(trimmed) as { pid?: unknown; start?: unknown };
    if (typeof v.pid !== "number" || !Number.isInteger(v.pid)) return undefined;
    return typeof v.start === "string" ? { pid: v.pid, start: v.start } : { pid: v.pid };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** A new file with `content` beside `path`, named for this process; returns its path. */
function ownFile(path: string, content: string): string {
  const file = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.new`);
  writeFileSync(file, content, { flag: "wx" });
  return file;
}

/** The lock's inode and bytes now, or undefined when there is none. */
function present(path: string): { ino: number; text: string } | undefined {
  try {
    const { ino } = statSync(path);
    return { ino, text: readFileSync(path, "utf8") };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Tries to take the lock `path` for this process. A lock whose holder is dead (or that holds no
 * identity) is taken over; one held by this process counts as stale too (a run of this process
 * that did not release it).
 * @returns held with its release, or not held and by whom.
 * @throws the file system's error when the folder cannot be written (named in its message).
 * @example const lock = tryLock("/tmp/x.lock"); if (lock.held) lock.release();
 */
export function tryLock(path: string, depth = 0): LockAttempt {
  const me = thisProcess();
  const content = `${JSON.stringify(me)}\n`;
  const mine = ownFile(path, content);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        linkSync(mine, path);
        return { held: true, release: () => releaseLock(path, content) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const now = present(path);
      if (!now) continue;
      const holder = parseHolder(now.text);
      const ours = holder?.pid === me.pid;
      if (holder && !ours && identityAlive(holder)) return { held: false, holder };
      if (depth < MAX_DEPTH && takeOver(path, now, content, depth))
        return { held: true, release: () => releaseLock(path, content) };
      // Another process is taking it over: see who holds it then.
      sleep(1 + Math.floor(Math.random() * 5));
    }
    throw new Error(`${path}: could not take the lock after ${ATTEMPTS} attempts`);
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Replaces the stale lock `seen` by this process's, holding the claim for that very file; whether it did. */
function takeOver(path: string, seen: { ino: number; text: string }, content: string, depth: number): boolean {
  const claim = tryLock(`${path}${TAKEOVER}${seen.ino}`, depth + 1);
  if (!claim.held) return false;
  try {
    const now = present(path);
    if (!now || now.ino !== seen.ino || now.text !== seen.text) return false;
    const next = ownFile(path, content);
    try {
      renameSync(next, path);
    } catch (e) {
      rmSync(next, { force: true });
      throw e;
    }
    return true;
  } finally {
    claim.release();
  }
}

/** Removes the lock when it is still this process's, and the takeover claims of dead processes beside it. */
function releaseLock(path: string, content: string): void {
  try {
    if (readFileSync(path, "utf8") === content) rmSync(path, { force: true });
  } catch {
    // gone already
  }
  const prefix = `${basename(path)}${TAKEOVER}`;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(path)).filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes("."));
  } catch {
    return;
  }
  for (const name of names) {
    const claim = join(dirname(path), name);
    const holder = parseHolder(present(claim)?.text ?? "");
    if (holder && !identityAlive(holder)) rmSync(claim, { force: true });
  }
}
