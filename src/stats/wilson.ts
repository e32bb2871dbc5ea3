/**
 * The Wilson score interval for a binomial proportion.
 */
import jstat from "jstat";

/** A confidence interval on the 0–100 percent scale. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for k successes in n trials, in percent.
 * Definition: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z the (1+level)/2 normal quantile.
 * O(1).
 * @param k - successes, a whole number 0 ≤ k ≤ n.
 * @param n - trials, a whole number ≥ 0 (n = 0 gives NaN bounds).
 * @param level - confidence level, default 0.95.
 * @throws RangeError for k or n that are not whole numbers with 0 ≤ k ≤ n, or a level outside (0, 1).
 * @example wilson(25, 45) // => { low: 41.2…, high: 69.1… }
 */
export function wilson(k: number, n: number, level = 0.95): Interval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilson: need whole numbers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`wilson: level must be in (0, 1), got ${level}`);
  if (n === 0) return { low: NaN, high: NaN };
  const z = jstat.normal.inv((1 + level) / 2, 0, 1);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = p + z2n / 2;
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denom = 1 + z2n;
  return { low: (100 * Math.max(0, centre - half)) / denom, high: (100 * Math.min(1 + z2n, centre + half)) / denom };
}
