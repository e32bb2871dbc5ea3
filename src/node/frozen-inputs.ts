/**
 * Input files fixed for one run: copies of the bytes a run read at its start, in a folder, with
 * an index. The run names the folder in its kernels' environment ({@link FROZEN_INPUTS_ENV}), and
 * the disk data source (file-source.ts) then serves those copies instead of the files themselves:
 * a data file, codebook or notebook replaced while the run goes on changes nothing of what it
 * computes (the run notices the change at its end and publishes nothing).
 */
import { mkdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { stableJson } from "../util/stable-json.js";

/** The environment variable naming the folder of fixed inputs (set by the report for its kernels). */
export const FROZEN_INPUTS_ENV = "INTERSPIN_RUN_INPUTS";

const INDEX = "index.json";

/** What the index records: project files by name, a user's files by real path, each with the copy's path in the folder. */
interface FrozenIndex {
  project: Record<string, string>;
  user: Record<string, string>;
}

/** The bytes to fix: project data files by project-relative name, a user's files by path. */
export interface InputsToFreeze {
  project: ReadonlyMap<string, Uint8Array>;
  user: ReadonlyMap<string, Uint8Array>;
}

/** The real path of `file`, or the path itself when it cannot be resolved. */
export function realPathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Writes the copies and their index into `dir` (created).
 * @example writeFrozenInputs("/tmp/in", { project: new Map([["data/study.json", bytes]]), user: new Map() })
 */
export function writeFrozenInputs(dir: string, inputs: InputsToFreeze): void {
  mkdirSync(dir, { recursive: true });
  const index: FrozenIndex = { project: {}, user: {} };
  for (const [name, bytes] of inputs.project) {
    index.project[name] = join("project", name);
    writeFileAtomic(join(dir, index.project[name]!), bytes);
  }
  [...inputs.user].forEach(([path, bytes], i) => {
    index.user[realPathOr(path)] = join("user", String(i));
    writeFileAtomic(join(dir, index.user[realPathOr(path)]!), bytes);
  });
  writeFileAtomic(join(dir, INDEX), stableJson(index));
}

/** Reads the fixed inputs of a folder. */
export interface FrozenInputs {
  /** A project file's fixed bytes, null when the run had no such file, undefined when it is not fixed. */
  project(name: string): Uint8Array | null | undefined;
  /** A user's file's fixed bytes (by any path to it), or undefined when it is not fixed. */
  user(path: string): Uint8Array | undefined;
}

/**
 * The fixed inputs named by the environment, or undefined when it names none.
 * @throws Error naming the folder when its index cannot be read (the run that set it is gone).
 * @example frozenInputs({}) // => undefined
 */
export function frozenInputs(env: NodeJS.ProcessEnv = process.env): FrozenInputs | undefined {
  const dir = env[FROZEN_INPUTS_ENV];
  if (!dir) return undefined;
  let index: FrozenIndex;
  try {
    index = JSON.parse(readFileSync(join(dir, INDEX), "utf8")) as FrozenIndex;
  } catch (e) {
    throw new Error(
      `${FROZEN_INPUTS_ENV}=${dir}: the inputs fixed for this run cannot be read (${(e as Error).message})`,
    );
  }
  const copy = (rel: string): Uint8Array => readFileSync(join(dir, rel));
  return {
    project: (name) => {
      const rel = index.project[name];
      // Every file of data/ was fixed: a name the index lacks is a file the project does not have.
      return rel ? copy(rel) : name.startsWith("data/") ? null : undefined;
    },
    user: (path) => {
      const rel = index.user[realPathOr(path)];
      return rel ? copy(rel) : undefined;
    },
  };
}
