/**
 * tslab's converter with type checks paid once per content. tslab turns each cell into JavaScript
 * by building a TypeScript program of the cell and the earlier cells' declarations and checking it
 * (converter.js `convert`); the result depends only on those two texts, the compiler and its
 * options, the kernel's folder, and the files the program read. So a cell whose key (check-store.ts)
 * and inputs (compiler-inputs.ts) are unchanged gets the stored result — the same JavaScript, the
 * same declarations for the next cell, and the same errors with the same positions — without a
 * program. A changed cell is checked as before, and its result stored.
 *
 * tslab's own converter, which parses the standard library and `@types/node` when it is made
 * (most of a kernel's start), is made only when a cell must be checked, a front end asks for a
 * tooltip or completion, or a cell defines a module: a kernel whose cells were all checked before
 * never builds a program. Cells that import a TypeScript or JavaScript file of the notebook's
 * folder (tslab compiles those along, once per kernel) and every cell after a module definition
 * bypass the store.
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { type CompilerInputs, fileSha256, type ProgramLike, recordInputs, relativeTo } from "./compiler-inputs.js";
import { type CheckOutcome, CheckStore, checkKey, type StoredConversion } from "./check-store.js";

/** The options tslab's `createConverter` takes. */
export interface ConverterOptions {
  isJS?: boolean;
  isBrowser?: boolean;
}

/** tslab's converter (tslab 1.0.22, converter.js). */
export interface TslabConverter {
  convert(prevDecl: string, src: string): StoredConversion;
  inspect(prevDecl: string, src: string, position: number): unknown;
  complete(prevDecl: string, src: string, position: number): unknown;
  addModule(name: string, content: string, meta?: unknown): unknown;
  close(): void;
}

/** tslab's `createConverter`. */
export type CreateConverter = (options?: ConverterOptions) => TslabConverter;

/** What the wrapper reads of a TypeScript watch program: its current program. */
export interface WatchLike {
  getProgram(): { getProgram(): ProgramLike };
}

/** How {@link checkedConverters} reaches the store and the programs tslab builds. */
export interface CheckedConverterOptions {
  store: CheckStore;
  /** Key parts the kernel fixes: the compiler, tslab, global types, type roots. */
  fixed: readonly unknown[];
  /** The folder tslab compiles in (its `rootDir`): where the cell's in-memory files live. */
  cwd: string;
  /** The `node_modules` folders seen from `cwd` upwards: all that decides where a package import resolves. */
  nodeModules: readonly string[];
  /** The watch program of the converter `create` made last (see kernel-compiler.ts). */
  lastWatch: () => WatchLike | undefined;
  /** Told how each cell's lookup ended, with the first characters of its key. */
  log?: (outcome: CheckOutcome, key: string) => void;
}

/**
 * Wraps tslab's `createConverter` so that the converters it makes reuse stored checks.
 * @example checkedConverters(createConverter, { store, fixed, cwd, lastWatch })({ isJS: false }).convert("", "1 + 1")
 */
export function checkedConverters(create: CreateConverter, o: CheckedConverterOptions): CreateConverter {
  return (options: ConverterOptions = {}) => {
    let real: TslabConverter | undefined;
    let watch: WatchLike | undefined;
    let modules = false;
    const converter = (): TslabConverter => {
      if (!real) {
        real = create(options);
        watch = o.lastWatch();
      }
      return real;
    };
    const virtual = new Set([
      join(o.cwd, options.isJS ? "__tslab__.js" : "__tslab__.ts"),
      join(o.cwd, "__prev__.d.ts"),
    ]);
    return {
      convert(prevDecl, src) {
        if (modules) return converter().convert(prevDecl, src);
        const parts = [...o.fixed, options.isJS === true, options.isBrowser === true, prevDecl, src];
        const own = checkKey([...parts, "folder", o.cwd]);
        // Without a relative path, a check made in another folder that sees the same node_modules holds here too.
        const shared =
          mentionsRelativePath(prevDecl) || mentionsRelativePath(src)
            ? undefined
            : checkKey([...parts, "node_modules", o.nodeModules]);
        let outcome: CheckOutcome = "miss";
        for (const key of shared ? [shared, own] : [own]) {
          const found = o.store.lookup(key, o.cwd);
          if (found.result) {
            o.log?.("hit", key);
            return found.result;
          }
          if (found.outcome === "changed" || found.outcome === "damaged") outcome = found.outcome;
        }
        const result = converter().convert(prevDecl, src);
        const inputs = watch && storable(result) ? inputsOf(watch.getProgram().getProgram(), virtual) : undefined;
        const movable = shared !== undefined && !mentionsRelativePath(String(result.declOutput ?? ""));
        const key = movable ? shared : own;
        const stored = inputs !== undefined && o.store.save(key, movable ? relativeTo(inputs, o.cwd) : inputs, result);
        o.log?.(stored ? outcome : "not stored", key);
        return result;
      },
      inspect: (prevDecl, src, position) => converter().inspect(prevDecl, src, position),
      complete: (prevDecl, src, position) => converter().complete(prevDecl, src, position),
      addModule(name, content, meta) {
        modules = true;
        return converter().addModule(name, content, meta);
      },
      close: () => real?.close(),
    };
  };
}

