/**
 * Choosing and running the test for a share compared across independent groups (a groups × 2
 * table), with an effect size: the step from a claim's counts to its evidence.
 */
import { chiSquareIndependence } from "./chi-square-independence.js";
import { fisherExact } from "./fisher-exact.js";
import { freemanHalton } from "./freeman-halton.js";
import { riskDifference } from "./risk-difference.js";

/** Tests for independent groups; "exact-or-chi-square" takes chi-square only when every expected count is ≥ 5. */
import { GROUP_TESTS, type GroupTest } from "../data/claims-file.js";

/** One group's count of respondents choosing the categories (k) out of its base (n). */
export interface GroupCount {
  k: number;
  n: number;
}

/** The outcome of a comparison: the test actually run, its numbers and an effect size. */
export interface TestOutcome {
  /** "fisher", "freeman-halton", "chi-square", "mcnemar", "mcnemar-uncorrected" or "mcnemar-exact". */
  test: string;
  /** The test statistic; null for exact tests. */
  statistic: number | null;
  df: number | null;
  p: number;
  /** "riskDifference" and "pairedDifference" are in percentage points; "cramersV" is 0–1. */
  effectName: "riskDifference" | "pairedDifference" | "cramersV";
  effect: number | null;
  effectLow: number | null;
  effectHigh: number | null;
  /** Sample odds ratio (Haldane-corrected when a cell is 0) for 2×2 group comparisons, else null. */
  oddsRatio: number | null;
  /** Why a number should be read with care, e.g. expected counts below 5; null when none. */
  warning: string | null;
}

/**
 * The most respondents for which more than two groups are compared by the exact Freeman–Halton
 * test. Above it the enumeration grows too long (10^5 respondents would need far more than its
 * limit of 20 million steps), and the expected counts are large enough for the asymptotic test:
 * Pearson's chi-square test of independence takes its place, and the outcome says so in its
 * warning. Two groups keep Fisher's exact test at any size (its cost grows with n only).
 */
export const EXACT_MAX_N = 10_000;

/** Options of {@link compareGroups}. */
export interface CompareGroupsOptions {
  /** Confidence level of the risk difference interval (default 0.95). */
  level?: number;
  /** Enumeration limit of the Freeman–Halton test. */
  maxSteps?: number;
}

/**
 * Tests whether a share differs between independent groups, from each group's count k and base n
 * (the table rows are [k, n − k]). Two groups get the risk difference k1/n1 − k2/n2 in percentage
 * points with Newcombe's interval as effect size (and the sample odds ratio); three or more get
 * Cramér's V. "fisher" needs exactly two groups; "chi-square" warns when an expected count is
 * below 5; "exact-or-chi-square" runs the exact test (Fisher or Freeman–Halton) in that case and
 * also when a column of the table is empty. Freeman–Halton is exact up to {@link EXACT_MAX_N}
 * respondents; above, Pearson's chi-square test is run instead, with a warning that says so.
 * O(groups) plus the test's own cost.
 * @param groups - the groups, the claim's target first; at least two, each with n ≥ 1.
 * @param test - which test to run.
 * @throws RangeError for fewer than two groups, an empty group, k outside 0…n, "fisher" with more
 *   than two groups, an unknown test, or "chi-square" on a table with an empty column.
 * @example compareGroups([{ k: 4, n: 5 }, { k: 13, n: 20 }], "fisher").p // => 1
 */
export function compareGroups(
  groups: readonly GroupCount[],
  test: GroupTest,
  options: CompareGroupsOptions = {},
): TestOutcome {
  if (!GROUP_TESTS.includes(test))
    throw new RangeError(`compareGroups: test must be one of ${GROUP_TESTS.join(", ")}, got ${JSON.stringify(test)}`);
  if (groups.length < 2) throw new RangeError(`compareGroups: need at least two groups, got ${groups.length}`);
  groups.forEach(({ k, n }, i) => {
    if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 0 || k > n) {
      throw new RangeError(`compareGroups: group ${i} needs whole counts 0 ≤ k ≤ n with n ≥ 1, got k=${k}, n=${n}`);
    }
  });
  if (test === "fisher" && groups.length !== 2)
    throw new RangeError(`compareGroups: "fisher" compares two groups, got ${groups.length}; use "freeman-halton"`);
  const table = groups.map(({ k, n }) => [k, n - k]);
  const emptyColumn = table.every((row) => row[0] === 0) || table.every((row) => row[1] === 0);
  if (test === "chi-square" && emptyColumn)
    throw new RangeError(
      `compareGroups: chi-square needs both answers present, but one column of ${JSON.stringify(table)} is empty; use an exact test`,
    );
  const chi = emptyColumn ? null : chiSquareIndependence(table);
  const exact =
    test === "fisher" ||
    test === "freeman-halton" ||
    (test === "exact-or-chi-square" && (chi === null || chi.lowExpected));
  const effect =
    groups.length === 2
      ? twoGroupEffect(groups, options.level)
      : {
          effectName: "cramersV" as const,
          effect: chi?.cramersV ?? null,
          effectLow: null,
          effectHigh: null,
          oddsRatio: null,
        };
  const total = groups.reduce((sum, g) => sum + g.n, 0);
  if (exact && groups.length > 2 && chi !== null && total > EXACT_MAX_N)
    return {
      test: "chi-square",
      statistic: chi.statistic,
      df: chi.df,
      p: chi.p,
      ...effect,
      warning: `${total} respondents, more than ${EXACT_MAX_N}: the exact Freeman–Halton test was replaced by Pearson's chi-square test (asymptotic)`,
    };
  if (exact) {
    const p = groups.length === 2 ? fisherExact(table).p : freemanHalton(table, options).p;
    return {
      test: groups.length === 2 ? "fisher" : "freeman-halton",
      statistic: null,
      df: null,
      p,
      ...effect,
      warning: null,
    };
  }
  const c = chi!;
  const warning = c.lowExpected
    ? `expected count ${c.minExpected.toFixed(2)} < 5: the chi-square approximation is doubtful, prefer an exact test`
    : null;
  return { test: "chi-square", statistic: c.statistic, df: c.df, p: c.p, ...effect, warning };
}

function twoGroupEffect(groups: readonly GroupCount[], level = 0.95) {
  const [g1, g2] = groups as [GroupCount, GroupCount];
  const rd = riskDifference(g1.k, g1.n, g2.k, g2.n, level);
  const or = fisherExact([
    [g1.k, g1.n - g1.k],
    [g2.k, g2.n - g2.k],
  ]).oddsRatio;
  return {
    effectName: "riskDifference" as const,
    effect: 100 * rd.difference,
    effectLow: 100 * rd.low,
    effectHigh: 100 * rd.high,
    oddsRatio: or,
  };
}
