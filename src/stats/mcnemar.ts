/**
 * McNemar's chi-square test for paired binary data, as R's mcnemar.test computes it.
 */
import { chiSquareSf } from "./chi-square-tail.js";
import { checkCountTable, type CountTable } from "./contingency-table.js";

/** Result of {@link mcnemar}. */
export interface McNemarResult {
  test: "mcnemar";
  /** (|b − c| − 1)² / (b + c) with the continuity correction, (b − c)² / (b + c) without; NaN when b + c = 0. */
  statistic: number;
  df: 1;
  /** Upper chi-square(1) tail of the statistic; NaN when b + c = 0 (as R). */
  p: number;
  correct: boolean;
  /** The discordant pairs: b = yes/no, c = no/yes. */
  b: number;
  c: number;
  n: number;
}

/**
 * McNemar's test of marginal homogeneity in a paired 2×2 table [[a, b], [c, d]] (rows: first
 * measurement yes/no; columns: second measurement yes/no). Only the discordant pairs b and c
 * matter: under the null hypothesis each is equally likely. With `correct` (default, as R's
 * correct = TRUE) the statistic is (|b − c| − 1)²/(b + c), else (b − c)²/(b + c); p is its
 * chi-square(1) survival function, accurate to about 1e-14 relative also far below 1e-16.
 * O(1).
 * @param table - [[a, b], [c, d]], whole counts ≥ 0.
 * @param correct - apply the continuity correction (default true).
 * @throws RangeError for a table that is not 2×2 with whole counts ≥ 0.
 * @example mcnemar([[794, 150], [86, 570]]).statistic // => 34.71 (R: mcnemar.test(Performance), p = 3.822e-09)
 */
export function mcnemar(table: CountTable, correct = true): McNemarResult {
  const { n } = checkCountTable("mcnemar", table, { rows: 2, cols: 2 });
  const b = table[0]![1]!;
  const c = table[1]![0]!;
  const d = Math.abs(b - c) - (correct ? 1 : 0);
  const statistic = b + c === 0 ? NaN : (d * d) / (b + c);
  const p = Number.isNaN(statistic) ? NaN : chiSquareSf(statistic, 1);
  return { test: "mcnemar", statistic, df: 1, p, correct, b, c, n };
}
