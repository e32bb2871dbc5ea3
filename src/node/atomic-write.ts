/**
 * Atomic file output: write to a temporary name in the same folder, then rename, so a reader
 * (or an interrupted run) sees either the previous complete file or the new one, never a mix.
 */
import { renameSync, writeFileSync, rmSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { makeFolder, withPath } from "./make-folder.js";

let counter = 0;

/**
 * Writes `content` to `file` atomically, creating parent folders.
 * @param file - target path.
 * @param content - text (written as UTF-8) or bytes.
 * @throws the underlying fs error, naming the path that failed (the temporary file is removed first).
 * @example writeFileAtomic("output/a.txt", "hi") // => undefined
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = dirname(file);
  makeFolder(dir);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw withPath(e, file);
  }
}
