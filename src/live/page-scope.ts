/**
 * The page's scope: what one kernel session holds. Cells run in it one after another (compiled
 * by compile-cell.ts); a name a cell declares stays for the cells after it, until the scope is
 * dropped (the page's Interrupt ends the worker, and with it the scope).
 */
import { CELL_PREFIX, compileCell } from "./compile-cell.js";

/** The modules a cell can import, by name. */
export type Modules = Readonly<Record<string, object>>;

/** The file name a cell's code runs as (in stack traces), from its index in the notebook. */
export const cellFile = (cell: number): string => `cell-${cell}.ts`;

/** Runs cells in one scope. */
export class PageScope {
  private readonly names: Record<string, unknown> = Object.create(null);
  private readonly load: (name: string, key?: string) => unknown;

  constructor(modules: Modules) {
    this.load = (name, key) => {
      const m = modules[name] as Record<string, unknown> | undefined;
      if (!m) throw new Error(`Cannot find module '${name}'`);
      if (key === undefined) return m;
      if (key === "default") return m.default ?? m;
      if (!(key in m))
        throw new SyntaxError(`The requested module '${name}' does not provide an export named '${key}'`);
      return m[key];
    };
  }

  /**
   * Runs a cell's TypeScript and gives its value (its last expression's, else undefined).
   * @throws CellSyntaxError when it does not parse; whatever the cell throws.
   * @example await new PageScope({}).run("let a = 2;\na * 21", 1) // => 42
   */
  async run(source: string, cell: number): Promise<unknown> {
    const compiled = compileCell(source);
    for (const n of compiled.names) if (!(n in this.names)) this.names[n] = undefined;
    // Indirect eval: global code, not strict, so the cell's function may use `with` on the scope.
    // biome-ignore lint/security/noGlobalEval: a cell is code the reader asked to run, as a kernel runs it
    const evaluate = globalThis.eval;
    const fn = evaluate(`${compiled.code}\n//# sourceURL=${cellFile(cell)}`) as (
      scope: object,
      load: (name: string, key?: string) => unknown,
    ) => Promise<unknown>;
    return await fn(this.names, this.load);
  }

  /** Whether the scope holds a name. */
  has(name: string): boolean {
    return name in this.names;
  }
}

/**
 * The line and column in the cell where an error was thrown (the innermost frame of the cell's
 * code in its stack), or undefined when the cell's code is not on it.
 * @example errorPosition(new Error("x"), 3) // => undefined
 */
export function errorPosition(e: unknown, cell: number): { line: number; column: number } | undefined {
  const stack = e instanceof Error ? (e.stack ?? "") : "";
  const at = new RegExp(`${cellFile(cell).replace(".", "\\.")}:(\\d+):(\\d+)`).exec(stack);
  if (!at) return undefined;
  const line = Number(at[1]);
  // The first line starts after the function's head.
  return { line, column: line === 1 ? Math.max(1, Number(at[2]) - CELL_PREFIX.length) : Number(at[2]) };
}
