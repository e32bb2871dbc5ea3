/**
 * The exact smallest p-value of a two-group claim (Fisher's test) over a set whose models are
 * only partly linear, such as the informal-talks comparison of Abbildung 9: the outer models
 * (which hold every consistent dataset) bound the table's cells and a few sums of them; every
 * table inside those bounds whose p could beat the best attained one is listed (a table's p is
 * at least its own probability, so most are dismissed without running the test); the rest are
 * tried in order of their p, each against the exact set, until one has a consistent dataset.
 * The first that has one is the minimum; if none has, the attained value was the minimum.
 */
import type { ClaimSpec } from "../../data/claims-file.js";
import { sumOf, type LinExpr } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import { substitute } from "../../ilp/share-constraints.js";
import type { BlockModel } from "./block.js";
import { tableSpec } from "./claim-ranges.js";

/** The smallest p and the table that gives it. */
export interface ExactMinimum {
  p: number;
  table: number[][];
  /** Tables listed, tables whose test was run, and tables tried against the exact set. */
  listed: number;
  scored: number;
  tried: number;
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/** Whether a table's cells [k1, n1, k2, n2] have a dataset in the exact set. */
export type ExactCheck = (cells: readonly number[]) => boolean;

/**
 * The exact minimum of a two-group claim's p over the datasets of `outer` that `exact` admits.
 * @param outer - models containing every consistent dataset (e.g. the informal order relaxed)
 * @param exact - whether cells [k1, n1, k2, n2] extend to a dataset of the exact set
 * @param best - the smallest p already attained by a consistent dataset, with its table
 * @throws RangeError for a claim that is not a two-group comparison
 * @example exactPMin(solver, outer, claim, 0.05, { p: 3.7e-38, table }, check).p // => 1.16e-38
 */
export function exactPMin(
  solver: Solver,
  outer: readonly BlockModel[],
  c: ClaimSpec,
  alpha: number,
  best: { p: number; table: number[][] },
  exact: ExactCheck,
): ExactMinimum {
  if (c.comparison.kind !== "groups" || c.comparison.others.length !== 1)
    throw new RangeError(`exactPMin: claim "${c.id}" is not a comparison of two groups`);
  const found = new Map<string, { cells: number[]; p: number; table: number[][] }>();
  let listed = 0;
  let scored = 0;
  const limit = Math.log(best.p) + 1e-9;
  for (const b of outer) {
    const spec = tableSpec(b, c, alpha);
    if (!spec) continue;
    const [k1, n1, k2, n2] = spec.cells.map((e) => substitute(e, b.fixed)) as [LinExpr, LinExpr, LinExpr, LinExpr];
    const bound = (e: LinExpr): [number, number] | null => {
      const lo = solver.minimize(b.model, e);
      return lo ? [lo.value, solver.maximize(b.model, e)!.value] : null;
    };
    const diff = (x: LinExpr, y: LinExpr) =>
      sumOf([
        [1, x],
        [-1, y],
      ]);
    const sum = (x: LinExpr, y: LinExpr) =>
      sumOf([
        [1, x],
        [1, y],
      ]);
    const boxes = [k1, n1, k2, n2, sum(k1, k2), sum(n1, n2), diff(n1, k1), diff(n2, k2)].map(bound);
    if (boxes.some((x) => x === null)) continue;
    const [bk1, bn1, bk2, bn2, bk, bn, bm1, bm2] = boxes as Array<[number, number]>;
    for (let a = Math.max(1, bn1[0]); a <= bn1[1]; a++) {
      for (let x = Math.max(bk1[0], a - bm1[1]); x <= Math.min(bk1[1], a - bm1[0]); x++) {
        for (let m = Math.max(1, bn2[0], bn[0] - a); m <= Math.min(bn2[1], bn[1] - a); m++) {
          const lo = Math.max(bk2[0], m - bm2[1], bk[0] - x, 0);
          const hi = Math.min(bk2[1], m - bm2[0], bk[1] - x, m);
          for (let y = lo; y <= hi; y++) {
            listed++;
            // the observed table's own probability is part of its two-sided p
            const own = logChoose(a, x) + logChoose(m, y) - logChoose(a + m, x + y);
            if (own > limit) continue;
            const key = `${x},${a},${y},${m}`;
            if (found.has(key)) continue;
            scored++;
            const s = spec.score([x, a, y, m]);
            if (s && s.p < best.p) found.set(key, { cells: [x, a, y, m], p: s.p, table: s.table });
          }
        }
      }
    }
  }
  const order = [...found.values()].sort((u, v) => u.p - v.p || u.cells.join().localeCompare(v.cells.join()));
  let tried = 0;
  for (const t of order) {
    tried++;
    if (exact(t.cells)) return { p: t.p, table: t.table, listed, scored, tried };
  }
  return { p: best.p, table: best.table, listed, scored, tried };
}
