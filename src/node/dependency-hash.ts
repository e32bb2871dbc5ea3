/**
 * The installed dependencies a run loads, checked and hashed by content: the packages reachable
 * from package.json's dependencies through package-lock.json (tslab with its TypeScript, Arquero,
 * Plotly, zeromq, playwright-core, HiGHS …) and `@types/node`, which every kernel type-checks
 * cells against. danfo.js and what only it needs are left out: the report never loads them, a
 * notebook only when it calls the danfo.js interop.
 *
 * {@link checkInstalled} compares each package's installed version with the lock file's; a
 * mismatch (a `git pull` without `npm ci`) stops the run with what to do. {@link dependencyHash}
 * is a SHA-256 over every file of those packages, so a file edited inside `node_modules` changes
 * the run key and the execution cache's keys. A file's hash is taken again whenever its size,
 * inode, modification or change time differ from those recorded with it in
 * `.cache/dependencies.json` (git's index does the same): the change time is set by the system on
 * every write and cannot be set back by a program, so neither an old modification time nor a
 * clock set back can hide a change, and an unchanged installation costs one `stat` a file.
 */
import { existsSync, readdirSync, readFileSync, statSync, type BigIntStats, type Dirent } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { paths } from "../paths.js";
import { writeFileAtomic } from "./atomic-write.js";
import { sha256 } from "./hash.js";

/** Raised when node_modules does not hold what package-lock.json says; the message says what to run. */
export class DependencyError extends Error {
  override name = "DependencyError";
}

/** Packages whose trees the report does not load. */
const NOT_LOADED = new Set(["danfojs-node"]);
/** Development packages a run loads too: the kernels' global types. */
const LOADED_DEV = ["@types/node"];

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Where Node finds package `name` for the package installed at `from` ("" for the project), by the lock's layout. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ; ) {
    const at = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[at]) return at;
    if (!base) return undefined;
    const i = base.lastIndexOf("/node_modules/");
    base = i < 0 ? "" : base.slice(0, i);
  }
}

/**
 * The installed packages a run loads, as lock-file paths ("node_modules/arquero") with the
 * version the lock names, sorted.
 * @example loadedPackages().some((p) => p.path === "node_modules/arquero") // => true
 */
export function loadedPackages(root: string = paths.root): { path: string; version: string }[] {
  const read = <T>(name: string): Partial<T> =>
    existsSync(join(root, name)) ? (JSON.parse(readFileSync(join(root, name), "utf8")) as Partial<T>) : {};
  const lock = { packages: {}, ...read<{ packages: Record<string, LockEntry> }>("package-lock.json") };
  const manifest = read<{ dependencies: Record<string, string> }>("package.json");
  const roots = [...Object.keys(manifest.dependencies ?? {}).filter((d) => !NOT_LOADED.has(d)), ...LOADED_DEV];
  const seen = new Set<string>();
  const queue = roots.map((name) => resolveIn(lock.packages, "", name)).filter((p): p is string => !!p);
  while (queue.length) {
    const at = queue.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = lock.packages[at]!;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolveIn(lock.packages, at, dep);
      if (found) queue.push(found);
    }
  }
  return [...seen].sort().map((path) => ({ path, version: lock.packages[path]!.version ?? "" }));
}

/**
 * Checks that every package a run loads is installed in the version package-lock.json names
 * (an optional package the platform does not take, such as fsevents on Linux, may be absent).
 * @throws DependencyError naming the first packages that differ and what to run.
 * @example checkInstalled() // => undefined after npm ci
 */
export function checkInstalled(root: string = paths.root): void {
  const wrong: string[] = [];
  for (const { path, version } of loadedPackages(root)) {
    const file = join(root, path, "package.json");
    if (!existsSync(file)) {
      if (!existsSync(join(root, path))) continue; // optional, not for this platform
      wrong.push(`${path.slice(path.lastIndexOf("node_modules/") + 13)} has no package.json`);
      continue;
    }
    const installed = (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version;
    if (installed !== version)
      wrong.push(
        `${path.slice(path.lastIndexOf("node_modules/") + 13)} is ${installed}, the lock file says ${version}`,
      );
  }
  if (wrong.length)
    throw new DependencyError(
      `node_modules does not match package-lock.json (${wrong.slice(0, 3).join("; ")}${wrong.length > 3 ? `; and ${wrong.length - 3} more` : ""}): run npm ci`,
    );
}

/** Every file below `dir` (links not followed), relative to `root`, sorted. */
function filesOf(root: string, rel: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = `${rel}/${e.name}`;
    // A nested node_modules holds packages of its own, listed separately when loaded.
    if (e.isDirectory() && e.name !== "node_modules") filesOf(root, p, out);
    else if (e.isFile()) out.push(p);
  }
}

type Recorded = Record<string, [string, string, string, string, string]>;
const signature = (st: BigIntStats): [string, string, string, string] => [
  String(st.size),
  String(st.ino),
  String(st.mtimeNs),
  String(st.ctimeNs),
];

const taken = new Map<string, string>();

/**
 * A SHA-256 over the path and content of every file of the packages a run loads, taken once per
 * process and project (a process sees one installation); without a package-lock.json, the hash
 * of that absence.
 * @param cacheFile - where file hashes are kept with their stat data (default `.cache/dependencies.json`).
 * @param options.again - look at the files again in this process (tests).
 * @example dependencyHash().length // => 64
 */
export function dependencyHash(
  root: string = paths.root,
  cacheFile: string = join(root, ".cache", "dependencies.json"),
  options: { again?: boolean } = {},
): string {
  if (!existsSync(join(root, "package-lock.json"))) return sha256("no package-lock.json");
  let found = options.again ? undefined : taken.get(root);
  if (found === undefined) {
    found = hashPackages(root, cacheFile);
    taken.set(root, found);
  }
  return found;
}

function hashPackages(root: string, cacheFile: string): string {
  let known: Recorded = {};
  try {
    known = (JSON.parse(readFileSync(cacheFile, "utf8")) as { files: Recorded }).files;
  } catch {
    /* first run, or damaged: hash everything */
  }
  const files: string[] = [];
  for (const { path } of loadedPackages(root)) filesOf(root, path, files);
  const now: Recorded = {};
  const hash = createHash("sha256");
  let rehashed = 0;
  for (const rel of files) {
    let st: BigIntStats;
    try {
      st = statSync(join(root, rel), { bigint: true });
    } catch {
      continue;
    }
    const sig = signature(st);
    const last = known[rel];
    const same = last && sig.every((v, i) => v === last[i]);
    const digest = same ? last[4] : sha256(readFileSync(join(root, rel)));
    if (!same) rehashed++;
    now[rel] = [...sig, digest];
    hash.update(`${rel}\0${digest}\0`);
  }
  if (rehashed || Object.keys(known).length !== files.length) {
    try {
      writeFileAtomic(cacheFile, JSON.stringify({ files: now }));
    } catch {
      /* a read-only project: hashing again next time only costs time */
    }
  }
  return hash.digest("hex");
}
