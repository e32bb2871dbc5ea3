/**
 * Publishing a run inside its output folder. Each run builds a version folder
 * (`.interspin/staging-<pid>`, renamed to `.interspin/v<N>` when complete, with a manifest of
 * every file it wrote and its SHA-256); the products readers open (`figures`, `notebooks`,
 * `site`, …) are links `out/<name> → .interspin/current/<name>`, and the switch to a new
 * version is one rename of the link `.interspin/current`. Since the output folder itself is
 * never renamed or replaced, a mount point, a link to another file system and the folder's
 * mode and owner all stay as they were.
 *
 * Readers: a program that opens one product file sees the previous complete file or the new one.
 * One that reads many (a copy, a web server) resolves `out/current` (a link to
 * `.interspin/current`) once to the version folder it names (`.interspin/v<N>`) and reads that:
 * the previous version is kept until the next run starts, so a reader that resolved the link
 * finishes reading one complete version (`cp -r "$(realpath output/current)" copy`).
 *
 * Only what the tool wrote is ever removed or replaced: a product that was changed after it was
 * written stops the run; files a person added inside the products are carried into the new
 * version (also those saved while the switch was made, and those saved into the previous
 * version until the next run starts); products of earlier runs that this run does not produce
 * are kept (and reported as stale) unless asked otherwise. A state left by a killed run is
 * repaired by the next one.
 */
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { stableJson } from "../util/stable-json.js";
import { processAlive } from "../node/process-alive.js";
import { CONTROL_DIR, OutputFolderError, shownFolder } from "./output-folder.js";
import { relativeFilesBelow } from "../node/walk.js";
import { hashFile } from "../node/hash.js";

/** One file of a version: its path relative to the version and the run that wrote it. */
export interface ManifestEntry {
  path: string;
  sha256: string;
  run: number;
}
/** What a version holds: every file the tool wrote into it, and what the run that wrote it recorded (its run key and outcome, see run-key.ts). */
export interface Manifest {
  tool: "interspin-notebooks";
  run: number;
  files: ManifestEntry[];
  record?: Record<string, unknown>;
}

/** A published version. */
export interface Version {
  dir: string;
  run: number;
  manifest: Manifest;
}

/** What {@link publish} did. */
export interface PublishResult {
  run: number;
  /** Products of earlier runs kept because this run did not write them (paths in the output folder). */
  stale: string[];
  /** Files the tool did not write, found inside its products and carried over. */
  carried: string[];
}

const MANIFEST = ".manifest.json";
/** The link to the current version, for readers that read many files (resolved once, see above). */
export const CURRENT_LINK = "current";
const control = (out: string, ...p: string[]): string => join(out, CONTROL_DIR, ...p);
const linkTarget = (top: string): string => join(CONTROL_DIR, "current", top);

/** Every file and link below `dir` (relative, "/"-separated, sorted), not following links. */
const walk = (dir: string): string[] => relativeFilesBelow(dir, { dots: true });

/**
 * The current version of an output folder, or undefined before the first publish.
 * @example currentVersion("/tmp/new-folder") // => undefined
 */
export function currentVersion(out: string): Version | undefined {
  let target: string;
  try {
    target = readlinkSync(control(out, "current"));
  } catch {
    return undefined;
  }
  const m = /^v(\d+)$/.exec(target);
  if (!m) return undefined;
  const dir = control(out, target);
  try {
    return { dir, run: Number(m[1]), manifest: JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest };
  } catch {
    return undefined;
  }
}

/** Whether `out/<top>` is the link the tool makes for a product. */
export function isProductLink(out: string, top: string): boolean {
  try {
    return lstatSync(join(out, top)).isSymbolicLink() && readlinkSync(join(out, top)) === linkTarget(top);
  } catch {
    return false;
  }
}

/**
 * Checks that publishing the products `tops` (top-level names) changes nothing the tool did not
 * write: each name in the output folder is absent or the tool's link, and no file of the
 * current version was changed since it was written.
 * @throws OutputFolderError naming the first such file.
 * @example checkPublishable("/tmp/new-folder", ["figures"]) // => undefined
 */
export function checkPublishable(out: string, tops: Iterable<string>): void {
  const current = currentVersion(out);
  const names = new Set([...tops, ...(current ? topsOf(current.manifest) : [])]);
  if (existsOrLink(join(out, CURRENT_LINK)) && !isCurrentLink(out))
    throw new OutputFolderError(
      `${shownFolder(join(out, CURRENT_LINK))} was not written by this tool and would be replaced by the link to the current version; move it away and run again`,
    );
  for (const top of [...names].sort()) {
    if (existsOrLink(join(out, top)) && !isProductLink(out, top)) {
      throw new OutputFolderError(
        `${shownFolder(join(out, top))} was not written by this tool and would be replaced by the report's ${top}; move it away and run again`,
      );
    }
  }
  for (const f of current?.manifest.files ?? []) {
    const file = join(current!.dir, f.path);
    if (existsSync(file) && hashFile(file) !== f.sha256) {
      throw new OutputFolderError(
        `${shownFolder(join(out, f.path))} was changed after this tool wrote it; move it away (or delete it) and run again, the report never overwrites a changed file`,
      );
    }
  }
}

