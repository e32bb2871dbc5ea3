/**
 * An execution cache for notebooks, as Jupyter Book has: a notebook whose inputs (its own text,
 * the data file, the parameters and the compiled module it runs against) have not changed since
 * its last successful run is not executed again; its stored executed copy is reused. Keys are
 * SHA-256 hashes of contents, never timestamps. Entries live in `<out>/.cache/notebooks/<key>.ipynb`,
 * written atomically with the hash of their bytes and checked on every read (node/verified-file.ts:
 * an edited entry is discarded with a note and the notebook runs again); failed runs are never stored, and neither are runs in a kernel that ran
 * another notebook before (`reuseKernels`): a stored result is always that of a fresh kernel,
 * so it cannot depend on which notebook ran before it.
 *
 * The runner (and with it zeromq) is loaded only when a notebook has to run, so a run in which
 * nothing changed starts no kernel and loads no kernel machinery.
 */
import { readFileSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { paths } from "../../paths.js";
import { writeFileAtomic } from "../../node/atomic-write.js";
import { readVerified, writeVerified } from "../../node/verified-file.js";
import { stableJson } from "../../util/stable-json.js";
import { DuplicateNotebookNameError } from "../format/errors.js";
import { DEFAULT_MAX_CELL_OUTPUT_BYTES, DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES } from "../kernel/output-collector.js";
import { moduleHash as currentModuleHash } from "../../node/module-hash.js";
import { hashFile, sha256 } from "../../node/hash.js";
import { pruneCache } from "../../node/cache-folder.js";
import { notebookKey, parseNotebook, serializeNotebook, type Notebook } from "../format/nbformat.js";
import type { NotebookParameters } from "../format/parameters.js";
import type { NotebookResult, RunNotebooksOptions } from "./runner.js";

/** The layout of keys and entries; raising it invalidates every stored entry. */
export const CACHE_FORMAT = 3;

/** What determines an executed notebook. */
export interface CacheKeyInput {
  /** The notebook file as stored (bytes or text). */
  notebookText: string | Uint8Array;
  /** The data file's bytes; or give `dataHash`. */
  dataBytes?: Uint8Array;
  /** SHA-256 (hex) of the data file's bytes, when they were hashed already. */
  dataHash?: string;
  /** The injected parameters (key order does not matter). */
  parameters?: NotebookParameters;
  /** See {@link currentModuleHash moduleHash}. */
  moduleHash: string;
  /** Anything else the result depends on, e.g. the notebook's project-relative path (cell ids derive from it). */
  extra?: Record<string, string>;
}

/**
 * The cache key of a notebook run: SHA-256 over the hashes of its inputs.
 * @throws TypeError when neither `dataBytes` nor `dataHash` is given.
 * @example cacheKey({ notebookText: "{}", dataHash: "ab", parameters: { lang: "de" }, moduleHash: "cd" }).length // => 64
 */
export function cacheKey(input: CacheKeyInput): string {
  const data = input.dataHash ?? (input.dataBytes ? sha256(input.dataBytes) : undefined);
  if (data === undefined)
    throw new TypeError("cacheKey needs dataBytes or dataHash: the data a notebook reads is part of its key");
  return sha256(
    stableJson({
      format: CACHE_FORMAT,
      notebook: sha256(input.notebookText),
      data,
      parameters: input.parameters ?? {},
      module: input.moduleHash,
      extra: input.extra ?? {},
    }),
  );
}

/**
 * Where the executed notebook of `key` is stored.
 * @example cachedNotebookPath("output/.cache/notebooks", "ab12") // => "output/.cache/notebooks/ab12.ipynb"
 */
export function cachedNotebookPath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.ipynb`);
}

/**
 * Stores an executed notebook under `key` with the hash of its bytes (atomically: readers see the
 * old entry or the new one).
 * @example storeCachedNotebook("output/.cache/notebooks", key, run.notebook) // => undefined
 */
export function storeCachedNotebook(cacheDir: string, key: string, notebook: Notebook): void {
  writeVerified(cachedNotebookPath(cacheDir, key), serializeNotebook(notebook));
}

/**
 * The stored notebook of `key` with its bytes, or undefined when there is none, its bytes do not
 * match their stored hash (the entry is then removed and `onDamaged` called) or it is not a
 * readable notebook: either way a miss, and the next successful run replaces it.
 * @example readCachedNotebook("output/.cache/notebooks", "0000")?.notebook // => undefined
 */
export function readCachedNotebook(
  cacheDir: string,
  key: string,
  onDamaged: (file: string) => void = () => {},
): { notebook: Notebook; bytes: Buffer } | undefined {
  const file = cachedNotebookPath(cacheDir, key);
  const read = readVerified(file);
  if (read.status === "damaged") onDamaged(file);
  if (read.status !== "ok") return undefined;
  try {
    return { notebook: parseNotebook(read.bytes.toString("utf8"), file), bytes: read.bytes };
  } catch {
    return undefined;
  }
}

/** Options of {@link runNotebooksCached}: those of runNotebooks plus the cache's. */
export interface CachedRunOptions extends RunNotebooksOptions {
  /** Folder of stored executed notebooks, conventionally `<out>/.cache/notebooks`. */
  cacheDir: string;
  /** Run every notebook even when a stored result exists (the results are stored again). */
  force?: boolean;
  /** The data file the notebooks read (its bytes are part of the key). */
  dataFile: string;
  /** SHA-256 of the data file's bytes, when the caller read them already (then the file is not read). */
  dataHash?: string;
  /** Override the hash of the compiled module (tests); default {@link currentModuleHash moduleHash}(). */
  moduleHash?: string;
  /** How many stored notebooks to keep, most recently used first; default 64. */
  maxEntries?: number;
  /** Told of a stored result discarded because its bytes did not match their hash (one line). */
  onNote?: (line: string) => void;
  /** Executes the misses; default the headless runner's runNotebooks (loaded on first use). */
  execute?: (notebooks: string[], options: RunNotebooksOptions) => Promise<NotebookResult[]>;
}

/** A notebook's outcome; `cached` when the stored result was reused and nothing ran. */
export type CachedNotebookResult = NotebookResult & { cached: boolean };

// The key of one notebook, or undefined when the file cannot be read or prepared (the runner
// then reports why, exactly as without the cache).
function keyOf(
  path: string,
  base: Omit<CacheKeyInput, "notebookText" | "extra">,
  options: Pick<RunNotebooksOptions, "prepare" | "read">,
  more: Record<string, string> = {},
): string | undefined {
  const { prepare, read = readFileSync } = options;
  try {
    const content = read(path);
    const text = typeof content === "string" ? content : new TextDecoder().decode(content);
    const prepared = prepare ? sha256(serializeNotebook(prepare(parseNotebook(text, path)))) : "";
    return cacheKey({ ...base, notebookText: content, extra: { path: notebookKey(path), prepared, ...more } });
  } catch {
    return undefined;
  }
}

// The notebook as a hit returns it: parsed from its serialisation (keys sorted), so that what is
// built from it (the book) is byte-identical whether the notebook ran now or came from the cache.
function asStored(notebook: Notebook, path: string): Notebook {
  return parseNotebook(serializeNotebook(notebook), path);
}

// Marks an entry as used, for pruning; an entry removed meanwhile is no reason to fail.
function touch(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    /* gone: nothing to keep */
  }
}

async function defaultExecute(notebooks: string[], options: RunNotebooksOptions): Promise<NotebookResult[]> {
  const { runNotebooks } = await import("./runner.js");
  return runNotebooks(notebooks, options);
}

/**
 * Runs notebooks like runNotebooks (in parallel, executed copies written to
 * `<outDir>/notebooks/<name>.ipynb`, results in input order), but reuses the stored result of
 * every notebook whose inputs are unchanged: its executed copy is written from the cache and no
 * kernel starts. Only the misses run; their successful results are stored.
 * @throws {DuplicateNotebookNameError} when two notebooks would write the same output file.
 * @throws the fs error when `dataFile` cannot be read.
 * @example
 * const r = await runNotebooksCached(["notebooks/01-einleitung.ipynb"], { outDir: stage, cacheDir: "output/.cache/notebooks", dataFile: "data/survey.csv" });
 * r[0].cached // => true on the second run
 */
export async function runNotebooksCached(
  notebooks: string[],
  options: CachedRunOptions,
): Promise<CachedNotebookResult[]> {
  const {
    cacheDir,
    force = false,
    dataFile,
    dataHash,
    maxEntries = 64,
    execute = defaultExecute,
    onNote = () => {},
    moduleHash,
    ...runOptions
  } = options;
  const names = new Map<string, string>();
  for (const nb of notebooks) {
    const name = basename(nb, ".ipynb");
    if (names.has(name)) throw new DuplicateNotebookNameError(names.get(name)!, nb);
    names.set(name, nb);
  }
  const outDir = runOptions.outDir ?? paths.output;
  const keysNow = (): Array<string | undefined> => {
    const base = {
      dataHash: dataHash ?? hashFile(dataFile),
      parameters: runOptions.parameters ?? {},
      moduleHash: moduleHash ?? currentModuleHash(),
    };
    // Another output cap can give other outputs; the default cap leaves the keys as they were.
    const cap = runOptions.maxCellOutputBytes;
    const more: Record<string, string> =
      cap !== undefined && cap !== DEFAULT_MAX_CELL_OUTPUT_BYTES ? { maxCellOutputBytes: String(cap) } : {};
    const notebookCap = runOptions.maxNotebookOutputBytes;
    if (notebookCap !== undefined && notebookCap !== DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES)
      more.maxNotebookOutputBytes = String(notebookCap);
    return notebooks.map((nb) => keyOf(nb, base, runOptions, more));
  };
  const keys = keysNow();
  const results: CachedNotebookResult[] = new Array(notebooks.length);
  const misses: number[] = [];
  notebooks.forEach((path, i) => {
    const started = Date.now();
    const damaged = () =>
      onNote(`the stored result of ${basename(path)} did not match its recorded hash: discarded, running it again`);
    const hit = force || keys[i] === undefined ? undefined : readCachedNotebook(cacheDir, keys[i]!, damaged);
    if (!hit) return void misses.push(i);
    const name = basename(path, ".ipynb");
    const outPath = join(outDir, "notebooks", `${name}.ipynb`);
    writeFileAtomic(outPath, hit.bytes);
    touch(cachedNotebookPath(cacheDir, keys[i]!));
    results[i] = {
      path,
      name,
      status: "ok",
      outPath,
      notebook: hit.notebook,
      durationMs: Date.now() - started,
      cached: true,
    };
  });
  if (misses.length) {
    const ran = await execute(
      misses.map((i) => notebooks[i]!),
      { ...runOptions, outDir },
    );
    // An input edited while the notebooks ran would file the result under the wrong key: store
    // only results whose key is the same before and after the run.
    let after: Array<string | undefined> = [];
    try {
      after = keysNow();
    } catch {
      /* the data file went away: store nothing */
    }
    misses.forEach((i, j) => {
      const r = ran[j]!;
      const fresh = r.kernel?.reused !== true;
      if (r.status === "ok" && r.notebook && fresh && keys[i] !== undefined && keys[i] === after[i])
        storeCachedNotebook(cacheDir, keys[i]!, r.notebook);
      results[i] = { ...r, ...(r.notebook ? { notebook: asStored(r.notebook, r.path) } : {}), cached: false };
    });
    pruneCache(cacheDir, maxEntries);
  }
  return results;
}
