/**
 * Running the test for two shares measured on the same respondents (a paired 2×2 table), with
 * the difference of the paired shares as effect size.
 */
import { checkCountTable, type CountTable } from "./contingency-table.js";
import { mcnemar } from "./mcnemar.js";
import { mcnemarExact } from "./mcnemar-exact.js";
import type { TestOutcome } from "./compare-groups.js";

/** McNemar with continuity correction (R's default), without it, or exact (binomial). */
import { PAIRED_TESTS, type PairedTest } from "../data/claims-file.js";

/**
 * Tests whether two paired shares differ, from the table [[a, b], [c, d]] of respondents
 * (rows: first item yes/no, columns: second item yes/no). Effect size: the difference of the
 * shares, 100·(b − c)/n percentage points. The chi-square versions warn when b + c < 25, where
 * the exact test is preferable.
 * O(1).
 * @param table - the paired 2×2 table, whole counts ≥ 0, n ≥ 1.
 * @param test - which McNemar variant to run.
 * @throws RangeError for a malformed or empty table or an unknown test.
 * @example comparePaired([[79, 31], [0, 26]], "mcnemar").effect // => 22.79 (31 of 136)
 */
export function comparePaired(table: CountTable, test: PairedTest): TestOutcome {
  if (!PAIRED_TESTS.includes(test))
    throw new RangeError(`comparePaired: test must be one of ${PAIRED_TESTS.join(", ")}, got ${JSON.stringify(test)}`);
  const { n } = checkCountTable("comparePaired", table, { rows: 2, cols: 2 });
  if (n === 0) throw new RangeError("comparePaired: the table is empty; no respondent answered both items");
  const b = table[0]![1]!;
  const c = table[1]![0]!;
  const effect = {
    effectName: "pairedDifference" as const,
    effect: (100 * (b - c)) / n,
    effectLow: null,
    effectHigh: null,
    oddsRatio: null,
  };
  if (test === "mcnemar-exact")
    return { test, statistic: null, df: null, p: mcnemarExact(table).p, ...effect, warning: null };
  const r = mcnemar(table, test === "mcnemar");
  const warning = b + c < 25 ? `only ${b + c} discordant pairs: prefer the exact McNemar test` : null;
  return { test, statistic: r.statistic, df: 1, p: r.p, ...effect, warning };
}