/** Whether `out/current` is the tool's link to the current version. */
function isCurrentLink(out: string): boolean {
  try {
    return readlinkSync(join(out, CURRENT_LINK)) === join(CONTROL_DIR, "current");
  } catch {
    return false;
  }
}

/** Makes the link `out/current → .interspin/current` when it is missing (a person's file of that name is left alone). */
function linkCurrent(out: string): void {
  if (!existsOrLink(join(out, CURRENT_LINK))) symlinkSync(join(CONTROL_DIR, "current"), join(out, CURRENT_LINK));
}

function existsOrLink(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

const topsOf = (m: Manifest): string[] => [...new Set(m.files.map((f) => f.path.split("/")[0]!))];

/** Puts `from` at `to` as a hard link (a copy where the file system has none; a link stays a link). */
function carry(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  if (lstatSync(from).isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Removes a version folder file by file: a file the manifest lists with its hash, or one the
 * folder `keptIn` holds too (same file or same bytes), goes; anything else stays.
 * @returns the files that stayed (relative to `dir`); the folder remains when there are any.
 */
export function removeVersion(dir: string, keptIn?: string): string[] {
  let manifest: Manifest | undefined;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest;
  } catch {
    manifest = undefined;
  }
  const listed = new Map((manifest?.files ?? []).map((f) => [f.path, f.sha256]));
  const stayed: string[] = [];
  for (const rel of walk(dir)) {
    if (rel === MANIFEST) continue;
    const file = join(dir, rel);
    const link = lstatSync(file).isSymbolicLink();
    const ours = !link && listed.get(rel) === hashFile(file);
    if (ours || (keptIn && sameFile(file, join(keptIn, rel)))) unlinkSync(file);
    else stayed.push(rel);
  }
  if (!stayed.length) rmSync(join(dir, MANIFEST), { force: true });
  removeEmptyFolders(dir);
  return stayed;
}

function sameFile(a: string, b: string): boolean {
  try {
    const [sa, sb] = [lstatSync(a), lstatSync(b)];
    if (sa.isSymbolicLink() || sb.isSymbolicLink())
      return sa.isSymbolicLink() && sb.isSymbolicLink() && readlinkSync(a) === readlinkSync(b);
    return (sa.dev === sb.dev && sa.ino === sb.ino) || (sa.size === sb.size && hashFile(a) === hashFile(b));
  } catch {
    return false;
  }
}

function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) removeEmptyFolders(join(dir, name));
  if (!readdirSync(dir).length) rmdirSync(dir);
}

/** Makes the product links of `tops` that are missing, and removes those of other names whose target is gone. */
function repairLinks(out: string, tops: string[]): void {
  for (const top of tops) if (!existsOrLink(join(out, top))) symlinkSync(linkTarget(top), join(out, top));
  for (const name of readdirSync(out))
    if (!tops.includes(name) && isProductLink(out, name) && !existsSync(join(out, name))) unlinkSync(join(out, name));
}

/**
 * Finishes what a killed run left (call it holding the folder's lock): removes unfinished
 * staging folders and link swaps of processes that are gone, removes versions other than the current one (see
 * {@link removeVersion}), and repairs the product links.
 * @returns the files that were kept because the tool did not write them (paths in the output folder).
 * @example recoverOutput("/tmp/new-folder") // => []
 */
export function recoverOutput(out: string): string[] {
  if (!existsSync(control(out))) return [];
  const current = currentVersion(out);
  const kept: string[] = [];
  // A staging folder or link swap is another run's while its process lives (a run of an earlier
  // version that took the lock wrongly, or another command): only those of dead processes go.
  const deadOwner = (name: string): boolean => {
    const pid = Number(/-(\d+)$/.exec(name)?.[1] ?? /^\.[^/]*\.(\d+)\.[0-9a-z]+\.(?:new|tmp)$/.exec(name)?.[1]);
    return pid !== process.pid && !processAlive(pid);
  };
  for (const name of readdirSync(control(out)).sort()) {
    const p = control(out, name);
    // A temporary file of a lock or an atomic write whose process is gone.
    if (/^\.[^/]*\.\d+\.[0-9a-z]+\.(?:new|tmp)$/.test(name) && deadOwner(name)) rmSync(p, { force: true });
    else if (/^current\.next-\d+$/.test(name) && deadOwner(name)) unlinkSync(p);
    else if (/^(staging|inputs)-\d+$/.test(name) && deadOwner(name)) rmSync(p, { recursive: true, force: true });
    else if (/^v\d+$/.test(name) && p !== current?.dir) {
      // Files a person saved into this earlier version (through a path resolved before the
      // switch) go into the current one; those the current one has under the same name stay.
      if (current) carryInto(p, current.dir, readManifestFiles(p));
      kept.push(...removeVersion(p, current?.dir).map((f) => join(CONTROL_DIR, name, f)));
    }
  }
  if (current) {
    repairLinks(out, topsOf(current.manifest));
    linkCurrent(out);
  }
  return kept;
}

