/**
 * Fisher's exact test for a 2×2 table, as R's fisher.test computes it.
 */
import jstat from "jstat";
import { checkCountTable, EXACT_TIE_TOLERANCE, type CountTable } from "./contingency-table.js";

/** Which deviation from independence the p-value counts. */
export type Alternative = "two-sided" | "less" | "greater";

/** Result of {@link fisherExact}. */
export interface FisherResult {
  test: "fisher";
  alternative: Alternative;
  /** The p-value. */
  p: number;
  /**
   * Sample odds ratio (a·d)/(b·c). When a cell is 0, 0.5 is added to every cell first (Haldane–
   * Anscombe correction) so the ratio stays finite; `haldane` says whether that happened. This is
   * not R's conditional maximum-likelihood estimate, which fisher.test prints.
   */
  oddsRatio: number;
  haldane: boolean;
  n: number;
}

/**
 * Fisher's exact test of independence in a 2×2 table [[a, b], [c, d]]: with all margins fixed,
 * a follows the hypergeometric distribution. Two-sided p (R's definition): the sum of the
 * probabilities of every table at most as likely as the observed one (relative tolerance 1e-7);
 * "greater" is P(A ≥ a) (odds ratio > 1), "less" is P(A ≤ a).
 * O(min(row and column sums)).
 * @param table - [[a, b], [c, d]], whole counts ≥ 0.
 * @param alternative - "two-sided" (default), "less" or "greater".
 * @throws RangeError for a table that is not 2×2 with whole counts ≥ 0, or an unknown alternative.
 * @example fisherExact([[3, 1], [1, 3]]).p // => 0.4857 (R: fisher.test(TeaTasting))
 */
export function fisherExact(table: CountTable, alternative: Alternative = "two-sided"): FisherResult {
  const { rowSums, colSums, n } = checkCountTable("fisherExact", table, { rows: 2, cols: 2 });
  if (!["two-sided", "less", "greater"].includes(alternative)) {
    throw new RangeError(
      `fisherExact: alternative must be "two-sided", "less" or "greater", got ${JSON.stringify(alternative)}`,
    );
  }
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];
  const [m, k] = [rowSums[0]!, colSums[0]!];
  const lo = Math.max(0, k - (n - m));
  const hi = Math.min(k, m);
  // log P(A = x) = log C(m, x) + log C(n − m, k − x) − log C(n, k)
  const logDenom = jstat.combinationln(n, k);
  const logP = (x: number) => jstat.combinationln(m, x) + jstat.combinationln(n - m, k - x) - logDenom;
  const observed = logP(a);
  const keep = (x: number) =>
    alternative === "less"
      ? x <= a
      : alternative === "greater"
        ? x >= a
        : logP(x) <= observed + Math.log1p(EXACT_TIE_TOLERANCE);
  let p = 0;
  for (let x = lo; x <= hi; x++) if (keep(x)) p += Math.exp(logP(x));
  const haldane = a === 0 || b === 0 || c === 0 || d === 0;
  const h = haldane ? 0.5 : 0;
  return {
    test: "fisher",
    alternative,
    p: Math.min(1, p),
    oddsRatio: ((a + h) * (d + h)) / ((b + h) * (c + h)),
    haldane,
    n,
  };
}
