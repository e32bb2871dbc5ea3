/**
 * tslab's TypeScript compiler as a kernel loads it, made to start faster. A kernel whose cells
 * were all checked before needs no compiler: checked-converter.ts reuses their stored checks, and
 * the compiler (7.8 MB) is loaded only on first use (lazy-compiler.ts). When a cell must be
 * checked, most of the time goes to parsing and binding declaration files: tslab names
 * `typeRoots` but no `types`, so every package in node_modules/@types becomes global (mocha, react
 * with csstype, webgl2 …: a third of what it parses). The kernel loads only {@link KERNEL_TYPES};
 * a package a cell imports still finds its types, as `types` only limits what is global without
 * an import. The documentation comments of declaration files in node_modules (the JavaScript and
 * Node libraries: a fifth of the start) are not parsed by the headless runner's kernels, which
 * answer no tooltips, see {@link withoutLibraryJsDoc}; a kernel Jupyter starts keeps them, so
 * that a tooltip on `Array.prototype.map` or `fs.readFileSync` shows its documentation. And the
 * compiler is compiled from a V8 code cache (code-cache.ts), stored once the first program is
 * built, in {@link kernelCacheDir}, beside the stored checks.
 *
 * Loaded by `kernel-preload.ts` before tslab starts (`node --import`, see {@link preloadArgs}). */
import { appendFileSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { paths } from "../../paths.js";
import { installCheckedConverters, type WatchLike } from "./checked-converter.js";
import { type CachedModule, requireWithCodeCache } from "./code-cache.js";
import { kernelCompiler } from "./lazy-compiler.js";

/**
 * The @types packages a kernel makes global: Node's (console, process, timers, Buffer). The
 * notebooks use no other global declarations.
 */
export const KERNEL_TYPES: readonly string[] = ["node"];

/** The environment variable that, set to "0", drops library documentation comments (the runner sets it). */
export const LIBRARY_DOCS_ENV = "INTERSPIN_KERNEL_LIBRARY_DOCS";

/**
 * How the compiler's source is changed before it runs: without library documentation comments
 * when the environment asks for it, else not at all.
 * @example compilerTransform({ INTERSPIN_KERNEL_LIBRARY_DOCS: "0" }) === withoutLibraryJsDoc // => true
 */
export function compilerTransform(env: NodeJS.ProcessEnv = process.env): ((source: string) => string) | undefined {
  return env[LIBRARY_DOCS_ENV] === "0" ? withoutLibraryJsDoc : undefined;
}

/** The environment variable naming the code cache folder; empty: no cache. */
export const KERNEL_CACHE_ENV = "INTERSPIN_KERNEL_CACHE_DIR";

/**
 * Where a kernel keeps its code cache: the project's `.cache/kernel` (beside the report's other
 * caches, owned by whoever owns the project, removed with it), unless the environment names another.
 * @example kernelCacheDir({}) // => "<project>/.cache/kernel"
 * @example kernelCacheDir({ INTERSPIN_KERNEL_CACHE_DIR: "" }) // => undefined
 */
export function kernelCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env[KERNEL_CACHE_ENV];
  if (dir === undefined) return join(paths.root, ".cache", "kernel");
  return dir === "" ? undefined : dir;
}

/**
 * The Node options that preload this module's work into a kernel process, to be put before the
 * tslab script: `node …preloadArgs() tslab kernel --config-path FILE`.
 * @example preloadArgs()[0] // => "--import"
 */
export function preloadArgs(): string[] {
  return ["--import", new URL("../kernel-preload.js", import.meta.url).href];
}

/** Where tslab's compiler (TypeScript 5.0.4) attaches documentation comments while it parses. */
export const JSDOC_SITE =
  "function withJSDoc(node, hasJSDoc) {\n          return hasJSDoc ? addJSDocComment(node) : node;";
const JSDOC_OUTSIDE_LIBRARIES =
  'function withJSDoc(node, hasJSDoc) {\n          return hasJSDoc && !(fileName.endsWith(".d.ts") && fileName.includes("/node_modules/")) ? addJSDocComment(node) : node;';

