/**
 * How fragile a published share is: how many respondents would have to answer differently for
 * the printed value to change, or for a majority to tip.
 */
import { roundedPercent } from "../stats/grim.js";

/** The smallest change of answers that changes a printed share, and what it becomes. */
export interface Sensitivity { flips: number; to: number; k: number; n: number; printed: number }

function check(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 0 || k > n) {
    throw new RangeError(`need whole numbers 0 ≤ k ≤ n and n ≥ 1, got k=${k}, n=${n}`);
  }
}

/**
 * The fewest respondents who must answer differently (moving in or out of the counted
 * categories) for k/n, printed with `decimals`, to print as another value. The change towards
 * the nearer differing value is chosen; on a tie, the downward one.
 * @throws RangeError for k, n that are not whole numbers with 0 ≤ k ≤ n, n ≥ 1.
 * @example flipsToChange(4, 5, 0) // => { flips: 1, to: 60, k: 4, n: 5, printed: 80 }
 */
export function flipsToChange(k: number, n: number, decimals = 0): Sensitivity {
  check(k, n);
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
 * majority (more than half); 0 when it is none already.
 * @example flipsToLoseMajority(4, 5) // => 2
 */
export function flipsToLoseMajority(k: number, n: number): number {
  check(k, n);
  return Math.max(0, k - Math.floor(n / 2));
}
