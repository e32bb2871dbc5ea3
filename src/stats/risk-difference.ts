/**
 * The difference of two independent proportions with Newcombe's hybrid score interval.
 */
import { wilson } from "./wilson.js";

/** A difference of proportions p1 − p2 with its interval, all on the 0–1 scale. */
export interface RiskDifference {
  difference: number;
  low: number;
  high: number;
  level: number;
}

/**
 * Risk difference p1 − p2 = k1/n1 − k2/n2 with Newcombe's hybrid score interval (Newcombe 1998,
 * method 10), built from the Wilson intervals [l_i, u_i] of each proportion:
 * low = d − √((p1 − l1)² + (u2 − p2)²), high = d + √((u1 − p1)² + (p2 − l2)²).
 * O(1).
 * @param k1 - successes in group 1, 0 ≤ k1 ≤ n1.
 * @param n1 - size of group 1, ≥ 1.
 * @param k2 - successes in group 2, 0 ≤ k2 ≤ n2.
 * @param n2 - size of group 2, ≥ 1.
 * @param level - confidence level, default 0.95.
 * @throws RangeError for counts that are not whole with 0 ≤ k ≤ n, an empty group, or a level outside (0, 1).
 * @example riskDifference(56, 70, 48, 80) // => { difference: 0.2, low: 0.0524, high: 0.3339, level: 0.95 }
 */
export function riskDifference(k1: number, n1: number, k2: number, n2: number, level = 0.95): RiskDifference {
  if (n1 === 0 || n2 === 0)
    throw new RangeError(`riskDifference: both groups need at least one case, got n1=${n1}, n2=${n2}`);
  const w1 = wilson(k1, n1, level);
  const w2 = wilson(k2, n2, level);
  const [p1, p2] = [k1 / n1, k2 / n2];
  const [l1, u1, l2, u2] = [w1.low / 100, w1.high / 100, w2.low / 100, w2.high / 100];
  const d = p1 - p2;
  return { difference: d, low: d - Math.hypot(p1 - l1, u2 - p2), high: d + Math.hypot(u1 - p1, p2 - l2), level };
}
