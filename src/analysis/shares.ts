/**
 * Shares: the part of a base that chose some codes of an item (top-2, bottom-2, a mention),
 * per group, with counts and bases. Multiple-response items each keep their own base.
 */
import * as aq from "arquero";
import type { ColumnTable as Table } from "arquero";
import { scaleOf, type Codebook } from "../data/codebook.js";
import { col, filterExpr } from "./expr.js";
import { groupsOf } from "./groups.js";
import { applyFilter, type AggregateOptions } from "./distribution.js";
import { tally } from "./tally.js";

/**
 * The share of respondents choosing one of `codes` for each item, per group. The base of an
 * item is the rows (after the filter) with a valid, non-missing code for that item.
 * Columns: group, item, count, base, percent (0–100, unrounded); groups in codebook order,
 * items in the order given.
 * @param codes - the codes counted, e.g. [1, 2] for "trifft voll/eher zu", [1] for a mention.
 * @throws CodebookError for an unknown variable or grouping.
 * @example shares(survey, cb, ["shareInside"], [1, 2]).array("count") // => [110]
 */
export function shares(
  table: Table,
  cb: Codebook,
  items: readonly string[],
  codes: readonly number[],
  options: AggregateOptions = {},
): Table {
  const filtered = applyFilter(table, options.filter);
  const parts = items.map((item) => {
    const valid = scaleOf(cb, item).values.map((v) => v.code);
    const all = [...new Set([...valid, ...codes])];
    const { counts } = tally(filtered, cb, item, all, options.groupBy);
    const sum = (g: number[], which: readonly number[]) =>
      all.reduce((s, c, i) => s + (which.includes(c) ? g[i]! : 0), 0);
    return counts.map((g) => ({ n: sum(g, valid), k: sum(g, codes) }));
  });
  const out = {
    group: [] as string[],
    item: [] as string[],
    count: [] as number[],
    base: [] as number[],
    percent: [] as number[],
  };
  groupsOf(cb, options.groupBy, "en").forEach((g, gi) => {
    items.forEach((item, i) => {
      const { n, k } = parts[i]![gi]!;
      out.group.push(g.key);
      out.item.push(item);
      out.count.push(k);
      out.base.push(n);
      out.percent.push(n ? (100 * k) / n : NaN);
    });
  });
  return aq.table(out);
}

/**
 * Counts of respondents by the codes of one single-choice variable (missing codes included),
 * with the base of all rows passing the filter. Columns: code, count, base, percent.
 * @example counts(survey, cb, "funded").array("count") // => [45, 84, 29] for codes 1, 2, -9
 */
export function counts(table: Table, cb: Codebook, variable: string, options: AggregateOptions = {}): Table {
  const filtered = table.filter(filterExpr(options.filter ?? {}));
  const codes = [...scaleOf(cb, variable).values.map((v) => v.code), ...cb.missing.map((m) => m.code)];
  const rollup: Record<string, string> = {};
  codes.forEach((c, i) => {
    rollup[`c${i}`] = `d => op.sum(${col(variable)} === ${c})`;
  });
  const r = filtered.rollup(rollup).object() as Record<string, number>;
  const base = filtered.numRows();
  const present = codes
    .map((c, i) => ({ code: c, count: r[`c${i}`] ?? 0 }))
    .filter((x, i) => i < codes.length - cb.missing.length || x.count > 0);
  return aq.from(present.map((x) => ({ ...x, base, percent: base ? (100 * x.count) / base : NaN })));
}
