/**
 * Shares: the part of a base that chose some codes of an item (top-2, bottom-2, a mention),
 * per group, with counts and bases. Multiple-response items each keep their own base.
 */
import * as aq from "arquero";
import type { ColumnTable as Table } from "arquero";
import { scaleOf, type Codebook } from "../data/codebook.js";
import { col, filterExpr, inCodes } from "./expr.js";
import { withGroup, groupsOf } from "./groups.js";
import type { AggregateOptions } from "./distribution.js";

/**
 * The share of respondents choosing one of `codes` for each item, per group. The base of an
 * item is the rows (after the filter) with a valid, non-missing code for that item.
 * Columns: group, item, count, base, percent (0–100, unrounded); groups in codebook order,
 * items in the order given.
 * @param codes - the codes counted, e.g. [1, 2] for "trifft voll/eher zu", [1] for a mention.
 * @throws CodebookError for an unknown variable or grouping.
 * @example shares(survey, cb, ["shareInside"], [1, 2]).array("count") // => [110]
 */
export function shares(table: Table, cb: Codebook, items: readonly string[], codes: readonly number[], options: AggregateOptions = {}): Table {
  const rollup: Record<string, string> = {};
  items.forEach((item, i) => {
    const valid = inCodes(item, scaleOf(cb, item).values.map((v) => v.code));
    rollup[`n${i}`] = `d => op.sum(${valid})`;
    rollup[`k${i}`] = `d => op.sum(${inCodes(item, codes)})`;
  });
  const grouped = withGroup(table.filter(filterExpr(options.filter ?? {})), cb, options.groupBy)
    .filter("d => d.group !== null")
    .groupby("group")
    .rollup(rollup);
  const byGroup = new Map((grouped.objects() as Record<string, number>[]).map((o) => [String(o.group), o]));
  const out = { group: [] as string[], item: [] as string[], count: [] as number[], base: [] as number[], percent: [] as number[] };
  for (const g of groupsOf(cb, options.groupBy, "en")) {
    const r = byGroup.get(g.key);
    items.forEach((item, i) => {
      const n = r?.[`n${i}`] ?? 0;
      const k = r?.[`k${i}`] ?? 0;
      out.group.push(g.key); out.item.push(item); out.count.push(k); out.base.push(n);
      out.percent.push(n ? (100 * k) / n : NaN);
    });
  }
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
  codes.forEach((c, i) => { rollup[`c${i}`] = `d => op.sum(${col(variable)} === ${c})`; });
  const r = filtered.rollup(rollup).object() as Record<string, number>;
  const base = filtered.numRows();
  const present = codes.map((c, i) => ({ code: c, count: r[`c${i}`] ?? 0 })).filter((x, i) => i < codes.length - cb.missing.length || x.count > 0);
  return aq.from(present.map((x) => ({ ...x, base, percent: base ? (100 * x.count) / base : NaN })));
}
