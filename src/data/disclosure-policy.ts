/**
 * Which survey tables need statistical disclosure control. A table loaded from data other than
 * the shipped reconstruction carries a minimum cell size; figures and exports built from it
 * suppress smaller cells. The policy belongs to the table object (a table derived from it by a
 * verb has none: pass `minCell` explicitly there).
 */
import type { ColumnTable } from "arquero";

const policy = new WeakMap<ColumnTable, number>();

/**
 * Marks a table as needing cells of at least `minCell` respondents (0 or 1 switch it off).
 * @throws RangeError for a minCell that is not a whole number ≥ 0.
 * @example requireMinCell(table, 5) // => table
 */
export function requireMinCell(table: ColumnTable, minCell: number): ColumnTable {
  if (!Number.isInteger(minCell) || minCell < 0)
    throw new RangeError(`minCell must be a whole number ≥ 0, got ${minCell}`);
  // 1 means none: nothing is below one respondent but a zero, and zeros are not small cells
  policy.set(table, minCell <= 1 ? 0 : minCell);
  return table;
}

/**
 * Whether a table is a user's own data rather than the shipped reconstruction: every loader
 * gives such a table a disclosure policy (possibly 0), the reconstruction none.
 * @example isOwnData(survey("mine.csv")) // => true
 */
export function isOwnData(table: ColumnTable): boolean {
  return policy.has(table);
}

/** The minimum cell size a table requires (0: none). */
export function minCellOf(table: ColumnTable): number {
  return policy.get(table) ?? 0;
}
