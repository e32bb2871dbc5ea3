/**
 * GRIM-style arithmetic for published percentages: which whole counts k out of n round to a
 * printed value, and which printed values are attainable near it.
 *
 * All comparisons are done in integers (the printed value times 10^decimals), so float
 * error such as 55.6 * 10 = 555.9999… never decides a result. Rounding is half up, as
 * spreadsheets and most report tools print.
 */

/** Options for {@link attainableCounts}. */
export interface AttainableOptions {
  /**
   * Also require the exact share to lie strictly below the printed value ("knapp 69 %": a
   * value just under 69 that rounds to 69).
   */
  justUnder?: boolean;
}

/** A printed percentage and the counts k (out of n) that print as it. */
export interface AttainableValue {
  value: number;
  counts: number[];
}

/** The printed values attainable at n nearest to a given printed value. */
export interface NearestAttainable {
  value: number;
  decimals: number;
  n: number;
  /** Counts k that print exactly as `value` (empty when it is not attainable). */
  exact: number[];
  /** The largest attainable printed value below `value`, or null at 0. */
  below: AttainableValue | null;
  /** The smallest attainable printed value above `value`, or null at 100. */
  above: AttainableValue | null;
}

const MIN_DECIMALS = -2;
const MAX_DECIMALS = 6;
/** Relative tolerance when checking that a value has no more decimals than stated. */
const UNIT_TOLERANCE = 1e-9;

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < MIN_DECIMALS || decimals > MAX_DECIMALS) {
    throw new RangeError(
      `decimals must be a whole number from ${MIN_DECIMALS} to ${MAX_DECIMALS} (55.6 → 1, 80 → 0, "die Hälfte" → -1), got ${decimals}`,
    );
  }
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1e7) {
    throw new RangeError(`n must be a whole number of respondents from 1 to 10,000,000, got ${n}`);
  }
}

/** Integer factors such that printed units = 100·k/n · up / down. */
function scale(decimals: number): { up: number; down: number } {
  return decimals >= 0 ? { up: 10 ** decimals, down: 1 } : { up: 1, down: 10 ** -decimals };
}

/** The printed value in units of its last digit (55.6 with 1 decimal → 556). */
function printedUnits(value: number, decimals: number): number {
  checkDecimals(decimals);
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`a percentage must be a number from 0 to 100, got ${value}`);
  }
  const exact = decimals >= 0 ? value * 10 ** decimals : value / 10 ** -decimals;
  const units = Math.round(exact);
  if (Math.abs(exact - units) > UNIT_TOLERANCE * Math.max(1, Math.abs(units))) {
    throw new RangeError(`${value} has more decimals than decimals=${decimals} allows; pass the value as printed`);
  }
  return units;
}

function unitsToValue(units: number, decimals: number): number {
  return decimals >= 0 ? units / 10 ** decimals : units * 10 ** -decimals;
}

/** Floor division of non-negative safe integers, without float rounding. */
function floorDiv(p: number, q: number): number {
  return (p - (p % q)) / q;
}

/** Units of round-half-up(100·k/n, decimals). */
function percentUnits(k: number, n: number, decimals: number): number {
  const { up, down } = scale(decimals);
  // round half up of x = floor(x + 1/2); with x = 100·k·up / (n·down):
  return floorDiv(200 * k * up + n * down, 2 * n * down);
}

/**
 * The printed percentage of k out of n, rounded half up to `decimals`.
 *
 * @param k - count, a whole number from 0 to n
 * @param n - base, a whole number >= 1
 * @param decimals - decimals as printed (negative: round to tens, hundreds)
 * @throws RangeError when k, n or decimals are not whole numbers in range
 * @example
 * roundedPercent(25, 45, 1) // => 55.6
 * roundedPercent(1, 8, 1)   // => 12.5 (exactly 12.5, no float drift)
 */
export function roundedPercent(k: number, n: number, decimals: number): number {
  checkN(n);
  checkDecimals(decimals);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`k must be a whole count from 0 to n=${n}, got ${k}`);
  }
  return unitsToValue(percentUnits(k, n, decimals), decimals);
}

/**
 * Every whole k (0..n) whose share 100·k/n prints as `value` with `decimals` decimals,
 * rounding half up. Empty when the printed value cannot come from any count out of n:
 * the GRIM test's "inconsistent".
 *
 * Time O(1) plus the counts found: they are one run of consecutive k, found from a closed form.
 *
 * @param value - the percentage as printed, e.g. 55.6
 * @param decimals - decimals as printed (55.6 → 1, 80 → 0; -1 for "die Hälfte" read to tens)
 * @param n - the base
 * @param options - `justUnder`: also require 100·k/n < value ("knapp")
 * @throws RangeError when value has more decimals than stated, or n, decimals are out of range
 * @example
 * attainableCounts(55.6, 1, 45)                      // => [25]
 * attainableCounts(42.7, 1, 139)                     // => []
 * attainableCounts(69, 0, 45, { justUnder: true })   // => [31] (68.9 %)
 */
export function attainableCounts(
  value: number,
  decimals: number,
  n: number,
  options: AttainableOptions = {},
): number[] {
  checkN(n);
  const target = printedUnits(value, decimals);
  const { up, down } = scale(decimals);
  const counts: number[] = [];
  // The printed units do not decrease with k, so the counts that print as the value are the run
  // starting at the first k reaching it: 200·k·up + n·down ≥ 2·n·down·target.
  let k = Math.min(n, Math.max(0, floorDiv(Math.max(0, n * down * (2 * target - 1)) + 200 * up - 1, 200 * up)));
  while (k > 0 && percentUnits(k - 1, n, decimals) >= target) k--;
  while (k <= n && percentUnits(k, n, decimals) < target) k++;
  for (; k <= n && percentUnits(k, n, decimals) === target; k++) {
    // strictly below: 100·k·up/(n·down) < target
    if (options.justUnder && 100 * k * up >= target * n * down) continue;
    counts.push(k);
  }
  return counts;
}

/**
 * The printed values attainable at n closest to `value`: the nearest one below and the
 * nearest one above (each with the counts that print as it), and the counts that print as
 * `value` itself.
 *
 * Time O(n).
 *
 * @param value - the percentage as printed
 * @param decimals - decimals as printed
 * @param n - the base
 * @throws RangeError as {@link attainableCounts}
 * @example
 * const near = nearestAttainable(42.7, 1, 139);
 * near.exact // => []
 * near.below // => { value: 42.4, counts: [59] }
 * near.above // => { value: 43.2, counts: [60] }
 */
export function nearestAttainable(value: number, decimals: number, n: number): NearestAttainable {
  checkN(n);
  const target = printedUnits(value, decimals);
  const exact: number[] = [];
  let below: { units: number; counts: number[] } | null = null;
  let above: { units: number; counts: number[] } | null = null;
  // printed units are non-decreasing in k, so the last value below and first above are nearest
  for (let k = 0; k <= n; k++) {
    const units = percentUnits(k, n, decimals);
    if (units === target) exact.push(k);
    else if (units < target) {
      if (below && below.units === units) below.counts.push(k);
      else below = { units, counts: [k] };
    } else if (!above) above = { units, counts: [k] };
    else if (above.units === units) above.counts.push(k);
    else break;
  }
  const toValue = (a: { units: number; counts: number[] } | null): AttainableValue | null =>
    a && { value: unitsToValue(a.units, decimals), counts: a.counts };
  return { value, decimals, n, exact, below: toValue(below), above: toValue(above) };
}
