/**
 * The claims of Abbildung 8/9 whose comparison is not linear in the channel block: informal
 * talks compared across size groups (their bases are both unknown) and the newsletter against
 * a size group's strongest other channel. Both are ranged over sub-cases that fix the micro and
 * small firms' counts (each sub-case an exact part of the set), so their ends are attained.
 */
import type { PublishedEntry } from "../../data/published.js";
import type { ClaimSpec } from "../../data/claims-file.js";
import { lin } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import type { BlockModel } from "./block.js";
import { channelModels } from "./channels-block.js";
import { assembleRange, modelRanges, tableSpec } from "./claim-ranges.js";
import { exactPMin } from "./exact-p-min.js";
import { followUpRescores, followUpsOf } from "./follow-ups.js";
import type { IdentifiedRange } from "./identified-range.js";
import { mergeRanges, type RangeSummary } from "./table-range.js";

/**
 * True when every end of a range computed on the outer models is attained by a dataset of an
 * inner model (each of whose datasets is consistent): then the outer range is exact.
 */
export function attainedInner(
  solver: Solver,
  inner: readonly BlockModel[],
  c: ClaimSpec,
  alpha: number,
  r: IdentifiedRange,
): boolean[] {
  return (r.ends ?? []).map(
    (cells) =>
      cells.length > 0 &&
      inner.some((b) => {
        const spec = tableSpec(b, c, alpha);
        return (
          !!spec &&
          solver.feasible(
            b.model.with({}, (m) => spec.cells.forEach((e, i) => m.equal(e, cells[i]!, `end cell ${i}`))),
          ) !== null
        );
      }),
  );
}

export function informalClaim(c: ClaimSpec): boolean {
  return c.comparison.kind === "groups" && c.comparison.variable === "channel_informal";
}

/** Sub-cases that fix the micro/small firms' channel counts, spread over their range. */
function informalPivots(solver: Solver, outer: BlockModel): Array<Record<string, number>> {
  const range = (m: BlockModel["model"], v: string): [number, number] | null => {
    const lo = solver.minimize(m, lin([[1, v]]));
    return lo ? [lo.value, solver.maximize(m, lin([[1, v]]))!.value] : null;
  };
  const spread = ([lo, hi]: [number, number], k: number) => [
    ...new Set(Array.from({ length: k }, (_, i) => Math.round(lo + ((hi - lo) * i) / (k - 1)))),
  ];
  const out: Array<Record<string, number>> = [];
  const n = range(outer.model, "n_MS");
  if (!n) return out;
  for (const nMs of spread(n, 6)) {
    const inf = range(outer.model.with({ n_MS: nMs }), "talk_MS");
    if (!inf) continue;
    for (const i of spread([Math.max(1, inf[0]), inf[1]], 3)) if (i <= inf[1]) out.push({ n_MS: nMs, talk_MS: i });
  }
  return out;
}

/**
 * A claim's range over the sub-cases that fix the micro/small firms' channel counts (attained
 * values), with an extra condition on each sub-case's model; `max` caps the candidate tables of
 * a sub-case before its range is spanned by witness datasets.
 */
function pivotRange(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  alpha: number,
  outer: readonly BlockModel[],
  needs: Parameters<typeof channelModels>[2]["needs"],
  textReadings: string[],
  options: { max: number; extra?: (m: BlockModel["model"]) => void },
): IdentifiedRange | null {
  const rescores = followUpRescores(followUpsOf(c), alpha);
  const parts: RangeSummary[][] = [];
  const readings = new Set<string>();
  for (const o of outer) {
    for (const pivot of informalPivots(solver, o)) {
      for (const b of channelModels(solver, entries, {
        orders: true,
        readings: o.readings as never,
        needs,
        informal: { pivot },
        textReadings,
      })) {
        const model = options.extra ? b.model.with({}, options.extra) : b.model;
        const r = modelRanges(solver, { ...b, model }, c, alpha, rescores, options.max);
        if (r) {
          parts.push(r.parts);
          b.readings.forEach((x) => readings.add(x));
        }
      }
    }
  }
  if (!parts.length) return null;
  const merged = parts[0]!.map((_, i) => mergeRanges(parts.map((p) => p[i]!))!);
  return assembleRange(c, merged, false, [...readings].sort(), alpha, false);
}

/** The range of an informal-talks claim over sub-cases (attained values; for two groups the exact smallest p). */
export function informalRange(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  alpha: number,
  outer: readonly BlockModel[],
  needs: Parameters<typeof channelModels>[2]["needs"],
  textReadings: string[] = [],
): IdentifiedRange | null {
  const r = pivotRange(solver, entries, c, alpha, outer, needs, textReadings, { max: 5_000 });
  if (!r || c.comparison.kind !== "groups" || c.comparison.others.length !== 1) return r;
  // two groups: the smallest p exactly, each candidate checked in the sub-case it pivots on
  const exact = exactPMin(solver, outer, c, alpha, { p: r.pMin, table: r.tableAtPMin }, (cells) => {
    const [k1, n1] = cells as [number, number];
    return outer.some((o) =>
      channelModels(solver, entries, {
        orders: true,
        readings: o.readings as never,
        needs,
        informal: { pivot: { n_MS: n1, talk_MS: k1 } },
        textReadings,
      }).some((b) => {
        const spec = tableSpec(b, c, alpha);
        return (
          !!spec &&
          solver.feasible(b.model.with({}, (m) => spec.cells.forEach((e, i) => m.equal(e, cells[i]!, `cell ${i}`)))) !==
            null
        );
      }),
    );
  });
  // the dataset at the exact smallest p is consistent: its share difference belongs to the (attained) range
  const share = (row: readonly number[]) => (100 * row[0]!) / (row[0]! + row[1]!);
  const effect = share(exact.table[0]!) - share(exact.table[1]!);
  return {
    ...r,
    pMin: exact.p,
    tableAtPMin: exact.table,
    effectMin: Math.min(r.effectMin, effect),
    effectMax: Math.max(r.effectMax, effect),
    attained: r.attained.filter((k) => k !== "pMin"),
  };
}

/** The size group of a paired channel claim's filter (newsletter in one size group), or null. */
export function channelGroup(c: ClaimSpec): "MS" | "M" | "L" | null {
  const cmp = c.comparison;
  if (cmp.kind !== "paired" || cmp.left.variable !== "channel_newsletter") return null;
  const codes = cmp.filter?.sizeClass?.join();
  return codes === "1,2" ? "MS" : codes === "3" ? "M" : codes === "4" ? "L" : null;
}

/**
 * One size group's newsletter against its strongest other channel: the block models that
 * channel as the rival, so each sub-case also requires the rival to be at least as used as
 * informal talks in that group (then it is the group's runner-up); the range is spanned by
 * witness datasets, attained values.
 */
export function groupChannelRange(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  alpha: number,
  outer: readonly BlockModel[],
  needs: Parameters<typeof channelModels>[2]["needs"],
  textReadings: string[] = [],
): IdentifiedRange | null {
  const g = channelGroup(c);
  if (!g) return null;
  const r = pivotRange(solver, entries, c, alpha, outer, needs, textReadings, {
    max: 0,
    extra: (m) =>
      m.atLeast(
        lin([
          [1, `rv_${g}`],
          [-1, `talk_${g}`],
        ]),
        0,
        `the rival is ${g}'s strongest channel after the newsletter`,
      ),
  });
  return r && { ...r, certain: r.verdict === "depends" };
}
