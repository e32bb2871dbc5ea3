/**
 * Each test of "claims and their evidence" over the identified set: its table in every block
 * model that holds it, the candidates, and the smallest and largest p-value and share difference
 * of any dataset consistent with the report, with a robust verdict.
 */
import type { Subgroup } from "../../data/published.js";
import type { ClaimSpec } from "../../data/claims-file.js";
import { compareGroups } from "../compare-groups.js";
import type { GroupTest, PairedTest } from "../../data/claims-file.js";
import { comparePaired } from "../compare-paired.js";
import { lin, sumOf, type LinExpr } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import type { BlockModel } from "./block.js";
import { enumerateCandidates, witnessCandidates, type TableSpec } from "./candidates.js";
import {
  mergeRanges,
  rangeOverCandidates,
  summarizeWitnesses,
  type Candidate,
  type RangeSummary,
} from "./table-range.js";

/** The verdict over the identified set. */
export type RobustVerdict = "robust" | "depends" | "fails";

/** A claim's range over every dataset consistent with the report (verification.json `identified`). */
export interface IdentifiedRange {
  pMin: number;
  pMax: number;
  /** The compared shares' difference, target (or left) minus the nearest other, in percentage points. */
  effectMin: number;
  effectMax: number;
  /** The chi-square statistic's range when every table gets a chi-square test; else null. */
  statisticMin: number | null;
  statisticMax: number | null;
  /** robust: supported in every consistent dataset; fails: in none; depends: in some. */
  verdict: RobustVerdict;
  /** True: the range is exact. False: its ends are attained by consistent datasets, and the true range may be wider. */
  exact: boolean;
  /** True when the verdict is proven: the range is exact, or datasets on both sides of alpha were found. */
  certain: boolean;
  /** The readings (data/published/readings.json) under which the report admits a dataset. */
  readings: string[];
  /** The tables at the ends of the p range. */
  tableAtPMin: number[][];
  tableAtPMax: number[][];
  alpha: number;
  /** The cell values at the four ends (p min, p max, effect min, effect max), while computing; not written out. */
  ends?: number[][];
}

/** One side of a paired comparison: a share, or the strongest of several variables. */
export type PairSide =
  | { variable: string; categories: number[]; subgroup?: Subgroup }
  | { strongestOf: string[]; categories: number[] };

function withGroup(filter: Record<string, number[]> | undefined, groupBy: string, key: string): Subgroup {
  return { ...(filter ?? {}), [groupBy]: key };
}

/** The table of a claim in a block, or null when the block does not hold the claim's shares. */
export function tableSpec(b: BlockModel, c: ClaimSpec, alpha: number): TableSpec | null {
  const cmp = c.comparison;
  if (cmp.kind === "groups") {
    const pooled = [[cmp.target], ...cmp.others.map((o) => (Array.isArray(o) ? o : [o]))];
    const shares = pooled.map((keys) =>
      keys.map((key) =>
        b.resolve({
          variable: cmp.variable,
          categories: cmp.categories,
          subgroup: withGroup(cmp.filter, cmp.groupBy, key),
        }),
      ),
    );
    if (shares.some((list) => list.some((s) => s === null))) return null;
    const cells: LinExpr[] = shares.flatMap((list) => [
      sumOf(list.map((s) => [1, s!.k] as const)),
      sumOf(list.map((s) => [1, s!.n] as const)),
    ]);
    return {
      cells,
      score: (values) => {
        const groups = pooled.map((_, i) => ({ k: values[2 * i]!, n: values[2 * i + 1]! }));
        if (groups.some((g) => g.n < 1 || g.k < 0 || g.k > g.n)) return null;
        const out = compareGroups(groups, c.test as GroupTest);
        const pct = groups.map((g) => (100 * g.k) / g.n);
        const [first, ...rest] = pct as [number, ...number[]];
        const nearest = cmp.direction === "higher" ? Math.max(...rest) : Math.min(...rest);
        const holds = cmp.direction === "higher" ? rest.every((s) => first > s) : rest.every((s) => first < s);
        return {
          p: out.p,
          effect: first - nearest,
          statistic: out.statistic,
          test: out.test,
          supported: holds && out.p < alpha,
          table: groups.map((g) => [g.k, g.n - g.k]),
        };
      },
    };
  }
  if (cmp.filter && Object.keys(cmp.filter).length) return null;
  const cells = b.resolvePair?.(cmp.left, cmp.right as never);
  return cells ? { cells, score: pairedScore(c, alpha) } : null;
}

