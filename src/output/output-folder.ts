/**
 * The output folder belongs to the tool: it writes only into a folder that is new, empty, or
 * carries its marker (`.interspin/output-folder.json`, written when it first claims a folder),
 * and refuses every other one before anything runs — the project's own folders, a folder
 * holding an input, the home folder, `/`, and any folder with files it did not write. One run
 * at a time holds the folder's lock.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { paths } from "../paths.js";
import { removeOnExit } from "../node/exit-cleanup.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { makeFolder } from "../node/make-folder.js";
import { tryLock, type LockAttempt } from "../node/file-lock.js";
import { terminalLine } from "../util/terminal-text.js";
import { InterspinError } from "../util/errors.js";

/** The tool's own folder inside an output folder (versions, manifest, lock, failed runs). */
export const CONTROL_DIR = ".interspin";
/** The marker that makes a folder the tool's, relative to the output folder. */
export const MARKER_FILE = join(CONTROL_DIR, "output-folder.json");
const MARKER_CONTENT = `${JSON.stringify(
  {
    tool: "interspin-notebooks",
    layout: 1,
    about:
      "This folder is written by npm run report. Its products (figures, notebooks, site, report-*.pdf, verification.*) are links into .interspin/current; files you add beside them are kept.",
  },
  null,
  1,
)}\n`;

/** Raised when the tool must not write into a folder; the message names the folder and why. */
export class OutputFolderError extends InterspinError {
  override name = "OutputFolderError";
}

/**
 * How a folder is named in messages: relative to the current directory when inside it, else
 * absolute; control characters escaped, clipped.
 * @example shownFolder(process.cwd() + "/output") // => "output"
 */
export function shownFolder(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return terminalLine(rel.startsWith("..") || isAbsolute(rel) ? resolve(dir) : rel || ".", 160);
}

/** The real path of `p`, also when it (or a tail of it) does not exist yet. */
function realPathOf(p: string): string {
  const missing: string[] = [];
  let dir = resolve(p);
  for (;;) {
    try {
      return join(realpathSync(dir), ...missing.reverse());
    } catch {
      if (dirname(dir) === dir) return resolve(p);
      missing.push(basename(dir));
      dir = dirname(dir);
    }
  }
}

const within = (inner: string, outer: string): boolean => {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/** Folders of the project that are its sources, never an output. */
const PROJECT_FOLDERS = ["data", "src", "notebooks", "test", "bench", "dist", "node_modules", ".git"];

/** Whether `dir` carries the marker. */
export function isMarked(dir: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(join(dir, MARKER_FILE), "utf8")) as { tool?: unknown }).tool === "interspin-notebooks"
    );
  } catch {
    return false;
  }
}

/** What the checks need besides the folder. */
export interface OutputFolderInputs {
  /** Files the run reads (--data, --limesurvey, --mapping): no output folder may contain them. */
  files?: (string | null | undefined)[];
  /** Folders the run reads (the notebooks): no output folder may contain them. */
  folders?: string[];
}

/** Why `out` (as a real path) is a folder the tool refuses by where it is, or undefined. */
function forbiddenPlace(real: string, inputs: OutputFolderInputs): string | undefined {
  if (real === "/" || dirname(real) === real) return "it is the root folder";
  if (within(realPathOf(homedir()), real)) return "it is the home folder or contains it";
  const root = realPathOf(paths.root);
  if (within(root, real)) return "it is the project folder or contains it";
  for (const f of PROJECT_FOLDERS) if (within(real, join(root, f))) return `it is inside the project's ${f}/ folder`;
  for (const f of inputs.files ?? [])
    if (f && within(realPathOf(f), real)) return `it contains the input file ${shownFolder(f)}`;
  for (const f of inputs.folders ?? []) {
    if (within(realPathOf(f), real)) return `it contains the notebooks folder ${shownFolder(f)}`;
    // Its products would become inputs of the next run (and links in the notebooks folder).
    if (within(real, realPathOf(f))) return `it is inside the notebooks folder ${shownFolder(f)}`;
  }
  return undefined;
}

/** The entries of a folder as a short list for a message: `notes.txt, drafts/, … (7 entries)`. */
function listed(dir: string, names: string[]): string {
  const shown = names
    .sort()
    .slice(0, 4)
    .map((n) => {
      let folder = false;
      try {
        folder = lstatSync(join(dir, n)).isDirectory();
      } catch {
        /* gone meanwhile */
      }
      return terminalLine(n, 40) + (folder ? "/" : "");
    });
  return `${shown.join(", ")}${names.length > shown.length ? `, … (${names.length} entries)` : ""}`;
}

