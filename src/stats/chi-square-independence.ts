/**
 * Pearson's chi-square test of independence in an r×c table, as R's chisq.test computes it.
 */
import { chiSquareSf } from "./chi-square-tail.js";
import { checkCountTable, type CountTable } from "./contingency-table.js";

/** Expected counts below this make the chi-square approximation doubtful (Cochran's rule). */
export const MIN_EXPECTED = 5;

/** Result of {@link chiSquareIndependence}. */
export interface ChiSquareResult {
  test: "chi-square";
  statistic: number;
  df: number;
  p: number;
  /** Expected counts under independence, r_i·c_j/N. */
  expected: number[][];
  minExpected: number;
  /** True when any expected count is below {@link MIN_EXPECTED}: prefer an exact test. */
  lowExpected: boolean;
  /** Whether Yates' continuity correction was applied (2×2 only). */
  correct: boolean;
  /** Cramér's V from the uncorrected statistic: √(χ² / (N·(min(r, c) − 1))). */
  cramersV: number;
  n: number;
}

/**
 * Pearson's chi-square test of independence: χ² = Σ (O − E)² / E with E = r_i·c_j / N and
 * (r − 1)(c − 1) degrees of freedom. With `correct` (default true, as R and scipy) a 2×2 table
 * gets Yates' correction Σ (|O − E| − min(0.5, |O − E|))² / E. Rows or columns with a zero sum
 * are rejected, since their expected counts are 0. p is the chi-square survival function
 * ({@link chiSquareSf}), so it keeps its precision far below 1e-16.
 * O(r·c).
 * @param table - r × c whole counts ≥ 0.
 * @param correct - Yates' continuity correction for 2×2 tables (default true).
 * @throws RangeError for a malformed table or one with an empty row or column.
 * @example chiSquareIndependence([[12, 5], [7, 9]], false).statistic // => 2.2519
 */
export function chiSquareIndependence(table: CountTable, correct = true): ChiSquareResult {
  const { rowSums, colSums, n } = checkCountTable("chiSquareIndependence", table);
  const empty = [
    ...rowSums.map((s, i) => (s === 0 ? `row ${i}` : "")),
    ...colSums.map((s, j) => (s === 0 ? `column ${j}` : "")),
  ].filter(Boolean);
  if (empty.length)
    throw new RangeError(`chiSquareIndependence: ${empty.join(", ")} of the table sum(s) to 0; drop it before testing`);
  const expected = rowSums.map((ri) => colSums.map((cj) => (ri * cj) / n));
  const yates = correct && rowSums.length === 2 && colSums.length === 2;
  let statistic = 0;
  let plain = 0;
  table.forEach((row, i) =>
    row.forEach((o, j) => {
      const e = expected[i]![j]!;
      const dev = Math.abs(o - e);
      const d = yates ? dev - Math.min(0.5, dev) : dev;
      statistic += (d * d) / e;
      plain += (dev * dev) / e;
    }),
  );
  const df = (rowSums.length - 1) * (colSums.length - 1);
  const minExpected = Math.min(...expected.flat());
  return {
    test: "chi-square",
    statistic,
    df,
    p: chiSquareSf(statistic, df),
    expected,
    minExpected,
    lowExpected: minExpected < MIN_EXPECTED,
    correct: yates,
    cramersV: Math.sqrt(plain / (n * (Math.min(rowSums.length, colSums.length) - 1))),
    n,
  };
}