/**
 * The test of a paired claim on [both, left, right, n]: the table [[both, left − both],
 * [right − both, n − left − right + both]].
 */
export function pairedScore(c: ClaimSpec, alpha: number): TableSpec["score"] {
  return (values) => {
    const [a, left, right, n] = values as [number, number, number, number];
    const [bb, cc, d] = [left - a, right - a, n - left - right + a];
    if ([a, bb, cc, d].some((x) => x < 0) || n < 1) return null;
    const table = [
      [a, bb],
      [cc, d],
    ];
    const out = comparePaired(table, c.test as PairedTest);
    const holds = c.comparison.direction === "higher" ? bb > cc : bb < cc;
    return {
      p: out.p,
      effect: out.effect ?? 0,
      statistic: out.statistic,
      test: out.test,
      supported: holds && out.p < alpha,
      table,
    };
  };
}

/** The verdict and range from the merged summary. */
export function toIdentified(
  r: RangeSummary,
  exact: boolean,
  readings: string[],
  alpha: number,
  chi: boolean,
): IdentifiedRange {
  const verdict: RobustVerdict = !r.unsupportedSomewhere ? "robust" : !r.supportedSomewhere ? "fails" : "depends";
  const stat = (x: Candidate) => x.statistic;
  return {
    pMin: r.pMin.value,
    pMax: r.pMax.value,
    effectMin: r.effectMin.value,
    effectMax: r.effectMax.value,
    statisticMin: chi ? stat(r.pMax.candidate) : null,
    statisticMax: chi ? stat(r.pMin.candidate) : null,
    verdict,
    exact,
    certain: exact || verdict === "depends",
    readings,
    tableAtPMin: r.pMin.candidate.table,
    tableAtPMax: r.pMax.candidate.table,
    alpha,
    ends: [r.pMin, r.pMax, r.effectMin, r.effectMax].map((e) => e.candidate.cells ?? []),
  };
}

/** Extra objectives for witness search: each cell's share contrast (first group's k minus the others'). */
function contrasts(spec: TableSpec): LinExpr[] {
  const [k0, , ...rest] = spec.cells;
  if (!k0) return [];
  const others = rest.filter((_, i) => i % 2 === 0);
  return others.map((k) =>
    sumOf([
      [1, k0],
      [-1, k],
    ]),
  );
}

/**
 * The range of one claim over the models of every block (the union of the readings). Null when
 * no block holds the claim's table.
 * @param onProgress - called after each model with the claim id
 * @example claimRange(solver, blocks, loadClaims()[4], 0.05)?.verdict // => "robust"
 */
export function claimRange(
  solver: Solver,
  models: readonly BlockModel[],
  c: ClaimSpec,
  alpha: number,
  onProgress?: (id: string) => void,
): IdentifiedRange | null {
  const parts: Array<RangeSummary | null> = [];
  const readings = new Set<string>();
  let exact = true;
  let chi = true;
  for (const b of models) {
    const spec = tableSpec(b, c, alpha);
    if (!spec) continue;
    const set = enumerateCandidates(solver, b, spec);
    let r: RangeSummary | null = null;
    if (set === "too many") {
      exact = false;
      const w = witnessCandidates(solver, b, spec, contrasts(spec));
      if (w.length) r = summarizeWitnesses(w);
    } else if (set) r = rangeOverCandidates(solver, set.model, set.candidates);
    if (r) {
      parts.push(r);
      b.readings.forEach((x) => readings.add(x));
      chi &&= [r.pMin, r.pMax].every((e) => e.candidate.statistic !== null);
    }
    onProgress?.(c.id);
  }
  const merged = mergeRanges(parts);
  return merged && toIdentified(merged, exact, [...readings].sort(), alpha, chi);
}

/** A variable's expression, for block builders. */
export const one = (name: string): LinExpr => lin([[1, name]]);
