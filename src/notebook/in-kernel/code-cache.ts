/**
 * Loading a CommonJS file with a V8 code cache: the compiled bytecode of a file is stored under a
 * key made of the file's content, the Node version and the architecture, and reused by the next
 * process that loads the same content. A kernel loads tslab's 7.8 MB TypeScript compiler at every
 * start; compiling it, and the functions its first program needs, costs a few hundred milliseconds
 * that the cache saves. The cache is written after the file has done its work (see `save`), so it
 * holds the functions compiled lazily by then, not only the top level.
 *
 * V8 checks a cache's version, flags and the source's length, not its content: the key carries a
 * hash of the content, so an edited file of the same length never meets old bytecode. A cache that
 * cannot be read, is rejected by V8, or cannot be written (a read-only folder, say) only costs the
 * time it would have saved.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { basename, dirname, join } from "node:path";
import vm from "node:vm";

/** A file loaded by {@link requireWithCodeCache}. */
export interface CachedModule {
  /** The module's `module.exports` after it ran. */
  exports: unknown;
  /** Whether V8 accepted stored bytecode for it. */
  hit: boolean;
  /** Where its cache lives (undefined without a cache folder). */
  cacheFile: string | undefined;
  /** The key of the compiled source ({@link codeCacheKey}; undefined without a cache folder). */
  key: string | undefined;
  /**
   * Stores the bytecode compiled so far, unless it came from the cache, and removes the caches
   * of the file's earlier contents. Never throws: a folder that cannot be written leaves the
   * next start uncached.
   * @returns whether a cache file was written.
   */
  save(): boolean;
}

/**
 * The cache key of a source text: a SHA-256 over the Node version, the architecture and the text.
 * @example codeCacheKey("1 + 1").length // => 32
 */
export function codeCacheKey(source: string): string {
  return createHash("sha256").update(`${process.version}\0${process.arch}\0`).update(source).digest("hex").slice(0, 32);
}

/** The wrapper Node puts around a CommonJS file (`require("node:module").wrap`). */
const WRAP = ["(function (exports, require, module, __filename, __dirname) { ", "\n});"] as const;

interface ModuleInternals {
  filename: string;
  paths: string[];
  loaded: boolean;
  exports: unknown;
}
type ModuleStatics = { _cache: Record<string, unknown>; _nodeModulePaths(dir: string): string[] };

/**
 * Loads a CommonJS file as `require` would, compiled with the bytecode stored for its content in
 * `cacheDir`, and enters it in the require cache, so later `require` calls of the same path get it.
 * @param file - the absolute, real path of the file (as `require.resolve` returns it).
 * @param cacheDir - the cache folder; undefined: compile without a cache.
 * @param transform - rewrites the source before it is compiled (the key is taken of the result).
 * @param variant - names the transform in the cache file (`<file>.<variant>-<key>.v8`), so that the
 *   caches of two transforms of one file live side by side instead of replacing each other.
 * @throws what the file throws while it runs, and the read error if the file cannot be read.
 * @example requireWithCodeCache(require.resolve("typescript"), ".cache/kernel").hit // => false the first time, true after save()
 */
export function requireWithCodeCache(
  file: string,
  cacheDir: string | undefined,
  transform: (source: string) => string = (s) => s,
  variant = "",
): CachedModule {
  const source = transform(readFileSync(file, "utf8"));
  const key = cacheDir === undefined ? undefined : codeCacheKey(source);
  const name = variant ? `${basename(file)}.${variant}` : basename(file);
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, `${name}-${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // Not cached yet, or not readable.
  }
  const script = new vm.Script(WRAP[0] + source + WRAP[1], {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const hit = cachedData !== undefined && !script.cachedDataRejected;
  const mod = new Module(file) as unknown as ModuleInternals;
  mod.filename = file;
  mod.paths = (Module as unknown as ModuleStatics)._nodeModulePaths(dirname(file));
  const cache = (Module as unknown as ModuleStatics)._cache;
  cache[file] = mod;
  try {
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  } catch (e) {
    delete cache[file];
    throw e;
  }
  mod.loaded = true;
  let saved = hit;
  return {
    get exports() {
      return mod.exports;
    },
    hit,
    cacheFile,
    key,
    save() {
      if (saved || !cacheFile) return false;
      saved = true;
      return writeQuietly(cacheFile, script.createCachedData());
    },
  };
}

// Atomic (temporary name, then rename), so a concurrent start never reads half a cache.
function writeQuietly(file: string, data: Buffer): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    const name = basename(file);
    const family = name.slice(0, name.lastIndexOf("-") + 1);
    for (const old of readdirSync(dirname(file))) {
      if (old !== name && old.startsWith(family) && old.endsWith(".v8"))
        rmSync(join(dirname(file), old), { force: true });
    }
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
    return false;
  }
}