/**
 * The compiler's source, changed to skip documentation comments in declaration files under
 * node_modules. In a .d.ts they carry no types (TypeScript reads JSDoc types only in JavaScript
 * files), so type checking and its errors stay the same; what is lost is their text in a
 * front end's tooltips for library functions (Array.prototype.map, fs.readFileSync …). The
 * project's own declarations (dist/, reached through a link) keep theirs. A compiler whose
 * source differs (another version) is returned unchanged.
 * @example withoutLibraryJsDoc(JSDOC_SITE).includes("node_modules") // => true
 */
export function withoutLibraryJsDoc(source: string): string {
  return source.replace(JSDOC_SITE, JSDOC_OUTSIDE_LIBRARIES);
}

/** The environment variable naming a file to which each cell's check appends `hit|miss|changed|damaged|not stored KEY`. */
export const CHECK_LOG_ENV = "INTERSPIN_KERNEL_CHECK_LOG";

/**
 * Prepares the compiler of the tslab whose script `script` is (the kernel's `process.argv[1]`):
 * puts the stand-in of lazy-compiler.ts in its place, which loads it on first use through the code
 * cache (without library documentation comments where {@link LIBRARY_DOCS_ENV} is "0"), restricts
 * its global types and stores the code cache after the first program; and, with a cache folder,
 * makes tslab's converters reuse stored checks in `<cache>/checks` (checked-converter.ts). Does
 * nothing when no tslab compiler is found from there.
 * @returns whether the compiler was prepared.
 * @example prepareKernelCompiler("/p/node_modules/.bin/tslab") // => true
 */
export function prepareKernelCompiler(
  script: string | undefined = process.argv[1],
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  let file: string;
  let require: NodeJS.Require;
  try {
    require = createRequire(realpathSync(script ?? ""));
    file = require.resolve("@tslab/typescript-for-tslab");
  } catch {
    return false;
  }
  const cacheDir = kernelCacheDir(env);
  const transform = compilerTransform(env);
  const stub = new Module(file) as Module & { filename: string; loaded: boolean };
  let loaded: CachedModule | undefined;
  let lastWatch: WatchLike | undefined;
  const load = () => {
    try {
      loaded = requireWithCodeCache(file, cacheDir, transform, transform ? "without-library-docs" : "");
    } finally {
      // Later `require` calls get the stand-in, which passes everything on to what loaded.
      require.cache[file] = stub;
    }
    return loaded.exports as object;
  };
  const onWatch = (watch: unknown) => {
    const first = lastWatch === undefined;
    lastWatch = watch as WatchLike;
    // After the first program, with the functions it compiled. At once rather than on a timer:
    // the program is built inside a cell, whose session must not see a timer it did not start.
    // It costs only the first kernel after an install (later ones load the cache and write nothing).
    if (first) loaded?.save();
  };
  stub.filename = file;
  stub.loaded = true;
  stub.exports = kernelCompiler(load, {
    version: packageVersion(join(dirname(file), "..")),
    types: KERNEL_TYPES,
    onWatch,
  });
  require.cache[file] = stub;
  if (cacheDir !== undefined) {
    try {
      // Leaving out library documentation comments changes no error and no emitted code, so the
      // runner's kernels and Jupyter's share their checks.
      const { size, mtimeMs } = statSync(file);
      const compiler = [stub.exports.version, size, mtimeMs];
      installCheckedConverters(require, {
        dir: join(cacheDir, "checks"),
        compiler,
        types: KERNEL_TYPES,
        lastWatch: () => lastWatch,
        log: checkLog(env[CHECK_LOG_ENV]),
      });
    } catch (e) {
      process.stderr.write(`kernel preload: every cell is type-checked afresh: ${(e as Error).message}\n`);
    }
  }
  return true;
}

/** The version in a package's package.json ("" when it cannot be read). */
function packageVersion(dir: string): string {
  try {
    return String((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown }).version ?? "");
  } catch {
    return "";
  }
}

function checkLog(file: string | undefined): ((outcome: string, key: string) => void) | undefined {
  if (!file) return undefined;
  return (outcome, key) => {
    try {
      appendFileSync(file, `${outcome} ${key}\n`);
    } catch {
      // A log that cannot be written is no reason to fail a cell.
    }
  };
}
