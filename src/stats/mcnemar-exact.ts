/**
 * The exact (binomial) McNemar test for paired binary data.
 */
import { checkCountTable, type CountTable } from "./contingency-table.js";
import { binomialCdf } from "./jstat-special.js";

/** Result of {@link mcnemarExact}. */
export interface McNemarExactResult {
  test: "mcnemar-exact";
  p: number;
  /** The discordant pairs: b = yes/no, c = no/yes. */
  b: number;
  c: number;
  n: number;
}

/**
 * Exact McNemar test in a paired 2×2 table [[a, b], [c, d]]: given b + c discordant pairs, b is
 * Binomial(b + c, 1/2) under the null hypothesis. Two-sided p = min(1, 2·P(X ≤ min(b, c))),
 * which is R's binom.test(b, b + c) (the distribution is symmetric); p = 1 when b + c = 0.
 * Prefer it to {@link mcnemar} when b + c is small (below about 25).
 * O(1).
 * @param table - [[a, b], [c, d]], whole counts ≥ 0.
 * @throws RangeError for a table that is not 2×2 with whole counts ≥ 0.
 * @example mcnemarExact([[53, 3], [0, 51]]).p // => 0.25 (2 · 0.5³)
 */
export function mcnemarExact(table: CountTable): McNemarExactResult {
  const { n } = checkCountTable("mcnemarExact", table, { rows: 2, cols: 2 });
  const b = table[0]![1]!;
  const c = table[1]![0]!;
  const p = Math.min(1, 2 * binomialCdf(Math.min(b, c), b + c, 0.5));
  return { test: "mcnemar-exact", p, b, c, n };
}
