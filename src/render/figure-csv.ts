/**
 * The numbers behind a figure as CSV: one line per bar segment, bar or cell, with count, base,
 * percentage, 95% Wilson interval and the small-base flag.
 */
import type { ColumnTable } from "arquero";
import { formatCsv } from "../util/csv-write.js";
import { numberRows } from "../figures/common/numbers.js";

/** Columns of every figure CSV, in order. */
export const figureCsvColumns = [
  "figure",
  "group",
  "groupLabel",
  "item",
  "itemLabel",
  "code",
  "category",
  "count",
  "base",
  "percent",
  "ciLow",
  "ciHigh",
  "smallBase",
  "suppressed",
] as const;

const round = (x: number, d: number): number | string => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : "");

/**
 * Formats a figure's numbers table as CSV (percentages rounded to 4 decimals).
 * @example figureCsv(abb05.numbers(t)).split("\n")[0] // => "figure,group,groupLabel,item,…"
 */
export function figureCsv(numbers: ColumnTable): string {
  const rows = numberRows(numbers).map((r) => ({
    ...r,
    percent: round(r.percent, 4),
    ciLow: round(r.ciLow, 4),
    ciHigh: round(r.ciHigh, 4),
    smallBase: r.smallBase ? 1 : 0,
    suppressed: r.suppressed ? 1 : 0,
  }));
  return formatCsv(figureCsvColumns, rows);
}
