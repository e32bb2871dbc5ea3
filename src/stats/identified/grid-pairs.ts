/**
 * The paired tests between Abbildung 6 and 7 ("KMU give more technological information than
 * they receive"): the same respondents answered both grids, so a pair of cells is a paired
 * table of n respondents. Every n up to the sample size at which both printed shares are
 * attainable, every count that prints as each, and every number of respondents who ticked both
 * cells is listed: the table is small enough to enumerate exactly, with no solver.
 */
import type { PublishedEntry } from "../../data/published.js";
import type { ClaimSpec } from "../../data/claims-file.js";
import { attainableCounts, nearestAttainable } from "../grim.js";
import { JUST_UNDER_QUALIFIERS } from "../audit.js";
import { claimPairs } from "./block.js";
import type { TableSpec } from "./candidates.js";
import type { Candidate } from "./table-range.js";

/**
 * The readings of the grids' bases: each pair of cells at a base of its own where both printed
 * shares are exact; or one base for both grids at which every printed share of each grid but
 * one is exact, the odd one being the nearest attainable value there (the reconstruction's 107).
 */
export const GRID_PAIR_READING = "grids-same-respondents";
export const GRID_COMMON_READING = "grids-common-base";

/** The bases of the common-base reading: every grid has at most one printed share not attainable there. */
export function commonGridBases(entries: readonly PublishedEntry[], baseIds: readonly string[], max: number): number[] {
  const grids = baseIds.map((id) => entries.filter((e) => e.kind === "percentage" && e.baseId === id));
  const out: number[] = [];
  for (let n = 1; n <= max; n++) {
    if (grids.every((g) => g.filter((e) => !attainableCounts(e.value!, e.decimals!, n).length).length <= 1))
      out.push(n);
  }
  return out;
}

function nearestCounts(e: PublishedEntry, n: number): number[] {
  const exact = attainableCounts(e.value!, e.decimals!, n, {
    justUnder: JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? ""),
  });
  if (exact.length) return exact;
  const near = nearestAttainable(e.value!, e.decimals!, n);
  return [...(near.below?.counts ?? []), ...(near.above?.counts ?? [])];
}

function printed(entries: readonly PublishedEntry[], variable: string): PublishedEntry | undefined {
  return entries.find(
    (e) => e.kind === "percentage" && e.variable === variable && !e.subgroup && e.categories?.join() === "1",
  );
}

/**
 * Every table of a paired claim on two printed grid cells (under both readings of the grids'
 * bases), or null when the claim is not one.
 * `score` is the claim's test on [both, left, right, n] (claim-ranges tableSpec).
 * @example gridPairCandidates(loadPublished(), claim, spec)?.length // => tables over n = 1…158
 */
export function gridPairCandidates(
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  spec: Pick<TableSpec, "score">,
): Candidate[] | null {
  const cmp = c.comparison;
  if (cmp.kind !== "paired" || "strongestOf" in cmp.right) return null;
  const right = cmp.right;
  const [l, r] = [printed(entries, cmp.left.variable), printed(entries, right.variable)];
  if (!l || !r || !l.nRange || !r.nRange) return null;
  const orders = entries.filter(
    (e) =>
      e.kind === "order" &&
      e.claim &&
      claimPairs(e.claim).every(
        ([a, b]) =>
          [a.variable, b.variable].every((x) => x === cmp.left.variable || x === right.variable) &&
          !a.subgroup &&
          !b.subgroup,
      ),
  );
  const lo = Math.max(l.nRange[0], r.nRange[0]);
  const hi = Math.min(l.nRange[1], r.nRange[1]);
  const out: Candidate[] = [];
  const exact = (e: PublishedEntry, n: number) =>
    attainableCounts(e.value!, e.decimals!, n, { justUnder: JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "") });
  const common = new Set(
    commonGridBases(entries, [...new Set([l.baseId, r.baseId].filter((x): x is string => !!x))], hi),
  );
  for (let n = lo; n <= hi; n++) {
    const counts = common.has(n) ? nearestCounts : exact;
    for (const kl of counts(l, n)) {
      for (const kr of counts(r, n)) {
        const share = (v: string) => (v === cmp.left.variable ? kl : kr);
        if (!orders.every((e) => claimPairs(e.claim!).every(([a, b]) => share(a.variable) > share(b.variable))))
          continue;
        for (let a = Math.max(0, kl + kr - n); a <= Math.min(kl, kr); a++) {
          const s = spec.score([a, kl, kr, n]);
          if (s) out.push({ ...s, fixes: { n, kl, kr, a } });
        }
      }
    }
  }
  return out.length ? out : null;
}
