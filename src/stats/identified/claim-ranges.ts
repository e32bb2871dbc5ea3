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
import { followUpRescores, followUpsOf, type Rescore } from "./follow-ups.js";
import { toIdentified, withFollowUps, type IdentifiedRange } from "./identified-range.js";
import { mergeRanges, rangeOverCandidates, summarizeWitnesses, type RangeSummary } from "./table-range.js";

export type { IdentifiedRange, RobustVerdict } from "./identified-range.js";

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
        const holds =
          c.says === "differ" ||
          (cmp.direction === "higher" ? rest.every((s) => first > s) : rest.every((s) => first < s));
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
  // a filter (e.g. the funded, or one size class) is the subgroup of both sides
  const sub = cmp.filter && Object.keys(cmp.filter).length ? { subgroup: cmp.filter } : {};
  const cells = b.resolvePair?.({ ...cmp.left, ...sub }, { ...cmp.right, ...sub } as never);
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
 * One model's summaries of a claim: its own test first, then each rescore (follow-ups), over
 * the same candidate tables. Null when the model does not hold the claim's table or has no
 * dataset; `exact` is false when only witnesses could be given.
 */
export function modelRanges(
  solver: Solver,
  b: BlockModel,
  c: ClaimSpec,
  alpha: number,
  rescores: readonly Rescore[],
  max?: number,
): { parts: RangeSummary[]; exact: boolean } | null {
  const spec = tableSpec(b, c, alpha);
  if (!spec) return null;
  const set = enumerateCandidates(solver, b, spec, max);
  const all: Rescore[] = [(x) => x, ...rescores];
  if (set === "too many") {
    const w = witnessCandidates(solver, b, spec, contrasts(spec));
    return w.length ? { parts: all.map((f) => summarizeWitnesses(w.map(f))), exact: false } : null;
  }
  if (!set) return null;
  const parts = all.map((f) => rangeOverCandidates(solver, set.model, set.candidates.map(f)));
  return parts.every((p) => p !== null) ? { parts: parts as RangeSummary[], exact: true } : null;
}

/**
 * The identified range of a claim from the merged summaries of its models (its own test, then
 * the follow-ups' rescores in followUpRescores' order).
 */
export function assembleRange(
  c: ClaimSpec,
  merged: readonly RangeSummary[],
  exact: boolean,
  readings: string[],
  alpha: number,
  chi: boolean,
): IdentifiedRange {
  const base = toIdentified(merged[0]!, exact, readings, alpha, chi);
  if (c.says === "differ" && c.comparison.kind === "groups")
    base.statements = [{ id: "differ", kind: "differ", groupBy: c.comparison.groupBy, verdict: base.verdict }];
  const follow = followUpsOf(c);
  return follow.length && c.comparison.kind === "groups"
    ? withFollowUps(base, follow, merged.slice(1), exact, c.comparison.groupBy)
    : base;
}

/**
 * The range of one claim over the models of every block (the union of the readings), with the
 * pairwise follow-ups its sentence makes. Null when no block holds the claim's table.
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
  const rescores = followUpRescores(followUpsOf(c), alpha);
  const parts: RangeSummary[][] = [];
  const readings = new Set<string>();
  let exact = true;
  let chi = true;
  for (const b of models) {
    const r = modelRanges(solver, b, c, alpha, rescores);
    if (r) {
      parts.push(r.parts);
      exact &&= r.exact;
      b.readings.forEach((x) => readings.add(x));
      chi &&= [r.parts[0]!.pMin, r.parts[0]!.pMax].every((e) => e.candidate.statistic !== null);
    }
    if (tableSpec(b, c, alpha)) onProgress?.(c.id);
  }
  if (!parts.length) return null;
  const merged = parts[0]!.map((_, i) => mergeRanges(parts.map((p) => p[i]!))!);
  return assembleRange(c, merged, exact, [...readings].sort(), alpha, chi);
}

/** A variable's expression, for block builders. */
export const one = (name: string): LinExpr => lin([[1, name]]);