/** The paths a version's manifest lists (none when it has no readable manifest). */
function readManifestFiles(dir: string): Set<string> {
  try {
    return new Set((JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest).files.map((f) => f.path));
  } catch {
    return new Set();
  }
}

/**
 * Moves the files of version `from` that the tool did not write (not in `listed`) into version
 * `to` where `to` has nothing of that name.
 * @returns the moved files (relative paths).
 */
function carryInto(from: string, to: string, listed: ReadonlySet<string>): string[] {
  const moved: string[] = [];
  for (const rel of walk(from)) {
    if (rel === MANIFEST || listed.has(rel) || existsOrLink(join(to, rel))) continue;
    carry(join(from, rel), join(to, rel));
    unlinkSync(join(from, rel));
    moved.push(rel);
  }
  return moved;
}

/**
 * A fresh staging folder for this process's run (an earlier one of the same process is removed).
 * @example stagingFolder("/tmp/out").endsWith(`staging-${process.pid}`) // => true
 */
export function stagingFolder(out: string): string {
  const stage = control(out, `staging-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  return stage;
}

/**
 * The folder of this process's run for the inputs it fixed at its start (see node/frozen-inputs.ts);
 * removed by the run, or by the next one after a SIGKILL.
 * @example inputsFolder("/tmp/out").endsWith(`inputs-${process.pid}`) // => true
 */
export function inputsFolder(out: string): string {
  return control(out, `inputs-${process.pid}`);
}

/**
 * Keeps the staging folder of a failed run as `.interspin/failed-run` (replacing an earlier one)
 * for people to look at; the next successful publish removes it.
 * @returns the folder's path.
 */
export function keepFailedRun(out: string, stage: string): string {
  const kept = control(out, "failed-run");
  rmSync(kept, { recursive: true, force: true });
  renameSync(stage, kept);
  return kept;
}

/**
 * Publishes the complete staging folder `stage` as the new current version of `out`.
 * @param options.clean - drop products of earlier runs that this run did not write (default: keep them).
 * @param options.record - what the manifest records about the run (its run key and outcome), given what publishing found stale.
 * @throws OutputFolderError (see {@link checkPublishable}), before anything changed.
 * @example publish("/tmp/out", stagingFolder("/tmp/out")).run // => 1
 */
export function publish(
  out: string,
  stage: string,
  options: { clean?: boolean; record?: (found: { stale: string[] }) => Record<string, unknown> } = {},
): PublishResult {
  const current = currentVersion(out);
  const produced = walk(stage);
  const tops = [...new Set(produced.map((f) => f.split("/")[0]!))].filter((t) => !t.startsWith("."));
  checkPublishable(out, tops);
  // A version folder that stayed (it held files the tool did not write) is never reused.
  let run = (current?.run ?? 0) + 1;
  while (existsOrLink(control(out, `v${run}`))) run++;
  const files: ManifestEntry[] = produced.map((path) => ({ path, sha256: hashFile(join(stage, path)), run }));
  const stale: string[] = [];
  const carried: string[] = [];
  if (current) {
    const listed = new Map(current.manifest.files.map((f) => [f.path, f]));
    const made = new Set(produced);
    for (const rel of walk(current.dir)) {
      if (rel === MANIFEST || made.has(rel)) {
        if (made.has(rel) && !listed.has(rel))
          throw new OutputFolderError(
            `${shownFolder(join(out, rel))} was not written by this tool and would be replaced; move it away and run again`,
          );
        continue;
      }
      const entry = listed.get(rel);
      if (entry && options.clean) continue;
      carry(join(current.dir, rel), join(stage, rel));
      if (entry) {
        files.push(entry);
        stale.push(rel);
      } else carried.push(rel);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  writeFileSync(
    join(stage, MANIFEST),
    stableJson({
      tool: "interspin-notebooks",
      run,
      files,
      ...(options.record ? { record: options.record({ stale }) } : {}),
    } satisfies Manifest),
  );
  const version = control(out, `v${run}`);
  renameSync(stage, version);
  const allTops = [
    ...new Set([...tops, ...stale.map((f) => f.split("/")[0]!), ...carried.map((f) => f.split("/")[0]!)]),
  ].sort();
  for (const top of allTops) if (!existsOrLink(join(out, top))) symlinkSync(linkTarget(top), join(out, top));
  const next = control(out, `current.next-${process.pid}`);
  rmSync(next, { force: true });
  symlinkSync(`v${run}`, next);
  renameSync(next, control(out, "current"));
  repairLinks(out, allTops);
  linkCurrent(out);
  // The previous version stays until the next run starts (readers that resolved it finish);
  // files saved into it while the switch was made are carried over now.
  if (current)
    for (const rel of carryInto(current.dir, version, new Set(current.manifest.files.map((f) => f.path))))
      carried.push(rel);
  rmSync(control(out, "failed-run"), { recursive: true, force: true });
  return { run, stale, carried };
}
