/**
 * Reading one group's share out of a figure's numbers (count, base, percentage), as the
 * seminar exercises need it.
 */
import type { ColumnTable } from "arquero";
import { numberRows } from "../figures/common/numbers.js";

/**
 * The count, base and percentage of `codes` in one group of a figure's numbers. When one of
 * those cells is suppressed (disclosure control), the count and percentage are NaN.
 * @throws RangeError when the group is not in the numbers.
 * @example shareOf(figureNumbers("abb-03", survey()), "large", [4, 5]) // => { k: 4, n: 5, percent: 80 }
 */
export function shareOf(
  numbers: ColumnTable,
  group: string,
  codes: number[],
): { k: number; n: number; percent: number } {
  const rows = numberRows(numbers).filter((r) => r.group === group);
  if (!rows.length)
    throw new RangeError(
      `no group "${group}" in these numbers; groups: ${[...new Set(numberRows(numbers).map((r) => r.group))].join(", ")}`,
    );
  const counted = rows.filter((r) => codes.includes(r.code));
  const k = counted.some((r) => r.suppressed || r.count === null) ? NaN : counted.reduce((s, r) => s + r.count, 0);
  const n = rows[0]!.base;
  return { k, n, percent: n ? Math.round((1000 * k) / n) / 10 : NaN };
}
