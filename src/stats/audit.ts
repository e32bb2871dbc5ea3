/**
 * GRIM audit of the report's percentages: for each one, the (count, base) pairs that print
 * as it, at the N the report states or at every N the sample's composition allows.
 */
import type { PublishedEntry } from "../data/published.js";
import { attainableCounts, nearestAttainable, type NearestAttainable } from "./grim.js";

/**
 * Qualifiers read as "just under the printed value, rounding to it" ("knapp 69 %" = 68.5 to
 * below 69). Other qualifiers ("etwa", "nur", "lediglich") do not change the check.
 */
export const JUST_UNDER_QUALIFIERS: readonly string[] = ["knapp"];

/** A base n and the counts k out of it that print as the published value. */
export interface CountPair {
  n: number;
  counts: number[];
}

/** The attainable printed value closest to an impossible one, over all candidate n. */
export interface ClosestAttainable {
  value: number;
  n: number;
  counts: number[];
  distance: number;
}

/** The audit of one published percentage. */
export interface PercentageAudit {
  id: string;
  figure: string;
  value: number;
  decimals: number;
  qualifier?: string;
  /** True when a qualifier such as "knapp" requires the exact share to lie below `value`. */
  justUnder: boolean;
  /** Where the candidate bases come from: the report's N, or the range the sample allows. */
  nFrom: "statedN" | "nRange";
  nRange: [number, number];
  /** The count the report states with the percentage ("35% (45 Organisationen)"), if any. */
  statedCount?: number;
  /** Every candidate n with the counts that print as `value` (only `statedCount`, if stated). */
  consistent: CountPair[];
  status: "consistent" | "impossible";
  /** For impossible values: the nearest attainable printed values at each candidate n. */
  nearest: NearestAttainable[];
  /** For impossible values: the nearest attainable printed value over all candidate n. */
  closest: ClosestAttainable | null;
}

/**
 * The bases a percentage entry may have: its statedN, or every n in its nRange.
 * @throws TypeError when the entry is not a percentage with statedN or nRange
 * @example candidateNs({ ...entry, statedN: 45 }) // => [45]
 */
export function candidateNs(entry: PublishedEntry): number[] {
  if (entry.kind !== "percentage" || entry.value === undefined || entry.decimals === undefined) {
    throw new TypeError(
      `entry "${entry.id}" is a ${entry.kind} entry; only percentages with value and decimals can be audited`,
    );
  }
  if (entry.statedN !== undefined) return [entry.statedN];
  if (!entry.nRange) throw new TypeError(`entry "${entry.id}" has neither statedN nor nRange`);
  const [min, max] = entry.nRange;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

function closestOf(nearest: NearestAttainable[], value: number, decimals: number): ClosestAttainable | null {
  let best: ClosestAttainable | null = null;
  const digits = Math.max(0, decimals + 2);
  for (const near of nearest) {
    for (const side of [near.below, near.above]) {
      if (!side) continue;
      const distance = Number(Math.abs(side.value - value).toFixed(digits));
      if (!best || distance < best.distance) best = { value: side.value, n: near.n, counts: side.counts, distance };
    }
  }
  return best;
}

/**
 * Audits one percentage entry: the (k, n) pairs consistent with it, and for an impossible
 * one the nearest attainable printed values.
 * @throws TypeError when the entry is not an auditable percentage
 * @example auditPercentage(abb8Newsletter).status          // => "impossible" (42.7 % of N=139)
 * auditPercentage(abb8Newsletter).nearest[0].below        // => { value: 42.4, counts: [59] }
 */
export function auditPercentage(entry: PublishedEntry): PercentageAudit {
  const ns = candidateNs(entry);
  const value = entry.value as number;
  const decimals = entry.decimals as number;
  const justUnder = JUST_UNDER_QUALIFIERS.includes(entry.qualifier ?? "");
  const consistent: CountPair[] = [];
  for (const n of ns) {
    let counts = attainableCounts(value, decimals, n, { justUnder });
    if (entry.statedCount !== undefined) counts = counts.filter((k) => k === entry.statedCount);
    if (counts.length) consistent.push({ n, counts });
  }
  const impossible = consistent.length === 0;
  const nearest = impossible ? ns.map((n) => nearestAttainable(value, decimals, n)) : [];
  return {
    id: entry.id,
    figure: entry.figure,
    value,
    decimals,
    ...(entry.qualifier !== undefined && { qualifier: entry.qualifier }),
    justUnder,
    nFrom: entry.statedN !== undefined ? "statedN" : "nRange",
    nRange: [ns[0] as number, ns[ns.length - 1] as number],
    ...(entry.statedCount !== undefined && { statedCount: entry.statedCount }),
    consistent,
    status: impossible ? "impossible" : "consistent",
    nearest,
    closest: impossible ? closestOf(nearest, value, decimals) : null,
  };
}

/**
 * Audits every percentage entry of the published numbers (other kinds are skipped), in
 * file order.
 * @example auditPublished(loadPublished()).filter((a) => a.status === "impossible").map((a) => a.id)
 * // => ["anh2-large-inside-top2", "abb8-newsletter"]
 */
export function auditPublished(entries: readonly PublishedEntry[]): PercentageAudit[] {
  return entries.filter((e) => e.kind === "percentage").map(auditPercentage);
}
