/**
 * The calls the seminar notebooks make: check an answer (prints the verdict), read a share out
 * of a figure's numbers, and the numbers of a regrouped figure.
 */
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import { figureBuilder } from "../figures/index.js";
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
