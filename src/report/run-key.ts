/**
 * Whether a report run would write exactly what the output folder already holds. A run reads
 * its options, its input files, the notebooks (with the teaching pages), the compiled code, the
 * installed dependencies, the project's data files, Node and Chromium; the run key is a hash of
 * all of them. The version a run publishes records its key (publish.ts); the next run with the
 * same key, into a folder whose products are all present and unchanged, has nothing to do.
 */
import type { Hash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ReportOptions } from "./report-options.js";
import { paths } from "../paths.js";
import { filesBelow } from "../node/walk.js";
import { stableJson } from "../util/stable-json.js";
import { chromiumPath } from "../render/render-static.js";
import { currentVersion, isProductLink } from "../output/publish.js";
import { hasher } from "../node/hash.js";
import { readRunInputs, type InputFile, type RunInputs } from "./run-inputs.js";
import { dependencyHash } from "../node/dependency-hash.js";

/** The options that change what a run writes: all but where it goes, how fast, and --force. */
function keyedOptions(o: ReportOptions): Record<string, unknown> {
  const { out: _out, jobs: _jobs, force: _force, ...rest } = o;
  return rest;
}

function addTree(hash: Hash, label: string, target: string): void {
  for (const file of filesBelow(target)) {
    const bytes = readFileSync(file);
    hash.update(`${label}:${relative(target, file).split(sep).join("/")}\0${bytes.length}\0`).update(bytes);
  }
}

/**
 * The browser as far as a run can tell without starting it: its resolved path, size and
 * modification time (a package upgrade changes them), or "none".
 * @example browserIdentity() // => "/usr/lib/chromium/chromium 251000000 1764000000000"
 */
export function browserIdentity(): string {
  const path = chromiumPath();
  if (!path) return "none";
  try {
    const real = realpathSync(path);
    const s = statSync(real);
    return `${real} ${s.size} ${Math.round(s.mtimeMs)}`;
  } catch {
    return `${path} unreadable`;
  }
}

/**
 * The run key of a report run: SHA-256 over the options that shape the output, the content
 * of the data file (or LimeSurvey export, mapping and survey structure), every file of the
 * notebooks folder and of the project's `data/` folder (all as the run read them at its start,
 * see run-inputs.ts), the compiled code (`dist/src`), the book's stylesheets and scripts
 * (`src/book/assets`), `package-lock.json` and the content of the installed packages a run loads
 * (node/dependency-hash.ts), the Node version, the browser and the INTERSPIN_* environment variables.
 * @param root - the project root (default: this project).
 * @param inputs - the run's inputs, when read already.
 * @example runKey(parseReportOptions([])) === runKey(parseReportOptions(["--jobs", "1"])) // => true
 */
export function runKey(
  o: ReportOptions,
  env: NodeJS.ProcessEnv = process.env,
  root: string = paths.root,
  inputs: RunInputs = readRunInputs(o, root),
): string {
  const hash = hasher().update(`interspin report run 2\0node ${process.version}\0browser ${browserIdentity()}\0`);
  hash.update(`options ${stableJson(keyedOptions(o))}\0`);
  const vars = Object.keys(env)
    .filter((k) => k.startsWith("INTERSPIN_"))
    .sort();
  hash.update(`env ${stableJson(Object.fromEntries(vars.map((k) => [k, env[k]])))}\0`);
  const add = (label: string, f: InputFile) => hash.update(`${label}\0${f.bytes.length}\0${f.sha256}\0`);
  add("input", inputs.data);
  if (inputs.mapping) add("mapping", inputs.mapping);
  if (inputs.structure) add("structure", inputs.structure);
  for (const [rel, f] of inputs.notebooks) add(`notebooks:${rel}`, f);
  for (const [rel, f] of inputs.project) add(`project:${rel}`, f);
  addTree(hash, "code", join(root, "dist", "src"));
  addTree(hash, "book assets", join(root, "src", "book", "assets"));
  addTree(hash, "lock", join(root, "package-lock.json"));
  hash.update(`dependencies ${dependencyHash(root)}\0`);
  return hash.digest("hex");
}

/** What a run records in the version it publishes, for a later run with the same key. */
export interface RunRecord {
  key: string;
  notebooks: string[];
  figures: string[];
  staticRendered: boolean;
  mismatches: string[];
  stale: string[];
}

/**
 * The current version of `out` when it was written by a run with this key and every product
 * it lists is still in place (each file present, each top-level link the tool's). Changed
 * files are not looked for here: checkPublishable stops a run on them first.
 * @returns the version's run number and record, or undefined when a run has work to do.
 * @example unchangedRun("output", runKey(options))?.run // => 7 right after run 7, when nothing changed
 */
export function unchangedRun(
  out: string,
  key: string,
): { run: number; record: RunRecord; carried: string[] } | undefined {
  const current = currentVersion(out);
  const record = current?.manifest.record as RunRecord | undefined;
  if (!current || record?.key !== key) return undefined;
  const tops = new Set<string>();
  const listed = new Set<string>();
  for (const f of current.manifest.files) {
    if (!existsSync(join(current.dir, f.path))) return undefined;
    tops.add(f.path.split("/")[0]!);
    listed.add(f.path);
  }
  for (const top of tops) if (!isProductLink(out, top)) return undefined;
  const carried = [...tops]
    .flatMap((top) => filesBelow(join(current.dir, top), { dots: true }))
    .map((f) => relative(current.dir, f).split(sep).join("/"))
    .filter((f) => !listed.has(f));
  return { run: current.run, record, carried };
}
