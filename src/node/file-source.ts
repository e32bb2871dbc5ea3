/**
 * The data source of Node programs: project data files from the project's `data/` folder and a
 * user's files from disk, each checked to be a regular file before it is opened (a FIFO or a
 * device would block or never end). Installed by the package entry, every command and the test
 * setup (see `data/source.ts`). In a kernel of a report run, the files that run fixed at its
 * start are served from their copies instead (frozen-inputs.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataFileError } from "../data/errors.js";
import { type DataSource, useDataSource } from "../data/source.js";
import { displayPath, paths, resolveUserPath } from "../paths.js";
import { identifiedInputsHash } from "./identified-inputs.js";
import { checkInputFile } from "./input-file.js";
import { frozenInputs, type FrozenInputs } from "./frozen-inputs.js";

/**
 * Reads a file's bytes, turning I/O failures into a DataFileError.
 * @throws DataFileError when the file is missing, unreadable or not a regular file (a FIFO, a device).
 * @example readBytes("data/nope.csv") // throws DataFileError "data/nope.csv: file not found"
 */
export function readBytes(file: string): Buffer {
  checkInputFile(file, displayPath(file), Infinity);
  try {
    return readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === "ENOENT"
        ? "file not found"
        : err.code === "EISDIR"
          ? "is a folder, expected a CSV file"
          : `cannot read (${err.message})`;
    throw new DataFileError(displayPath(file), why);
  }
}

// The inputs a report run fixed for its kernels, read on first use.
let frozen: { inputs: FrozenInputs | undefined } | undefined;
const fixed = (): FrozenInputs | undefined => (frozen ??= { inputs: frozenInputs() }).inputs;

/** Project files from the project folder, a user's files from disk (or both as a report run fixed them). */
export const fileSource: DataSource = {
  project(name) {
    const kept = fixed()?.project(name);
    if (kept !== undefined) return kept;
    try {
      return readFileSync(join(paths.root, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new DataFileError(name, `cannot read (${(e as Error).message})`);
    }
  },
  user: (path) => fixed()?.user(resolveUserPath(path)) ?? readBytes(resolveUserPath(path)),
  display: (path) => displayPath(resolveUserPath(path)),
  checkIdentified: (inputs) =>
    inputs === identifiedInputsHash((name) => fixed()?.project(name) ?? readFileSync(join(paths.root, name))),
};

/**
 * Makes the core read from disk.
 * @example installFileSource() // => undefined
 */
export function installFileSource(): void {
  useDataSource(fileSource);
}
