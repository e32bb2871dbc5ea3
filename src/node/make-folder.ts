/**
 * Making folders and writing files so that a failure names its path and its real cause.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p` that reports why it failed: Node's recursive mkdirSync answers ENOENT on a read-only
 * file system (EROFS), so on ENOENT the first missing folder below the nearest existing one is
 * made alone, which fails with the real code and its path.
 * @throws the file system's error, with the path of the folder that could not be made
 * @example makeFolder("/tmp/a/b/c"); existsSync("/tmp/a/b/c") // => true
 */
export function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    let missing = resolve(dir);
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    mkdirSync(missing);
    mkdirSync(dir, { recursive: true });
  }
}

/**
 * Adds the path to a file system error that lacks it (a write that ran out of space reports
 * "ENOSPC: no space left on device, write" without the file), so that a message names what failed.
 * @example withPath(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }), "/o/a.csv").message // => "ENOSPC: no space left on device, write /o/a.csv"
 */
export function withPath(e: unknown, file: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (!(err instanceof Error) || !err.code || err.path) return e;
  err.path = file;
  err.message = `${err.message} ${file}`;
  return err;
}
