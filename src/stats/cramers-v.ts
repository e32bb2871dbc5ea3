/**
 * Cramér's V, the effect size of an r×c association.
 */
import { checkCountTable, type CountTable } from "./contingency-table.js";
import { chiSquareIndependence } from "./chi-square-independence.js";

/**
 * Cramér's V = √(χ² / (N·(min(r, c) − 1))), χ² the uncorrected Pearson statistic: 0 for
 * independence, 1 for a perfect association. For a 2×2 table it is |φ|.
 * O(r·c).
 * @param table - r × c whole counts ≥ 0, no empty row or column.
 * @throws RangeError as {@link chiSquareIndependence}.
 * @example cramersV([[10, 0], [0, 10]]) // => 1
 */
export function cramersV(table: CountTable): number {
  checkCountTable("cramersV", table);
  return chiSquareIndependence(table, false).cramersV;
}
