/**
 * Joint GRIM checks: percentages that share one base must be attainable at the same n, and
 * the size groups of a figure must add up to its N.
 */
import type { PublishedEntry } from "../data/published.js";
import { auditPublished, type PercentageAudit } from "./audit.js";

/** The bases n at which every percentage sharing a baseId is attainable. */
export interface SharedBaseAudit {
  baseId: string;
  ids: string[];
  /** The n consistent with every entry of the base (empty: no single base fits them all). */
  ns: number[];
  status: "consistent" | "impossible";
}

/** The ways the parts of an N entry (size groups) can add up to it. */
export interface PartitionAudit {
  id: string;
  total: number;
  parts: string[];
  /** Each combination lists one n per part, in the order of `parts`. */
  combinations: number[][];
  /** True when more than {@link MAX_COMBINATIONS} combinations exist and the list was cut. */
  truncated: boolean;
  status: "consistent" | "impossible";
}

/** How many combinations {@link auditPartitions} lists before it stops. */
export const MAX_COMBINATIONS = 1000;

/**
 * For each baseId, the n at which all its percentages are attainable together.
 * @param entries - the published entries
 * @param audits - their percentage audits (computed when not given)
 * @example auditSharedBases(loadPublished()).find((b) => b.baseId === "abb-01")?.ns // => [45]
 */
export function auditSharedBases(
  entries: readonly PublishedEntry[],
  audits: readonly PercentageAudit[] = auditPublished(entries),
): SharedBaseAudit[] {
  const byId = new Map(audits.map((a) => [a.id, a]));
  const groups = new Map<string, PercentageAudit[]>();
  for (const e of entries) {
    const audit = byId.get(e.id);
    if (!e.baseId || !audit) continue;
    groups.set(e.baseId, [...(groups.get(e.baseId) ?? []), audit]);
  }
  return [...groups].map(([baseId, list]) => {
    const sets = list.map((a) => new Set(a.consistent.map((c) => c.n)));
    const ns = [...(sets[0] ?? [])].filter((n) => sets.every((s) => s.has(n)));
    return { baseId, ids: list.map((a) => a.id), ns, status: ns.length ? "consistent" : "impossible" };
  });
}

function combine(options: number[][], total: number, limit: number): { combinations: number[][]; truncated: boolean } {
  const combinations: number[][] = [];
  let truncated = false;
  const walk = (i: number, sum: number, chosen: number[]): void => {
    if (truncated) return;
    if (i === options.length) {
      if (sum !== total) return;
      if (combinations.length === limit) truncated = true;
      else combinations.push([...chosen]);
      return;
    }
    for (const n of options[i] as number[]) if (sum + n <= total) walk(i + 1, sum + n, [...chosen, n]);
  };
  walk(0, 0, []);
  return { combinations, truncated };
}

/**
 * For each N entry with a `partition` (baseIds of its groups), the combinations of group
 * sizes, each consistent with its group's percentages, that add up to the N.
 * @throws Error when a part names a baseId no percentage entry uses
 * @example auditPartitions(loadPublished()).find((p) => p.id === "abb3-n")?.combinations // => [[20, 5, 5]]
 */
export function auditPartitions(
  entries: readonly PublishedEntry[],
  bases: readonly SharedBaseAudit[] = auditSharedBases(entries),
): PartitionAudit[] {
  const byBase = new Map(bases.map((b) => [b.baseId, b]));
  return entries
    .filter((e) => e.partition)
    .map((e) => {
      const parts = e.partition as string[];
      const options = parts.map((p) => {
        const base = byBase.get(p);
        if (!base) throw new Error(`entry "${e.id}": partition part "${p}" is not the baseId of any percentage entry`);
        return base.ns;
      });
      const total = e.value as number;
      const { combinations, truncated } = combine(options, total, MAX_COMBINATIONS);
      return {
        id: e.id,
        total,
        parts,
        combinations,
        truncated,
        status: combinations.length ? "consistent" : "impossible",
      };
    });
}
