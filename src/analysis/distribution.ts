/**
 * Category distributions of single-choice and Likert items, by group, with counts, bases and
 * percentages: the numbers behind every diverging bar chart.
 */
import * as aq from "arquero";
import type { ColumnTable as Table } from "arquero";
import { scaleOf, type Codebook, type Filter } from "../data/codebook.js";
import { col, filterExpr } from "./expr.js";
import { withGroup, groupsOf } from "./groups.js";

/** Options shared by the aggregation functions. */
export interface AggregateOptions {
  /** Who is in the base (besides having answered), e.g. `{ funded: [1] }`. */
  filter?: Filter;
  /** A codebook grouping (`size3`) or single-choice variable (`actorGroup`); none gives one group "all". */
  groupBy?: string;
}

/**
 * The distribution of one item over its scale's codes, per group. Rows with a missing code are
 * not in the base. Every (group, code) pair is present, zero counts included, in scale order.
 * Columns: group, item, code, count, base, percent (0–100, unrounded).
 * @param table - survey table (one row per respondent).
 * @param cb - the codebook.
 * @param item - variable name.
 * @throws CodebookError for an unknown variable or grouping.
 * @example distribution(survey, cb, "priorNational", { filter: { funded: [1] } }).array("count") // => [11, 14, 9, 6, 5]
 */
export function distribution(table: Table, cb: Codebook, item: string, options: AggregateOptions = {}): Table {
  const codes = scaleOf(cb, item).values.map((v) => v.code);
  const valid = "(" + codes.map((c) => `${col(item)} === ${c}`).join(" || ") + ")";
  const rollup: Record<string, string> = { base: `d => op.sum(${valid})` };
  codes.forEach((c, i) => { rollup[`c${i}`] = `d => op.sum(${col(item)} === ${c})`; });
  const grouped = withGroup(table.filter(filterExpr(options.filter ?? {})), cb, options.groupBy)
    .filter("d => d.group !== null")
    .groupby("group")
    .rollup(rollup);
  const byGroup = new Map((grouped.objects() as Record<string, number>[]).map((o) => [String(o.group), o]));
  const out = { group: [] as string[], item: [] as string[], code: [] as number[], count: [] as number[], base: [] as number[], percent: [] as number[] };
  for (const g of groupsOf(cb, options.groupBy, "en")) {
    const r = byGroup.get(g.key);
    const base = r?.base ?? 0;
    codes.forEach((c, i) => {
      const k = r?.[`c${i}`] ?? 0;
      out.group.push(g.key); out.item.push(item); out.code.push(c); out.count.push(k); out.base.push(base);
      out.percent.push(base ? (100 * k) / base : NaN);
    });
  }
  return aq.table(out);
}
