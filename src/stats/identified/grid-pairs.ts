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

/** The grid a cell variable belongs to (Abb. 6: gave_*, Abb. 7: got_*), or null. */
function gridOf(variable: string): string | null {
  return variable.startsWith("gave_") ? "abb-06" : variable.startsWith("got_") ? "abb-07" : null;
}

/** The shares a printed entry allows at any base of its range, as an interval. */
function printedRange(e: PublishedEntry): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let n = e.nRange![0]; n <= e.nRange![1]; n++)
    for (const k of attainableCounts(e.value!, e.decimals!, n)) {
      lo = Math.min(lo, k / n);
      hi = Math.max(hi, k / n);
    }
  return [lo, hi];
}

/**
 * The right side of a paired claim as one grid cell: the cell itself, or, for the nearest of
 * several cells (the strongest for "higher", the weakest for "lower"), the printed cell that is
 * nearest in every dataset; null when that depends on unprinted cells (any of them may be the
 * rival, and its counts are then free).
 */
function rightCell(entries: readonly PublishedEntry[], c: ClaimSpec): string | null | undefined {
  const cmp = c.comparison;
  if (cmp.kind !== "paired") return undefined;
  if ("variable" in cmp.right) return cmp.right.variable;
  const list = "nearestOf" in cmp.right ? cmp.right.nearestOf : cmp.right.strongestOf;
  if (!list.every((v) => gridOf(v))) return undefined;
  const cells = list.map((v) => ({ v, e: printed(entries, v) }));
  if (cells.some((x) => !x.e?.nRange)) return null;
  const ranges = cells.map((x) => ({ v: x.v, r: printedRange(x.e!) }));
  const higher = cmp.direction === "higher";
  const best = [...ranges].sort((a, b) => (higher ? b.r[0] - a.r[0] : a.r[1] - b.r[1]))[0]!;
  const separate = ranges.every((x) => x === best || (higher ? x.r[1] < best.r[0] : x.r[0] > best.r[1]));
  return separate ? best.v : null;
}

/**
 * Every table of a paired claim on two cells of the grids of Abb. 6/7 (under both readings of
 * the grids' bases), or null when the claim is not one. A printed cell takes the counts that
 * print as its share; an unprinted one any count, with the order the claim states. When
 * neither side is printed, a table's p depends only on its discordant pairs b and c: every
 * (b, c) with b + c ≤ n at the smallest and the largest base gives the exact ranges.
 * `score` is the claim's test on [both, left, right, n] (claim-ranges tableSpec).
 * @example gridPairCandidates(loadPublished(), claim, spec)?.length // => tables over n = 1…158
 */
export function gridPairCandidates(
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  spec: Pick<TableSpec, "score">,
): Candidate[] | null {
  const cmp = c.comparison;
  if (cmp.kind !== "paired" || (cmp.filter && Object.keys(cmp.filter).length)) return null;
  const leftVar = cmp.left.variable;
  const rightVar = rightCell(entries, c);
  if (rightVar === undefined || !gridOf(leftVar) || (rightVar !== null && !gridOf(rightVar))) return null;
  const l = printed(entries, leftVar);
  const r = rightVar === null ? undefined : printed(entries, rightVar);
  const higher = cmp.direction === "higher";
  const maxN = entries.find((e) => e.id === "sample-n")?.value ?? 158;
  const grids = [...new Set([gridOf(leftVar)!, rightVar ? gridOf(rightVar)! : gridOf(leftVar)!])];
  const common = new Set(commonGridBases(entries, grids, maxN));
  const out: Candidate[] = [];
  if (!l?.nRange && !r?.nRange) {
    // neither printed: p depends on (b, c) alone, the difference (b − c)/n is extreme at the extreme bases
    const bases = [...new Set([1, maxN, ...common])].sort((a, b) => a - b);
    for (const n of bases)
      for (let b = 0; b <= n; b++)
        for (let d = 0; b + d <= n; d++) {
          if (higher ? b <= d : b >= d) continue;
          const s = spec.score([0, b, d, n]);
          if (s) out.push({ ...s, fixes: { n, b, d } });
        }
    return out.length ? out : null;
  }
  const orders = entries.filter(
    (e) =>
      e.kind === "order" &&
      e.claim &&
      claimPairs(e.claim).length > 0 &&
      claimPairs(e.claim).every(
        ([a, b]) =>
          [a.variable, b.variable].every((x) => x === leftVar || x === rightVar) && !a.subgroup && !b.subgroup,
      ),
  );
  const lo = Math.max(l?.nRange?.[0] ?? 1, r?.nRange?.[0] ?? 1);
  const hi = Math.min(l?.nRange?.[1] ?? maxN, r?.nRange?.[1] ?? maxN);
  const exact = (e: PublishedEntry, n: number) =>
    attainableCounts(e.value!, e.decimals!, n, { justUnder: JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "") });
  const all = (n: number) => Array.from({ length: n + 1 }, (_, k) => k);
  for (let n = lo; n <= hi; n++) {
    const counts = (e: PublishedEntry | undefined) =>
      !e?.nRange ? all(n) : common.has(n) ? nearestCounts(e, n) : exact(e, n);
    for (const kl of counts(l)) {
      for (const kr of counts(r)) {
        // the claim's own order, and every order of the text between the two cells
        if (higher ? kl <= kr : kl >= kr) continue;
        const share = (v: string) => (v === leftVar ? kl : kr);
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
