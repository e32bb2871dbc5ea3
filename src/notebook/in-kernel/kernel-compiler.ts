/**
 * tslab's TypeScript compiler as a kernel loads it, made to start faster. A kernel spends most of
 * its start parsing and binding declaration files: tslab names `typeRoots` but no `types`, so
 * every package in node_modules/@types becomes global (mocha, react with csstype, webgl2 …: a
 * third of what it parses). The kernel loads only {@link KERNEL_TYPES}; a package a cell imports
 * still finds its types, as `types` only limits what is global without an import. The
 * documentation comments of declaration files in node_modules (the JavaScript and Node
 * libraries: a fifth of the start) are not parsed by the headless runner's kernels, which answer
 * no tooltips, see {@link withoutLibraryJsDoc}; a kernel Jupyter starts keeps them, so that a
 * tooltip on `Array.prototype.map` or `fs.readFileSync` shows its documentation. And the
 * compiler's 7.8 MB are compiled from a V8 code cache (code-cache.ts), stored once the first
 * program is built, in {@link kernelCacheDir}.
 *
 * Loaded by `kernel-preload.ts` before tslab starts (`node --import`, see {@link preloadArgs}).
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { paths } from "../../paths.js";
import { requireWithCodeCache } from "./code-cache.js";

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

type CompilerHostFactory = (rootFiles: unknown, options: Record<string, unknown>, ...rest: unknown[]) => unknown;

/**
 * A copy of the compiler's exports whose `createWatchCompilerHost` adds `types` to compiler
 * options that name none (an explicit `types`, or a tsconfig path, is passed as it is), and whose
 * `createWatchProgram` calls `onProgram` after the first program was built.
 * @example withKernelTypes(ts).createWatchCompilerHost(["a.ts"], {}, …) // compiles with { types: ["node"] }
 */
export function withKernelTypes<T extends object>(
  ts: T,
  types: readonly string[] = KERNEL_TYPES,
  onProgram: () => void = () => undefined,
): T {
  const own = Object.getOwnPropertyDescriptors(ts) as PropertyDescriptorMap;
  const host = (ts as unknown as { createWatchCompilerHost: CompilerHostFactory }).createWatchCompilerHost;
  const program = (ts as unknown as { createWatchProgram: (host: unknown) => unknown }).createWatchProgram;
  let built = false;
  own.createWatchCompilerHost = {
    enumerable: true,
    value: (rootFiles: unknown, options: Record<string, unknown>, ...rest: unknown[]) =>
      host(
        rootFiles,
        Array.isArray(rootFiles) && options && options.types === undefined
          ? { ...options, types: [...types] }
          : options,
        ...rest,
      ),
  };
  own.createWatchProgram = {
    enumerable: true,
    value: (h: unknown) => {
      const p = program(h);
      if (!built) {
        built = true;
        onProgram();
      }
      return p;
    },
  };
  return Object.defineProperties({}, own) as T;
}

/**
 * Prepares the compiler of the tslab whose script `script` is (the kernel's `process.argv[1]`):
 * loads it through the code cache (without library documentation comments where
 * {@link LIBRARY_DOCS_ENV} is "0"), restricts its global
 * types, and stores the cache after the
 * first program, when the kernel's start is done. Does nothing when no tslab compiler is found
 * from there; a failure leaves tslab to load its compiler as usual.
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
  try {
    const loaded = requireWithCodeCache(file, kernelCacheDir(env), compilerTransform(env));
    // After the start, not during it: writing the cache must not delay the first answer.
    const save = () => {
      setImmediate(() => loaded.save()).unref();
    };
    require.cache[file]!.exports = withKernelTypes(loaded.exports as object, KERNEL_TYPES, save);
    return true;
  } catch (e) {
    process.stderr.write(
      `kernel preload: the TypeScript compiler is loaded without the start-up cache: ${(e as Error).message}\n`,
    );
    return false;
  }
}
