/**
 * The candidate tables of a claim in one block model: the table's cells are linear expressions
 * of the model; the solver bounds each cell, and where the product of the bounds is too large it
 * branches on one cell and bounds the others again. Every candidate lies inside the bounds the
 * solver proved, so no table of a consistent dataset is missed; whether a candidate extends to a
 * dataset is decided later (rangeOverCandidates).
 */
import { lin, sumOf, type Assignment, type IntegerModel, type LinExpr } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import { substitute } from "../../ilp/share-constraints.js";
import type { BlockModel } from "./block.js";
import type { Candidate } from "./table-range.js";

/** A claim's table in a block: its cells as expressions and what a test makes of their values. */
export interface TableSpec {
  cells: LinExpr[];
  /** The test's outcome for the cells' values, or null when they do not form a valid table. */
  score(values: readonly number[]): Omit<Candidate, "fixes"> | null;
}

/** Candidates of one model, with the model that carries the key variables. */
export interface CandidateSet {
  model: IntegerModel;
  candidates: Candidate[];
}

/** Default cap on candidates per model; above it the caller falls back to witnesses. */
export const MAX_CANDIDATES = 60_000;
/** A product of bounds up to this size is listed without branching. */
const PRODUCT = 4_000;

const isConstant = (e: LinExpr) => e.terms.size === 0;

/**
 * Enumerates a table's candidates in a block model, or returns null when there are more than
 * `max` (then only witnesses can be given) or the model has no dataset.
 * @example enumerateCandidates(solver, block, groupsTable(...))?.candidates.length // => e.g. 840
 */
export function enumerateCandidates(
  solver: Solver,
  b: BlockModel,
  spec: TableSpec,
  max = MAX_CANDIDATES,
): CandidateSet | null | "too many" {
  const cells = spec.cells.map((c) => substitute(c, b.fixed));
  const keys: LinExpr[] = [];
  const index = cells.map((c) => {
    if (isConstant(c)) return -1;
    const at = keys.findIndex(
      (k) => JSON.stringify([...k.terms, k.constant]) === JSON.stringify([...c.terms, c.constant]),
    );
    if (at >= 0) return at;
    keys.push(c);
    return keys.length - 1;
  });
  // A cell that is one variable is its own key, so constraints on it can be checked on a
  // candidate without the solver; other cells get a key variable equal to them.
  const single = (k: LinExpr): string | null => {
    const [only] = [...k.terms];
    return k.terms.size === 1 && k.constant === 0 && only && only[1] === 1 ? only[0] : null;
  };
  const names = keys.map((k, j) => single(k) ?? `key${j}`);
  const extra = keys.map((k, j) => [k, names[j]!] as const).filter(([k]) => !single(k));
  const model = extra.length
    ? b.model.with({}, (m) =>
        extra.forEach(([k, name]) => {
          m.int(name, -1_000_000, 1_000_000);
          m.equal(
            sumOf([
              [1, lin([[1, name]])],
              [-1, k],
            ]),
            0,
            `table cell ${name}`,
          );
        }),
      )
    : b.model;
  const out: Candidate[] = [];
  const emit = (values: number[]): void => {
    const cellValues = cells.map((c, i) => (index[i]! < 0 ? c.constant : values[index[i]!]!));
    const s = spec.score(cellValues);
    if (!s) return;
    const fixes: Record<string, number> = {};
    names.forEach((n, j) => {
      fixes[n] = values[j]!;
    });
    out.push({ ...s, fixes, cells: cellValues });
  };
  if (!keys.length) {
    if (!solver.feasible(model)) return null;
    emit([]);
    return { model, candidates: out };
  }
  let tooMany = false;
  const walk = (fixed: Assignment): void => {
    if (tooMany) return;
    const sub = model.with(fixed);
    const boxes: Array<[number, number]> = [];
    for (const n of names) {
      if (fixed[n] !== undefined) {
        boxes.push([fixed[n]!, fixed[n]!]);
        continue;
      }
      const lo = solver.minimize(sub, lin([[1, n]]));
      if (!lo) return;
      const hi = solver.maximize(sub, lin([[1, n]]))!;
      boxes.push([lo.value, hi.value]);
    }
    const size = boxes.reduce((p, [l, h]) => p * (h - l + 1), 1);
    if (size <= PRODUCT) {
      if (out.length + size > max) {
        tooMany = true;
        return;
      }
      const rec = (j: number, acc: number[]): void => {
        if (j === boxes.length) {
          emit(acc);
          return;
        }
        for (let x = boxes[j]![0]; x <= boxes[j]![1]; x++) rec(j + 1, [...acc, x]);
      };
      rec(0, []);
      return;
    }
    const free = names
      .map((n, j) => ({ n, w: boxes[j]![1] - boxes[j]![0] }))
      .filter((x) => x.w > 0 && fixed[x.n] === undefined);
    const branch = free.sort((a, b2) => a.w - b2.w || a.n.localeCompare(b2.n))[0]!;
    const [lo, hi] = boxes[names.indexOf(branch.n)]!;
    for (let x = lo; x <= hi && !tooMany; x++) walk({ ...fixed, [branch.n]: x });
  };
  walk({});
  if (tooMany) return "too many";
  return out.length ? { model, candidates: out } : null;
}

/**
 * Witness datasets for a table whose candidates are too many: the solutions at the ends of
 * every cell and of the difference between the first two cells' expressions `contrasts`.
 * Each is a consistent dataset, so the statistics they give are attained.
 */
export function witnessCandidates(
  solver: Solver,
  b: BlockModel,
  spec: TableSpec,
  contrasts: readonly LinExpr[] = [],
): Candidate[] {
  const out: Candidate[] = [];
  const objectives = [...spec.cells, ...contrasts].map((c) => substitute(c, b.fixed)).filter((c) => !isConstant(c));
  for (const o of objectives) {
    for (const sol of [solver.minimize(b.model, o), solver.maximize(b.model, o)]) {
      if (!sol) continue;
      const values = spec.cells.map((c) => {
        const e = substitute(c, b.fixed);
        let s = e.constant;
        for (const [v, k] of e.terms) s += k * sol.values[v]!;
        return s;
      });
      const s = spec.score(values);
      if (s) out.push({ ...s, fixes: {}, cells: values });
    }
  }
  return out;
}
