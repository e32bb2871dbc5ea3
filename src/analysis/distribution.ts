/**
 * Category distributions of single-choice and Likert items, by group, with counts, bases and
 * percentages: the numbers behind every diverging bar chart.
 */
import * as aq from "arquero";
import type { ColumnTable as Table } from "arquero";
import { scaleOf, type Codebook, type Filter } from "../data/codebook.js";
import { filterExpr } from "./expr.js";
import { groupsOf } from "./groups.js";
import { tally } from "./tally.js";

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
  const { counts } = tally(applyFilter(table, options.filter), cb, item, codes, options.groupBy);
  const out = {
    group: [] as string[],
    item: [] as string[],
    code: [] as number[],
    count: [] as number[],
    base: [] as number[],
    percent: [] as number[],
  };
  groupsOf(cb, options.groupBy, "en").forEach((g, gi) => {
    const base = counts[gi]!.reduce((s, k) => s + k, 0);
    codes.forEach((c, i) => {
      const k = counts[gi]![i]!;
      out.group.push(g.key);
      out.item.push(item);
      out.code.push(c);
      out.count.push(k);
      out.base.push(base);
      out.percent.push(base ? (100 * k) / base : NaN);
    });
  });
  return aq.table(out);
}

/**
 * The rows passing `filter` (the table itself when there is no filter).
 * @example applyFilter(survey, { funded: [1] }).numRows() // => 45
 */
export function applyFilter(table: Table, filter: Filter = {}): Table {
  return Object.keys(filter).length ? table.filter(filterExpr(filter)) : table;
}
