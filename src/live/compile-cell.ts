/**
 * A notebook cell's TypeScript made into a function the page's kernel can run, the way a kernel
 * keeps one scope per notebook: the types go (sucrase, which keeps every line where it was), and
 * every top-level name the cell declares (`let`, `const`, `var`, `function`, `class`, `import`)
 * becomes a name of the page's scope, so a later cell sees it and running a cell again simply
 * declares it anew. `import { … } from "interspin-notebooks"` takes the names from the notebook
 * API the page carries. The cell's last expression is its value (as a kernel prints it), and
 * `await` works at the top level. A syntax error names its line and column in the cell.
 */
import { parse, type Node as AcornNode } from "acorn";
import { transform } from "sucrase";

/** The cell as code to evaluate: an async function of the page's scope. */
export interface CompiledCell {
  /** `(async function (__scope, __modules) { … })`, one source line per line of the cell. */
  code: string;
  /** The names the cell declares at the top level, in order. */
  names: string[];
}

/** A cell that does not parse: the parser's message, with the line and column in the cell (from 1). */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

/** What the first line of a compiled cell starts with, before the cell's own first line. */
export const CELL_PREFIX = "(async function (__scope, __modules) { with (__scope) { ";

type Node = AcornNode & Record<string, unknown>;
type Edit = { start: number; end: number; text: string };

/** The names a binding pattern declares (`a`, `{ a, b: [c] }`, `...rest`). */
function patternNames(p: Node, out: string[]): void {
  switch (p.type) {
    case "Identifier":
      out.push(p.name as string);
      break;
    case "ObjectPattern":
      for (const prop of p.properties as Node[])
        patternNames((prop.type === "RestElement" ? prop.argument : prop.value) as Node, out);
      break;
    case "ArrayPattern":
      for (const el of p.elements as (Node | null)[]) if (el) patternNames(el, out);
      break;
    case "RestElement":
      patternNames(p.argument as Node, out);
      break;
    case "AssignmentPattern":
      patternNames(p.left as Node, out);
      break;
  }
}

/** Turns TypeScript into JavaScript, keeping lines; a syntax error becomes a {@link CellSyntaxError}. */
function stripTypes(source: string): string {
  try {
    return transform(source, {
      transforms: ["typescript"],
      disableESTransforms: true,
      keepUnusedImports: true,
    }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const at = /\((\d+):(\d+)\)\s*$/.exec(err.message);
    const line = err.loc?.line ?? (at ? Number(at[1]) : 1);
    // sucrase counts columns from 1 (acorn, below, from 0)
    const column = err.loc?.column ?? (at ? Number(at[2]) : 1);
    throw new CellSyntaxError(err.message.replace(/\s*\(\d+:\d+\)\s*$/, ""), line, column);
  }
}

function parseModule(js: string): Node {
  try {
    return parse(js, {
      ecmaVersion: "latest",
      sourceType: "module",
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: false,
      locations: true,
    }) as unknown as Node;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(
      err.message.replace(/\s*\(\d+:\d+\)\s*$/, ""),
      err.loc?.line ?? 1,
      (err.loc?.column ?? 0) + 1,
    );
  }
}

/** The same number of line breaks as `original` has, so that lines after an edit stay in place. */
function keepLines(text: string, original: string): string {
  const missing = (original.match(/\n/g)?.length ?? 0) - (text.match(/\n/g)?.length ?? 0);
  return missing > 0 ? text + "\n".repeat(missing) : text;
}

/**
 * Compiles one cell.
 * @throws CellSyntaxError when the cell does not parse.
 * @example compileCell("let n: number = 1;\nn + 1").names // => ["n"]
 */
export function compileCell(source: string): CompiledCell {
  const js = stripTypes(source);
  const program = parseModule(js);
  const src = (n: Node): string => js.slice(n.start, n.end);
  const names: string[] = [];
  const edits: Edit[] = [];
  const body = program.body as Node[];
  body.forEach((statement, i) => {
    let s = statement;
    if (s.type === "ExportNamedDeclaration" && s.declaration) {
      edits.push({ start: s.start, end: (s.declaration as Node).start, text: "" });
      s = s.declaration as Node;
    }
    if (s.type === "ImportDeclaration") {
      const from = JSON.stringify((s.source as Node).value);
      const parts = (s.specifiers as Node[]).map((spec) => {
        const local = (spec.local as Node).name as string;
        names.push(local);
        if (spec.type === "ImportNamespaceSpecifier") return `${local} = __modules(${from});`;
        if (spec.type === "ImportDefaultSpecifier") return `${local} = __modules(${from}, "default");`;
        const imported = spec.imported as Node;
        const name = (imported.type === "Identifier" ? imported.name : imported.value) as string;
        return `${local} = __modules(${from}, ${JSON.stringify(name)});`;
      });
      if (!parts.length) parts.push(`__modules(${from});`);
      edits.push({ start: s.start, end: s.end, text: keepLines(parts.join(" "), src(s)) });
    } else if (s.type === "VariableDeclaration") {
      const declarators = s.declarations as Node[];
      const parts = declarators.map((d) => {
        patternNames(d.id as Node, names);
        const init = d.init ? src(d.init as Node) : "undefined";
        return `${src(d.id as Node)} = ${init}`;
      });
      const text = `(${parts.join(", ")});`;
      edits.push({ start: s.start, end: s.end, text: keepLines(text, src(s)) });
    } else if (s.type === "FunctionDeclaration" && s.id) {
      const name = (s.id as Node).name as string;
      names.push(name);
      // A declaration is hoisted within the cell; the page's scope gets it before the cell's first line runs.
      edits.push({ start: 0, end: 0, text: `__scope[${JSON.stringify(name)}] = ${name}; ` });
    } else if (s.type === "ClassDeclaration" && s.id) {
      const name = (s.id as Node).name as string;
      names.push(name);
      edits.push({ start: s.start, end: s.start, text: `${name} = ` });
      edits.push({ start: s.end, end: s.end, text: ";" });
    } else if (s.type === "ExportDefaultDeclaration" || s.type === "ExportAllDeclaration") {
      throw new CellSyntaxError("a cell cannot export", (s.loc as { start: { line: number } }).start.line, 1);
    } else if (s.type === "ExpressionStatement" && i === body.length - 1) {
      const e = s.expression as Node;
      edits.push({ start: e.start, end: e.start, text: "return (" });
      edits.push({ start: e.end, end: e.end, text: ")" });
    }
  });
  let code = js;
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  for (const e of ordered) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  return { code: `${CELL_PREFIX}${code}\n}})`, names: [...new Set(names)] };
}
