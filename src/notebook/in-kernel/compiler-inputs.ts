/**
 * What a cell's type check read besides the cell: every file of the TypeScript program (the
 * declaration files of the modules it imports, `@types/node`, the standard library), the
 * `package.json` files module resolution consulted, and every place where a lookup found nothing
 * (a file appearing there would change what an import resolves to). Recorded after a check, and
 * compared with the disk before its stored result is reused: a file by its SHA-256 (its size and
 * modification time first, so an unchanged file is not read again), a folder where lookups failed
 * by its modification time (an entry added or removed changes it), a missing folder by still
 * being missing.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";

/** One file the check read: its path, the SHA-256 of its bytes, and its size and modification time then. */
export type FileInput = [path: string, sha256: string, size: number, mtimeMs: number];

/** Everything outside the cell and the earlier cells' declarations that a check depended on. */
export interface CompilerInputs {
  /** Files read, with their content hashes. */
  files: FileInput[];
  /** Folders that exist and in which a lookup failed, with their modification times (a file where a lookup expected a folder is kept the same way). */
  dirs: [path: string, mtimeMs: number][];
  /** The first missing folder on the way to every other failed lookup. */
  absent: string[];
}

/** The parts of a TypeScript 5 program read here (tslab's `@tslab/typescript-for-tslab` 5.0). */
export interface ProgramLike {
  getSourceFiles(): ReadonlyArray<{
    fileName: string;
    resolvedModules?: Resolutions;
    resolvedTypeReferenceDirectiveNames?: Resolutions;
  }>;
  getResolvedTypeReferenceDirectives(): Resolutions;
  getMissingFilePaths(): readonly string[];
}
interface Resolution {
  failedLookupLocations?: readonly string[];
  affectingLocations?: readonly string[];
}
interface Resolutions {
  forEach(cb: (resolution: Resolution) => void): void;
}

const stat = (path: string): Stats | undefined => statSync(path, { throwIfNoEntry: false });

/**
 * The SHA-256 of a file's bytes, in hex; undefined for a file that cannot be read.
 * @example fileSha256("/etc/hostname")?.length // => 64
 */
export function fileSha256(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}

// The cells of a kernel read mostly the same files: each is hashed once while its size and
// modification time stay the same.
const digests = new Map<string, { size: number; mtimeMs: number; sha: string }>();
function digestOf(path: string, s: Stats): string | undefined {
  const known = digests.get(path);
  if (known && known.size === s.size && known.mtimeMs === s.mtimeMs) return known.sha;
  const sha = fileSha256(path);
  if (sha !== undefined) digests.set(path, { size: s.size, mtimeMs: s.mtimeMs, sha });
  return sha;
}

/**
 * Records a program's inputs from the disk as it is now.
 * @param program - the program the check ran on.
 * @param virtual - files that live only in the compiler's memory (the cell and the earlier
 *   declarations), left out: they are part of the cache key.
 * @returns undefined when a file of the program cannot be read from disk (a module a cell
 *   defined in memory): such a check is not stored.
 * @example recordInputs(program, new Set(["/nb/__tslab__.ts", "/nb/__prev__.d.ts"]))?.files.length // => 283
 */
export function recordInputs(program: ProgramLike, virtual: ReadonlySet<string>): CompilerInputs | undefined {
  const files = new Map<string, FileInput | undefined>();
  const lookedUp = new Set<string>();
  const readFile = (path: string, optional: boolean): boolean => {
    if (files.has(path)) return true;
    const s = stat(path);
    const sha = s?.isFile() ? digestOf(path, s) : undefined;
    if (sha === undefined) {
      if (!optional) return false;
      lookedUp.add(path);
      return true;
    }
    files.set(path, [path, sha, s!.size, s!.mtimeMs]);
    return true;
  };
  const visit = (r: Resolution) => {
    for (const f of r.failedLookupLocations ?? []) lookedUp.add(f);
    for (const f of r.affectingLocations ?? []) readFile(f, true);
  };
  for (const file of program.getSourceFiles()) {
    if (virtual.has(file.fileName)) continue;
    if (!readFile(file.fileName, false)) return undefined;
    file.resolvedModules?.forEach(visit);
    file.resolvedTypeReferenceDirectiveNames?.forEach(visit);
  }
  program.getResolvedTypeReferenceDirectives().forEach(visit);
  for (const f of program.getMissingFilePaths()) lookedUp.add(f);
  const { dirs, absent } = lookupGuards(lookedUp);
  return { files: [...files.values()].filter((f): f is FileInput => f !== undefined), dirs, absent };
}