/**
 * Checks, without writing anything, that the tool may write into `out`.
 * @param out - the output folder (absolute).
 * @param inputs - what the run reads, which the folder must not contain.
 * @throws OutputFolderError naming the folder and the reason (a file, a link to nothing, a
 * forbidden place, or a folder with files the tool did not write, listing some of them).
 * @example checkOutputFolder("/tmp/new-folder") // => undefined
 */
export function checkOutputFolder(out: string, inputs: OutputFolderInputs = {}): void {
  const name = shownFolder(out);
  let link: boolean;
  try {
    link = lstatSync(out).isSymbolicLink();
  } catch {
    link = false;
  }
  if (link && !existsSync(out))
    throw new OutputFolderError(`--out ${name} is a symbolic link to a folder that does not exist`);
  const why = forbiddenPlace(realPathOf(out), inputs);
  if (why)
    throw new OutputFolderError(`--out ${name}: refused because ${why}; choose a new or empty folder for the report`);
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new OutputFolderError(`--out ${name} is a file, expected a folder`);
  if (isMarked(out)) return;
  const entries = readdirSync(out);
  if (!entries.length) return;
  const earlier = existsSync(join(out, ".cache", "notebooks"))
    ? "; it looks like the output of an earlier version of this tool, which did not mark its folders: delete it or move it away once"
    : "; choose a new or empty folder";
  throw new OutputFolderError(`--out ${name} holds files this tool did not write (${listed(out, entries)})${earlier}`);
}

/**
 * Creates `out` if needed and writes the marker into it when it is new or empty.
 * @throws OutputFolderError when the folder holds files and no marker, or its file system has no symbolic links.
 * @example markOutputFolder("/tmp/new-folder"); isMarked("/tmp/new-folder") // => true
 */
export function markOutputFolder(out: string): void {
  makeFolder(out);
  if (isMarked(out)) return;
  // Only the control folder: another run is marking the folder at this moment.
  if (readdirSync(out).some((name) => name !== CONTROL_DIR))
    throw new OutputFolderError(`--out ${shownFolder(out)} holds files this tool did not write`);
  makeFolder(join(out, CONTROL_DIR));
  requireLinks(out);
  writeFileAtomic(join(out, MARKER_FILE), MARKER_CONTENT);
}

/** Refuses a file system without symbolic links (FAT, some network shares): the publish step switches versions by a link. */
function requireLinks(out: string): void {
  const probe = join(out, CONTROL_DIR, `link-probe-${process.pid}`);
  try {
    rmSync(probe, { force: true });
    symlinkSync("lock", probe);
  } catch (e) {
    throw new OutputFolderError(
      `--out ${shownFolder(out)}: its file system does not support symbolic links (${(e as NodeJS.ErrnoException).code ?? "error"}), which the report needs to publish a run in one step; choose a folder on another file system`,
    );
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * Makes `out` the tool's (creating it, and writing the marker into a new or empty folder) and
 * takes its lock (node/file-lock.ts: written with its content in one step, a stale one taken over
 * only when its process is dead), until the returned function releases it or this process exits.
 * Call {@link checkOutputFolder} first.
 * @returns the function that releases the lock.
 * @throws OutputFolderError when another live run holds the lock, the folder is not the tool's,
 * or it cannot be written (naming the path that failed).
 * @example claimOutputFolder("/tmp/new-folder"); isMarked("/tmp/new-folder") // => true
 */
export function claimOutputFolder(out: string): () => void {
  const lock = join(out, CONTROL_DIR, "lock");
  let attempt: LockAttempt;
  try {
    markOutputFolder(out);
    attempt = tryLock(lock);
  } catch (e) {
    throw unwritable(out, e);
  }
  if (!attempt.held)
    throw new OutputFolderError(
      `--out ${shownFolder(out)} is being written by another run (process ${attempt.holder.pid}); wait for it to end or choose another folder`,
    );
  const forget = removeOnExit(lock);
  return () => {
    attempt.release();
    forget();
  };
}

/** The error of a write into `out` that failed, naming the path and what to do; other errors as they are. */
export function unwritable(out: string, e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  if (!["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT"].includes(err.code ?? "")) return e;
  const why =
    err.code === "EROFS"
      ? "the file system is read-only"
      : err.code === "ENOSPC" || err.code === "EDQUOT"
        ? "no space left"
        : "permission denied";
  const where = err.path ? shownFolder(err.path) : shownFolder(out);
  return new OutputFolderError(
    `--out ${shownFolder(out)} cannot be written: ${why} (${err.code} writing ${where}); choose another folder or change its permissions`,
  );
}
