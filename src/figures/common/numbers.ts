/**
 * The numbers behind a figure: aggregation rows with labels, Wilson intervals and the
 * small-base flag, as an Arquero table (the same rows feed the chart, the CSV and the checks).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { variable, valueLabel, type Codebook, type Lang } from "../../data/codebook.js";
import { groupsOf } from "../../analysis/groups.js";
import { wilson } from "../../stats/wilson.js";
import type { NumberRow } from "./types.js";

/** The short label of an item, falling back to its question. */
export function itemLabel(cb: Codebook, item: string, lang: Lang): string {
  const v = variable(cb, item);
  return (v.short ?? v.question)[lang];
}

/**
 * Adds labels, 95% Wilson intervals and the small-base flag to an aggregation table (columns
 * group, item, count, base, percent and optionally code).
 * @param agg - output of `distribution` or `shares`.
 * @param smallBase - bases below this are flagged.
 * @example annotate(shares(t, cb, ["shareInside"], [1, 2]), "abb-05", cb, "de", 30, 1).objects()[0].ciLow // => 73.5…
 */
export function annotate(
  agg: ColumnTable,
  figure: string,
  cb: Codebook,
  lang: Lang,
  smallBase: number,
  groupBy?: string,
  code = 1,
): ColumnTable {
  const labels = new Map(groupsOf(cb, groupBy, lang).map((g) => [g.key, g.label]));
  const rows = (agg.objects() as Record<string, number | string>[]).map((r): NumberRow => {
    const count = r.count as number;
    const base = r.base as number;
    const c = (r.code as number | undefined) ?? code;
    const ci = wilson(count, base);
    return {
      figure,
      group: String(r.group),
      groupLabel: labels.get(String(r.group)) ?? String(r.group),
      item: String(r.item),
      itemLabel: itemLabel(cb, String(r.item), lang),
      code: c,
      category: valueLabel(cb, String(r.item), c, lang),
      count,
      base,
      percent: r.percent as number,
      ciLow: ci.low,
      ciHigh: ci.high,
      smallBase: base < smallBase,
    };
  });
  return aq.from(rows);
}

/** The rows of a numbers table as typed objects. */
export function numberRows(t: ColumnTable): NumberRow[] {
  return t.objects() as unknown as NumberRow[];
}
