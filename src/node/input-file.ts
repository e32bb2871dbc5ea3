/**
 * Input files are checked before they are opened: a FIFO would block for ever and a device such
 * as /dev/zero never ends, so only regular files are read, and only up to a size limit.
 */
import { statSync, type Stats } from "node:fs";
import { DataFileError } from "../data/errors.js";

/** The default size limit of an input file: 200 MB (`--max-input-size` raises it). */
export const DEFAULT_MAX_INPUT_BYTES = 200 * 2 ** 20;

// What kind of file system entry a stat result is, in words ("a device" for /dev/null).
function entryKind(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * Checks that `file` is a regular file (links followed) of at most `maxBytes` bytes, without
 * opening it.
 * @param file - the path.
 * @param shown - how the file is named in messages.
 * @param maxBytes - the size limit (default {@link DEFAULT_MAX_INPUT_BYTES}).
 * @returns the file's size in bytes.
 * @throws DataFileError "<file>: file not found", "<file>: is a named pipe (FIFO), expected a
 * regular file", "<file>: 312.0 MB, more than the limit of 200 MB (raise it with
 * --max-input-size MB)", …
 * @example checkInputFile("data/survey.csv", "data/survey.csv") // => 46137 (bytes)
 */
export function checkInputFile(file: string, shown: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): number {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataFileError(shown, code === "ENOENT" ? "file not found" : `cannot read (${(e as Error).message})`);
  }
  if (st.isDirectory()) throw new DataFileError(shown, "is a folder, expected a CSV file");
  if (!st.isFile()) throw new DataFileError(shown, `is ${entryKind(st)}, expected a regular file`);
  if (st.size > maxBytes) {
    const mb = (n: number): string => `${+(n / 2 ** 20).toFixed(1)} MB`;
    throw new DataFileError(
      shown,
      `${mb(st.size)}, more than the limit of ${mb(maxBytes)} (raise it with --max-input-size MB)`,
    );
  }
  return st.size;
}
