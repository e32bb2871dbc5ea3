/**
 * Where the browser-safe core reads files: the project's data files by name and a user's file
 * by path, through a source the host installs. Node installs one that reads from disk
 * (`node/file-source.ts`, done by the package entry, the commands and the test setup); a page
 * of the book installs one that serves the data embedded in it. The core itself never touches
 * a file system, so the same code runs in a kernel, a command and a browser.
 */
import { DataFileError } from "./errors.js";

/** The project's data files the core reads, relative to the project root. */
export const PROJECT_FILES = {
  codebook: "data/codebook.json",
  survey: "data/survey.csv",
  assumptions: "data/assumptions.json",
  study: "data/study.json",
  numbers: "data/published/numbers.json",
  claims: "data/published/claims.json",
  identified: "data/published/identified.json",
  expectedMismatches: "data/published/expected-mismatches.json",
} as const;

/** A project data file's name (see {@link PROJECT_FILES}). */
export type ProjectFile = (typeof PROJECT_FILES)[keyof typeof PROJECT_FILES];

/** A host's way of reading files for the core. */
export interface DataSource {
  /** The bytes of a project data file, or null when the project has no such file. */
  project(name: ProjectFile): Uint8Array | null;
  /**
   * The bytes of a file a user named (a path as given, relative to the working folder).
   * @throws DataFileError when it is missing, unreadable or not a regular file.
   */
  user(path: string): Uint8Array;
  /** How a user's path is shown in messages (relative to the project where it lies inside). */
  display(path: string): string;
  /**
   * Whether identified.json's stored inputs hash matches the present inputs (numbers.json,
   * claims.json, the model's code); a host that cannot tell (a page of the book) leaves it out.
   */
  checkIdentified?(inputs: string): boolean;
}

let installed: DataSource | undefined;

/**
 * Installs the source the core reads through (replacing any earlier one).
 * @example useDataSource(fileSource) // => undefined
 */
export function useDataSource(source: DataSource): void {
  installed = source;
}

/**
 * The installed source.
 * @throws Error when none is installed, naming what to do.
 */
export function dataSource(): DataSource {
  const s = installed;
  if (!s)
    throw new Error(
      'no data source installed: in Node import "interspin-notebooks" (or call installFileSource() from node/file-source.js) before reading data',
    );
  return s;
}

const utf8 = new TextDecoder("utf-8");

/**
 * The text of a project data file.
 * @throws DataFileError when the project has no such file.
 * @example projectText(PROJECT_FILES.codebook).startsWith("{") // => true
 */
export function projectText(name: ProjectFile): string {
  const bytes = dataSource().project(name);
  if (!bytes) throw new DataFileError(name, "file not found");
  return utf8.decode(bytes);
}

/**
 * The text of a project data file, or null when the project has none (optional files).
 * @example optionalProjectText(PROJECT_FILES.expectedMismatches) // => "[...]" or null
 */
export function optionalProjectText(name: ProjectFile): string | null {
  const bytes = dataSource().project(name);
  return bytes ? utf8.decode(bytes) : null;
}

/**
 * A file's text and the name to show for it: the project file when `path` is undefined, else
 * the user's file.
 * @throws DataFileError when the file cannot be read.
 * @example readText(undefined, PROJECT_FILES.study).name // => "data/study.json"
 */
export function readText(path: string | undefined, fallback: ProjectFile): { text: string; name: string } {
  if (path === undefined) return { text: projectText(fallback), name: fallback };
  const s = dataSource();
  return { text: utf8.decode(s.user(path)), name: s.display(path) };
}

/**
 * {@link readText}, with a read failure turned into the caller's own error.
 * @param fail - makes the error from the file's name and why it could not be read.
 * @throws what `fail` returns, when the file cannot be read.
 */
export function readFileText(
  path: string | undefined,
  fallback: ProjectFile,
  fail: (name: string, why: string) => Error,
): { text: string; name: string } {
  try {
    return readText(path, fallback);
  } catch (e) {
    if (e instanceof DataFileError) throw fail(e.file, e.message.slice(e.file.length + 2));
    throw e;
  }
}

/**
 * A JSON file's value and the name to show for it, as {@link readFileText}; a file that is not
 * JSON fails through `fail` as well, with the parser's message.
 * @throws what `fail` returns.
 * @example readJsonFile(undefined, PROJECT_FILES.study, (n, w) => new Error(`${n}: ${w}`)).value.invited // => 1323
 */
export function readJsonFile(
  path: string | undefined,
  fallback: ProjectFile,
  fail: (name: string, why: string) => Error,
): { value: unknown; name: string } {
  const { text, name } = readFileText(path, fallback, fail);
  try {
    return { value: JSON.parse(text), name };
  } catch (e) {
    throw fail(name, (e as Error).message);
  }
}

/**
 * A file's bytes and the name to show for it, as {@link readText}.
 * @throws DataFileError when the file cannot be read.
 */
export function readBytesOf(path: string | undefined, fallback: ProjectFile): { bytes: Uint8Array; name: string } {
  const s = dataSource();
  if (path === undefined) {
    const bytes = s.project(fallback);
    if (!bytes) throw new DataFileError(fallback, "file not found");
    return { bytes, name: fallback };
  }
  return { bytes: s.user(path), name: s.display(path) };
}
