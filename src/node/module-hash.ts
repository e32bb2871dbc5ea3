/**
 * Content hashes of what an executed notebook depends on besides its own text and data: the
 * compiled shared module it imports, the runner that executes it, the installed dependencies
 * and the project's data files the module reads at run time. Only contents are hashed, never
 * timestamps, so a rebuild that produces the same files keeps every cached result valid.
 */
import type { Hash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { paths } from "../paths.js";
import { hashFile, hasher, sha256 } from "./hash.js";
import { filesBelow } from "./walk.js";
import { dependencyHash } from "./dependency-hash.js";

export { hashFile, sha256 };

// Relative specifiers in compiled ES modules and declarations: `from "./x.js"`,
// `import "./x.js"`, `import("./x.js")`, `export * from "../x.js"`.
const RELATIVE_IMPORT = /\b(?:from|import)\s*\(?\s*["'](\.\.?\/[^"']+)["']/g;

/**
 * The compiled files reachable from `entries` through relative imports, following both the
 * JavaScript (what runs) and its `.d.ts` (what notebook cells are type-checked against; type-only
 * imports appear only there). Sorted, absolute paths.
 * @example moduleClosure(["dist/src/index.js"]).some((f) => f.endsWith("data/load.js")) // => true
 */
export function moduleClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (file.endsWith(".js")) queue.push(`${file.slice(0, -3)}.d.ts`);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(file), m[1]!);
      queue.push(target);
      if (target.endsWith(".js")) queue.push(`${target.slice(0, -3)}.d.ts`);
    }
  }
  return [...seen].sort();
}

function addFile(hash: Hash, root: string, file: string): void {
  const bytes = readFileSync(file);
  hash.update(`${relative(root, file).split(sep).join("/")}\0${bytes.length}\0`).update(bytes);
}

/** What {@link moduleHash} covers; every part has a project default. */
export interface ModuleHashOptions {
  /** Project root (default: this project). */
  root?: string;
  /** Compiled entry points whose import closure is hashed; default the package entry and the runner. */
  entries?: string[];
  /** Further files or folders hashed whole; default `package-lock.json` and `data/`. */
  extra?: string[];
}

/**
 * A hash of everything an executed notebook depends on besides its own text, data file and
 * parameters:
 * - the import closure of the compiled package entry (`dist/src/index.js`, what cells import as
 *   "interspin-notebooks") and of the runner (`dist/src/notebook/run/runner.js`, which injects
 *   parameters and shapes the outputs), JavaScript and declarations. Only this closure, not all
 *   of `dist/`: editing the report command, a CLI, a test or the benchmark does not invalidate
 *   executed notebooks, while any change a notebook could see does;
 * - `package-lock.json`: the exact versions of tslab (and its TypeScript), Arquero, Plotly…, and
 *   the content of every file of the installed packages a kernel loads (dependency-hash.ts);
 * - everything in `data/` (codebook, published numbers, study facts), which the module reads at
 *   run time;
 * - the Node.js version running the kernels.
 * Files are hashed by path and content, in sorted order.
 * @example moduleHash() === moduleHash() // => true (64 hex digits)
 */
export function moduleHash(options: ModuleHashOptions = {}): string {
  const root = options.root ?? paths.root;
  const entries = options.entries ?? [
    join(root, "dist", "src", "index.js"),
    join(root, "dist", "src", "notebook", "run", "runner.js"),
    // Preloaded into every kernel by path (kernel-compiler.ts), so no import reaches it.
    join(root, "dist", "src", "notebook", "kernel-preload.js"),
  ];
  const extra = options.extra ?? [join(root, "package-lock.json"), join(root, "data")];
  const hash = hasher().update(`node ${process.version}\0deps ${dependencyHash(root)}\0`);
  for (const file of moduleClosure(entries)) addFile(hash, root, file);
  for (const target of extra) {
    if (!existsSync(target)) continue;
    for (const file of statSync(target).isDirectory() ? filesBelow(target) : [target]) addFile(hash, root, file);
  }
  return hash.digest("hex");
}
