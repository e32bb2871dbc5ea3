/**
 * Typed access to the jStat special functions that src/types/jstat.d.ts does not declare yet.
 */
import jstat from "jstat";

interface JstatSpecial {
  /** The regularised incomplete beta function I_x(a, b). */
  ibeta(x: number, a: number, b: number): number;
}

/** jStat with the extra special functions typed; the same object as the default import. */
const special = jstat as unknown as typeof jstat & JstatSpecial;

/**
 * P(X ≤ k) for X ~ Binomial(n, p), through the regularised incomplete beta function
 * (P(X ≤ k) = I_{1−p}(n−k, k+1)). jStat's own binomial.cdf rounds to 1e-10, which would erase
 * the small p-values of an exact McNemar test, so this is used instead.
 * O(1) calls of ibeta.
 * @param k - whole number of successes.
 * @param n - whole number of trials ≥ 0.
 * @param p - success probability in [0, 1].
 * @throws RangeError for k, n not whole or p outside [0, 1].
 * @example binomialCdf(0, 31, 0.5) // => 4.6566e-10 (= 0.5^31)
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError(`binomialCdf: need whole k and n ≥ 0, got k=${k}, n=${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialCdf: p must be in [0, 1], got ${p}`);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return special.ibeta(1 - p, n - k, k + 1);
}