/**
 * Whether a text holds a string that starts like a relative path (`"./x"`, `'../x'`, `"."`):
 * an import, a reference or a type of the declarations resolved from the kernel's folder.
 * @example mentionsRelativePath('import { a } from "./helper";') // => true
 */
export function mentionsRelativePath(text: string): boolean {
  return /["'`]\.{1,2}(["'`]|\/)/.test(text);
}

// A result that carries compiled files of the folder depends on what this kernel compiled before.
function storable(result: StoredConversion): boolean {
  return result.sideOutputs === undefined;
}

// The inputs of a program made only of the cell, declaration files and JSON; otherwise none.
function inputsOf(program: ProgramLike, virtual: ReadonlySet<string>): CompilerInputs | undefined {
  const own = program
    .getSourceFiles()
    .some((f) => !virtual.has(f.fileName) && /\.[cm]?[jt]sx?$/.test(f.fileName) && !/\.d\.[cm]?ts$/.test(f.fileName));
  return own ? undefined : recordInputs(program, virtual);
}

/** What {@link installCheckedConverters} needs from the kernel's preload. */
export interface InstallOptions {
  /** The folder of the stored checks. */
  dir: string;
  /** Key parts that name the compiler (version, file, transform). */
  compiler: readonly unknown[];
  /** The @types packages the kernel makes global. */
  types: readonly string[];
  lastWatch: () => WatchLike | undefined;
  log?: (outcome: CheckOutcome, key: string) => void;
}

/**
 * Makes the tslab that `require` reaches reuse stored checks: replaces its `createConverter`
 * (converter.js) by {@link checkedConverters}, keyed also by tslab's converter source, the
 * kernel's folder and its type roots; and answers tslab's look for `@module`, `@jsx`, `@node` or
 * `@browser` tags (metadata.js) without the compiler where a cell has no `/**` comment that
 * could carry them.
 * @throws when tslab's modules cannot be found from `require`.
 */
export function installCheckedConverters(require: NodeJS.Require, o: InstallOptions): void {
  const converterFile = require.resolve("tslab/dist/converter.js");
  const tslab = require(converterFile) as { createConverter: CreateConverter };
  const metadata = require(require.resolve("tslab/dist/metadata.js")) as {
    getCodeMetadata(src: string): Record<string, unknown>;
  };
  const cwd = process.cwd();
  tslab.createConverter = checkedConverters(tslab.createConverter, {
    store: new CheckStore(o.dir),
    fixed: [...o.compiler, fileSha256(converterFile), o.types, defaultTypeRoots(cwd)],
    cwd,
    nodeModules: ancestorsWith(cwd, "node_modules"),
    lastWatch: o.lastWatch,
    log: o.log,
  });
  const tags = metadata.getCodeMetadata;
  metadata.getCodeMetadata = (src) => (src.includes("/**") ? tags(src) : {});
}

/**
 * The type roots TypeScript finds by default from a folder (`getDefaultTypeRoots`, which tslab
 * uses): every `node_modules/@types` folder from there up to the root.
 * @example defaultTypeRoots("/p/notebooks") // => ["/p/node_modules/@types"]
 */
export function defaultTypeRoots(from: string): string[] {
  return ancestorsWith(from, join("node_modules", "@types"));
}

/**
 * Every folder `<dir>/<sub>` that exists, for `dir` from `from` up to the root, nearest first.
 * @example ancestorsWith("/p/notebooks", "node_modules") // => ["/p/node_modules"]
 */
export function ancestorsWith(from: string, sub: string): string[] {
  const found: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, sub);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) found.push(path);
    if (dirname(dir) === dir) return found;
  }
}