/**
 * For paths where a lookup found nothing: the existing folders they lie in (with modification
 * times), and for a path inside a missing folder, the first missing folder on its way.
 * @example lookupGuards(new Set(["/tmp/none/a/b.ts"])) // => { dirs: [], absent: ["/tmp/none"] }
 */
export function lookupGuards(paths: Iterable<string>): Pick<CompilerInputs, "dirs" | "absent"> {
  const seen = new Map<string, Stats | undefined>();
  const statOnce = (p: string) => {
    if (!seen.has(p)) seen.set(p, stat(p));
    return seen.get(p);
  };
  const dirs = new Map<string, number>();
  const absent = new Set<string>();
  for (const path of paths) {
    let missing: string | undefined;
    let dir = dirname(path);
    for (;;) {
      const s = statOnce(dir);
      if (s) {
        if (missing === undefined) dirs.set(dir, s.mtimeMs);
        else absent.add(missing);
        break;
      }
      missing = dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return { dirs: [...dirs].sort((a, b) => a[0].localeCompare(b[0])), absent: [...absent].sort() };
}

/** How a path inside the kernel's folder is stored when a check may be reused from another folder. */
export const FOLDER_MARK = "\u0000folder";

/**
 * Inputs with the kernel's folder written as {@link FOLDER_MARK}, so that they are checked
 * against the folder of the kernel that reuses them (`inputsUnchanged(inputs, itsFolder)`).
 * @example relativeTo({ files: [], dirs: [], absent: ["/nb/node_modules"] }, "/nb").absent // => ["\u0000folder/node_modules"]
 */
export function relativeTo(inputs: CompilerInputs, folder: string): CompilerInputs {
  const mark = (p: string) => (p.startsWith(`${folder}/`) ? FOLDER_MARK + p.slice(folder.length) : p);
  return {
    files: inputs.files.map(([p, ...rest]) => [mark(p), ...rest]),
    dirs: inputs.dirs.map(([p, t]) => [mark(p), t]),
    absent: inputs.absent.map(mark),
  };
}

/**
 * Whether the disk still holds what a check read: every file with the same content, every
 * folder where a lookup failed without an entry added or removed, every missing folder missing.
 * A file whose size and modification time are unchanged is taken as unchanged; any other is
 * hashed again (a `touch` or a reinstall of the same content still counts as unchanged).
 * @param folder - the kernel's folder, for paths stored relative to it ({@link relativeTo}).
 * @example inputsUnchanged({ files: [], dirs: [], absent: ["/tmp/none"] }) // => true
 */
export function inputsUnchanged(inputs: CompilerInputs, folder = ""): boolean {
  const at = (p: string) => (p.startsWith(FOLDER_MARK) ? folder + p.slice(FOLDER_MARK.length) : p);
  for (const [stored, sha, size, mtimeMs] of inputs.files) {
    const path = at(stored);
    const s = stat(path);
    if (!s?.isFile()) return false;
    if ((s.size !== size || s.mtimeMs !== mtimeMs) && fileSha256(path) !== sha) return false;
  }
  for (const [path, mtimeMs] of inputs.dirs) {
    const s = stat(at(path));
    if (s?.mtimeMs !== mtimeMs) return false;
  }
  return inputs.absent.every((path) => stat(at(path)) === undefined);
}
