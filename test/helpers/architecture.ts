/**
 * The layers of `src/` and the checks that hold the code to them (README "Layout",
 * ARCHITECTURE.md): every import of `src/` read with TypeScript's parser, then no import loop,
 * no import from a lower layer to a higher one, and no Node built-in or Node-only package in the
 * browser-safe core (the notebook API's path through api/, verify/, seminar/, figures/,
 * analysis/, stats/, data/, ilp/ and util/). `checkArchitecture` takes the files as text, so a
 * test can feed it imports that must fail.
 */
import { builtinModules } from "node:module";
import { posix } from "node:path";
import ts from "typescript";

/**
 * The layers, lowest first: a file may import files of its own layer or of lower ones. A layer
 * is a list of folders (and top-level files) under `src/`.
 */
export const LAYERS: ReadonlyArray<{ name: string; parts: readonly string[]; core: boolean }> = [
  { name: "util", parts: ["util", "types"], core: true },
  { name: "ilp", parts: ["ilp"], core: true },
  { name: "data", parts: ["data"], core: true },
  { name: "analysis and statistics", parts: ["analysis", "stats"], core: true },
  { name: "figures", parts: ["figures"], core: true },
  { name: "verification and seminars", parts: ["verify", "seminar"], core: true },
  { name: "notebook API", parts: ["api"], core: true },
  { name: "live book page (browser code)", parts: ["live"], core: true },
  { name: "Node helpers", parts: ["paths.ts", "node", "interop"], core: false },
  { name: "rendering and output folder", parts: ["render", "output"], core: false },
  { name: "notebooks (format, kernel, in-kernel, display, runner)", parts: ["notebook"], core: false },
  { name: "book", parts: ["book"], core: false },
  { name: "report pipeline", parts: ["report"], core: false },
  { name: "entries", parts: ["cli", "bench", "index.ts", "node-host.ts"], core: false },
];

/** Packages that need Node (native addons, a browser driver, the kernel), besides Node's built-ins. */
export const NODE_ONLY_PACKAGES: readonly string[] = ["zeromq", "playwright-core", "tslab", "danfojs-node", "@tslab/"];

/** One import of a file of `src/`. */
export interface ImportEdge {
  from: string;
  /** A file of `src/` (path relative to `src/`), or the bare package name. */
  to: string;
  typeOnly: boolean;
  package: boolean;
}

/** What is wrong, one line each. */
export interface ArchitectureReport {
  loops: string[];
  upward: string[];
  nodeInCore: string[];
  unplaced: string[];
}

/**
 * The layer index of a file (path relative to `src/`), or -1 when no layer names it.
 * @example layerOf("figures/abb-01-prior-experience.ts") // => 4
 */
export function layerOf(file: string): number {
  const top = file.split("/")[0]!;
  return LAYERS.findIndex((l) => l.parts.includes(top));
}

/** Every import and export-from of a file (static, dynamic `import()`), with whether it is type-only. */
export function importsOf(file: string, text: string, known: ReadonlySet<string>): ImportEdge[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (spec.startsWith(".")) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts");
      out.push({ from: file, to: known.has(target) ? target : target, typeOnly, package: false });
    } else out.push({ from: file, to: spec, typeOnly, package: true });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Whether a package name is Node's own or one that needs Node. */
export function isNodeOnly(pkg: string): boolean {
  return pkg.startsWith("node:") || BUILTINS.has(pkg) || NODE_ONLY_PACKAGES.some((p) => pkg === p || pkg.startsWith(p));
}

/** The loops of a graph (strongly connected components with more than one file, or a file importing itself). */
function loopsOf(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.package) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const loops: string[][] = [];
  let counter = 0;
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (next.get(v) ?? []).includes(v)) loops.push(part.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) strong(v);
  return loops;
}

/**
 * Checks files of `src/` (path relative to `src/` → text) against the layers.
 * @example checkArchitecture(new Map([["data/a.ts", 'import "node:fs";']])).nodeInCore // => ["data/a.ts imports node:fs"]
 */
export function checkArchitecture(files: ReadonlyMap<string, string>): ArchitectureReport {
  const known = new Set(files.keys());
  const edges = [...files].flatMap(([f, text]) => importsOf(f, text, known));
  const report: ArchitectureReport = { loops: [], upward: [], nodeInCore: [], unplaced: [] };
  for (const f of known) if (layerOf(f) < 0) report.unplaced.push(`${f} is in no layer`);
  for (const loop of loopsOf(edges)) report.loops.push(`loop: ${loop.join(" → ")}`);
  for (const e of edges) {
    const from = layerOf(e.from);
    if (e.package) {
      if (from >= 0 && LAYERS[from]!.core && isNodeOnly(e.to))
        report.nodeInCore.push(`${e.from} imports ${e.to} (the ${LAYERS[from]!.name} layer must run in a browser)`);
      continue;
    }
    const to = layerOf(e.to);
    if (from >= 0 && to > from)
      report.upward.push(`${e.from} (${LAYERS[from]!.name}) imports ${e.to} (${LAYERS[to]!.name}), a higher layer`);
  }
  return report;
}
