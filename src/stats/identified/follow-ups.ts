/**
 * The follow-up comparisons of a claim whose sentence says more than its omnibus test: "micro
 * and small firms are the most willing" compares them with each other size group, and an
 * omnibus test of three groups only shows that the groups differ. Each pair gets Fisher's exact
 * test; Holm's correction runs over the pairs the sentence compares. A sentence holds in a
 * dataset when every comparison it makes goes the claimed way and is significant after the
 * correction.
 */
import type { ClaimSpec, Direction } from "../../data/claims-file.js";
import { fisherExact } from "../fisher-exact.js";
import { holmAdjust } from "../holm.js";
import type { Candidate } from "./table-range.js";

/** The correction for multiple comparisons that follow-ups use. */
export const CORRECTION = "holm";
/** The test of each pair. */
export const PAIR_TEST = "fisher";

/** One comparison the sentence makes: the target group against one other group. */
export interface FollowUp {
  target: string;
  other: string;
  direction: Direction;
}

/** A follow-up's outcome on one table. */
export interface FollowUpScore {
  /** Fisher's two-sided p of the pair, and after Holm's correction over the sentence's pairs. */
  p: number;
  adjusted: number;
  /** target − other, percentage points. */
  effect: number;
  /** The claimed direction and an adjusted p below alpha. */
  supported: boolean;
}

/**
 * The pairs a claim's sentence compares: the target against each other group, when it names
 * at least two others (three groups or more, tested by an omnibus test); none otherwise.
 * @example followUpsOf(claim("anh2-microsmall-most-willing-inside")).map((f) => f.other) // => ["medium", "large"]
 */
export function followUpsOf(c: ClaimSpec): FollowUp[] {
  const cmp = c.comparison;
  if (cmp.kind !== "groups" || cmp.others.length < 2 || c.says === "differ") return [];
  return cmp.others.map((o) => ({
    target: cmp.target,
    other: Array.isArray(o) ? o.join("+") : o,
    direction: cmp.direction,
  }));
}

/**
 * The follow-ups' outcomes on a table of group counts (the claim's target first, then its
 * others in order), as the table's cells [k0, n0, k1, n1, …].
 * @throws RangeError for cells that do not make whole counts 0 ≤ k ≤ n with n ≥ 1
 * @example followUpScores([9, 10, 5, 10, 1, 10], "higher", 0.05)[1].supported // => true
 */
export function followUpScores(cells: readonly number[], direction: Direction, alpha: number): FollowUpScore[] {
  const groups = [];
  for (let i = 0; i + 1 < cells.length; i += 2) {
    const k = cells[i]!;
    const n = cells[i + 1]!;
    if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 1 && k >= 0 && k <= n))
      throw new RangeError(`followUpScores: group ${i / 2} needs whole counts 0 ≤ k ≤ n, n ≥ 1, got ${k} of ${n}`);
    groups.push({ k, n });
  }
  const [t, ...others] = groups;
  const raw = others.map(
    (o) =>
      fisherExact([
        [t!.k, t!.n - t!.k],
        [o.k, o.n - o.k],
      ]).p,
  );
  const adjusted = holmAdjust(raw);
  return others.map((o, j) => {
    const effect = (100 * t!.k) / t!.n - (100 * o.k) / o.n;
    const way = direction === "higher" ? effect > 0 : effect < 0;
    return { p: raw[j]!, adjusted: adjusted[j]!, effect, supported: way && adjusted[j]! < alpha };
  });
}

/** How a candidate is read: the claim's own test, a follow-up's raw or adjusted p, or the whole sentence. */
export type Rescore = (c: Candidate) => Candidate;

/**
 * The readings of a candidate for the follow-ups: per pair one with its raw p and one with its
 * Holm-adjusted p (both with the pair's effect and support), then the sentence (the claim's own
 * p and effect, supported when every pair is).
 */
export function followUpRescores(follow: readonly FollowUp[], alpha: number): Rescore[] {
  if (!follow.length) return [];
  const direction = follow[0]!.direction;
  const scores = new WeakMap<Candidate, FollowUpScore[]>();
  const of = (x: Candidate) => {
    let s = scores.get(x);
    if (!s) scores.set(x, (s = followUpScores(x.cells ?? [], direction, alpha)));
    return s;
  };
  const pair =
    (j: number, adjusted: boolean): Rescore =>
    (x) => {
      const s = of(x)[j]!;
      return { ...x, p: adjusted ? s.adjusted : s.p, effect: s.effect, statistic: null, supported: s.supported };
    };
  return [
    ...follow.flatMap((_, j) => [pair(j, false), pair(j, true)]),
    (x) => ({ ...x, supported: of(x).every((s) => s.supported) }),
  ];
}
