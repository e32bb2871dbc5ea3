/**
 * How fragile a published share is: how many respondents would have to answer differently for
 * the printed value to change, or for a majority to tip.
 */
import { roundedPercent } from "../stats/grim.js";

/** The smallest change of answers that changes a printed share, and what it becomes. */
export interface Sensitivity {
  flips: number;
  to: number;
  k: number;
  n: number;
  printed: number;
}

/** Whether k/n can be judged: false for an empty base (0/0) or a count suppressed as NaN; throws for nonsense. */
function computable(k: number, n: number): boolean {
  if ((k === 0 && n === 0) || (Number.isNaN(k) && Number.isInteger(n) && n >= 0)) return false;
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 0 || k > n) {
    throw new RangeError(`need whole numbers 0 ≤ k ≤ n and n ≥ 1, got k=${k}, n=${n}`);
  }
  return true;
}

/**
 * The fewest respondents who must answer differently (moving in or out of the counted
 * categories) for k/n, printed with `decimals`, to print as another value. The change towards
 * the nearer differing value is chosen; on a tie, the downward one. An empty base (0/0) or a
 * suppressed count (k = NaN) cannot be judged: flips, to and printed are then NaN.
 * @throws RangeError for other k, n that are not whole numbers with 0 ≤ k ≤ n, n ≥ 1.
 * @example flipsToChange(4, 5, 0) // => { flips: 1, to: 60, k: 4, n: 5, printed: 80 }
 */
export function flipsToChange(k: number, n: number, decimals = 0): Sensitivity {
  if (!computable(k, n)) return { flips: NaN, to: NaN, k, n, printed: NaN };
  const printed = roundedPercent(k, n, decimals);
  for (let m = 1; m <= n; m++) {
    for (const next of [k - m, k + m]) {
      if (next < 0 || next > n) continue;
      const to = roundedPercent(next, n, decimals);
      if (to !== printed) return { flips: m, to, k, n, printed };
    }
  }
  throw new RangeError(`k/n = ${k}/${n} has no other printed value`);
}

/**
 * The fewest respondents who must leave the counted categories for k/n to be no longer a
 * majority (more than half); 0 when it is none already; NaN for an empty base or a suppressed count.
 * @example flipsToLoseMajority(4, 5) // => 2
 */
export function flipsToLoseMajority(k: number, n: number): number {
  if (!computable(k, n)) return NaN;
  return Math.max(0, k - Math.floor(n / 2));
}
