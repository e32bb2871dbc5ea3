/**
 * The principle behind the reconstruction's joint tables: of all whole-number tables with the
 * given row and column sums (and any block bounds a statement of the report requires), the one
 * closest to independence, i.e. with the smallest Σ |x_ij − r_i·c_j/n| (solved with HiGHS).
 */
import { IntegerModel, lin } from "../ilp/linear-model.js";
import type { Solver } from "../ilp/solver.js";
import { scaleOf, type Codebook } from "./codebook.js";
import type { Assumptions, BlockBound } from "./reconstruct.js";

/** A joint table and its distance from independence (in respondents). */
export interface ClosestTable {
  joint: number[][];
  distance: number;
}

/**
 * The table closest to independence with these margins; rows and columns are indexed by
 * position, block bounds by codes (`codesA`, `codesB`).
 * @throws RangeError when the margins do not add up to the same total, or no table meets the bounds
 * @example closestToIndependence(solver, [2, 2], [2, 2], [1, 2], [1, 2]).joint // => [[1, 1], [1, 1]]
 */
export function closestToIndependence(
  solver: Solver,
  rows: readonly number[],
  cols: readonly number[],
  codesA: readonly number[],
  codesB: readonly number[],
  bounds: readonly BlockBound[] = [],
): ClosestTable {
  const n = rows.reduce((s, x) => s + x, 0);
  if (n !== cols.reduce((s, x) => s + x, 0))
    throw new RangeError(`row sums (${rows.join("/")}) and column sums (${cols.join("/")}) differ`);
  const m = new IntegerModel();
  const x = (i: number, j: number) => `x_${i}_${j}`;
  const d = (i: number, j: number) => `d_${i}_${j}`;
  rows.forEach((r, i) =>
    cols.forEach((c, j) => {
      m.int(x(i, j), 0, Math.min(r, c));
      m.int(d(i, j), 0, n * n);
      // d ≥ |n·x − r·c|: distances in units of 1/n respondents, so every coefficient is whole
      m.atLeast(
        lin([
          [1, d(i, j)],
          [-n, x(i, j)],
        ]),
        -r * c,
        `|cell ${i},${j}| above`,
      );
      m.atLeast(
        lin([
          [1, d(i, j)],
          [n, x(i, j)],
        ]),
        r * c,
        `|cell ${i},${j}| below`,
      );
    }),
  );
  rows.forEach((r, i) => m.equal(lin(cols.map((_, j) => [1, x(i, j)] as const)), r, `row ${i}`));
  cols.forEach((c, j) => m.equal(lin(rows.map((_, i) => [1, x(i, j)] as const)), c, `column ${j}`));
  for (const b of bounds) {
    const cells = b.rows.flatMap((ra) => b.cols.map((cb) => [1, x(codesA.indexOf(ra), codesB.indexOf(cb))] as const));
    m.atLeast(lin(cells), b.count, b.reason);
  }
  const sol = solver.minimize(m, lin(rows.flatMap((_, i) => cols.map((__, j) => [1, d(i, j)] as const))));
  if (!sol) throw new RangeError(`no table with rows ${rows.join("/")} and columns ${cols.join("/")} meets the bounds`);
  return { joint: rows.map((_, i) => cols.map((__, j) => sol.values[x(i, j)]!)), distance: sol.value / n };
}

/**
 * Sets every pair group's joint table of the assumptions to the table closest to independence
 * with the two items' counts in that group and the group's block bounds; returns the summed
 * distance from independence.
 * @throws RangeError when a pair's item or group is missing, or as {@link closestToIndependence}
 */
export function recomputeJoints(solver: Solver, a: Assumptions, cb: Codebook): number {
  let total = 0;
  for (const p of a.pairs ?? []) {
    const items = p.variables.map((v) => a.items.find((i) => i.variables.includes(v)));
    const codes = p.variables.map((v) => scaleOf(cb, v).values.map((x) => x.code)) as [number[], number[]];
    for (const g of p.groups) {
      const key = JSON.stringify(g.filter);
      const [ga, gb] = items.map((it, i) => {
        const own = it?.groups.find((h) => JSON.stringify(h.filter) === key);
        if (!own) throw new RangeError(`pair ${p.variables.join(" × ")}: item ${p.variables[i]} has no group ${key}`);
        return own;
      }) as unknown as [{ counts: number[] }, { counts: number[] }];
      const t = closestToIndependence(solver, ga.counts, gb.counts, codes[0], codes[1], g.atLeast ?? []);
      g.joint = t.joint;
      total += t.distance;
    }
  }
  return total;
}
