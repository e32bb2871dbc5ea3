/**
 * The calls the seminar notebooks make: check an answer (prints the verdict), read a share out
 * of a figure's numbers, and the numbers of a regrouped figure.
 */
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import { figureBuilder } from "../figures/index.js";
import { numberRows } from "../figures/common/numbers.js";
import type { FigureOptions } from "../figures/common/types.js";
import { checkAnswer } from "./exercises.js";
import { regroupedCodebook, type CustomGroup } from "./regroup.js";

/**
 * Checks an answer and prints the verdict (✓ or ✗ with a hint) for the student.
 * @returns nothing, so the notebook shows only the verdict.
 */
export function check(
  id: string,
  answer: number | boolean | null | undefined,
  table: ColumnTable,
  lang: Lang = "de",
): void {
  console.log(checkAnswer(id, answer, table, lang).message);
}

/**
 * The numbers of figure `id` drawn with groups of one's own (see `regroupedFigure`).
 * @example regroupedNumbers("abb-03", survey(), groups).numRows() // => 10
 */
export function regroupedNumbers(
  id: string,
  table: ColumnTable,
  groups: CustomGroup[],
  options: Partial<FigureOptions> = {},
): ColumnTable {
  return figureBuilder(id).numbers(table, { ...options, codebook: regroupedCodebook(id, groups, options.codebook) });
}

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
