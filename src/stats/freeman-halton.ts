/**
 * The Freeman–Halton extension of Fisher's exact test to r×c tables: enumeration of the tables
 * with the observed margins, with whole subtrees of tables settled by bounds.
 */
import jstat from "jstat";
import { checkCountTable, EXACT_TIE_TOLERANCE, type CountTable } from "./contingency-table.js";

/** Default cap on the partial tables {@link freemanHalton} may visit. */
export const MAX_STEPS = 20_000_000;

/** Options of {@link freemanHalton}. */
export interface FreemanHaltonOptions {
  /** Stop with an error after visiting this many partial tables (default {@link MAX_STEPS}). */
  maxSteps?: number;
}

/** Result of {@link freemanHalton}. */
export interface FreemanHaltonResult {
  test: "freeman-halton";
  p: number;
  /** Probability of the observed table under independence with the margins fixed. */
  pTable: number;
  /** Partial tables visited: the work done, for the limit. */
  steps: number;
  n: number;
}

/** Raised when a table needs more enumeration steps than the limit allows. */
export class EnumerationLimitError extends RangeError {
  override name = "EnumerationLimitError";
}

/** The smallest Σ lf(x_i) with Σ x_i = s, 0 ≤ x_i ≤ cap_i (lf convex: spread evenly). */
function minSpread(s: number, caps: number[], lf: number[]): number {
  const sorted = [...caps].sort((a, b) => a - b);
  let left = s;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted.length - i;
    const share = Math.floor(left / m);
    if (sorted[i]! <= share) {
      total += lf[sorted[i]!]!;
      left -= sorted[i]!;
      continue;
    }
    const extra = left - share * m;
    return total + extra * lf[share + 1]! + (m - extra) * lf[share]!;
  }
  return total;
}

/** The largest Σ lf(x_i) with Σ x_i = s, 0 ≤ x_i ≤ cap_i (lf convex: concentrate, largest first). */
function maxConcentrate(s: number, caps: number[], lf: number[]): number {
  const sorted = [...caps].sort((a, b) => b - a);
  let left = s;
  let total = 0;
  for (const cap of sorted) {
    const x = Math.min(cap, left);
    total += lf[x]!;
    left -= x;
  }
  return total;
}

/**
 * Freeman–Halton exact test of independence in an r×c table: under independence with both
 * margins fixed a table has probability Π r_i! Π c_j! / (N! Π n_ij!); p is the sum of the
 * probabilities of all tables with the observed margins that are at most as likely as the
 * observed one (relative tolerance 1e-7, as R's fisher.test). For a 2×2 table it equals the
 * two-sided {@link fisherExact}.
 *
 * Tables are filled column by column. Before each column, bounds on the most and least likely
 * completion (relaxing either the row or the column margins, which the convexity of log n!
 * makes easy) decide whether all completions count (their total probability has a closed form),
 * none does, or the enumeration must go on.
 * O(number of tables) in the worst case; the small tables of this report need a few hundred steps.
 * @param table - r × c whole counts ≥ 0, r, c ≥ 2.
 * @param options - `maxSteps`, the enumeration limit.
 * @throws RangeError for a malformed table; EnumerationLimitError when more than `maxSteps`
 *   partial tables would have to be visited (pool sparse categories or use the chi-square test).
 * @example freemanHalton([[1, 2, 1, 0], [3, 3, 6, 1], [10, 10, 14, 9], [6, 7, 12, 11]]).p // => 0.7827 (R: fisher.test(Job))
 */
export function freemanHalton(table: CountTable, options: FreemanHaltonOptions = {}): FreemanHaltonResult {
  const margins = checkCountTable("freemanHalton", table);
  const maxSteps = options.maxSteps ?? MAX_STEPS;
  if (!(maxSteps >= 1)) throw new RangeError(`freemanHalton: maxSteps must be ≥ 1, got ${maxSteps}`);
  // Fewer columns mean a shallower search; the test is symmetric in rows and columns.
  const flip = margins.colSums.length > margins.rowSums.length;
  const rowSums = flip ? margins.colSums : margins.rowSums;
  const colSums = flip ? margins.rowSums : margins.colSums;
  const n = margins.n;
  const r = rowSums.length;
  const c = colSums.length;
  const lf = Array.from({ length: n + 1 }, (_, i) => jstat.factorialln(i));
  const sumLf = (xs: readonly number[]) => xs.reduce((s, x) => s + lf[x]!, 0);
  const constant = sumLf(rowSums) + sumLf(colSums) - lf[n]!;
  const observed = constant - table.reduce((s, row) => s + sumLf(row), 0);
  const threshold = observed + Math.log1p(EXACT_TIE_TOLERANCE);
  const colsFrom = colSums.map((_, j) => colSums.slice(j));
  const rem = [...rowSums];
  const bounds = new Map<string, { lo: number; hi: number; all: number }>();
  /** Bounds on Σ lf(n_ik) over completions of columns j… and log Σ Π 1/n_ik! over all of them. */
  const boundsAt = (j: number) => {
    const key = `${j}:${rem.join(",")}`;
    let b = bounds.get(key);
    if (!b) {
      const cols = colsFrom[j]!;
      const left = rem.reduce((s, x) => s + x, 0);
      const byCols = cols.reduce((s, ck) => s + minSpread(ck, rem, lf), 0);
      const byRows = rem.reduce((s, ri) => s + minSpread(ri, cols, lf), 0);
      const hiCols = cols.reduce((s, ck) => s + maxConcentrate(ck, rem, lf), 0);
      const hiRows = rem.reduce((s, ri) => s + maxConcentrate(ri, cols, lf), 0);
      b = { lo: Math.max(byCols, byRows), hi: Math.min(hiCols, hiRows), all: lf[left]! - sumLf(rem) - sumLf(cols) };
      bounds.set(key, b);
    }
    return b;
  };
  let steps = 0;
  let p = 0;
  // `acc` is Σ log n_ij! of the cells filled so far.
  const fill = (j: number, i: number, need: number, acc: number): void => {
    if (++steps > maxSteps) {
      throw new EnumerationLimitError(
        `freemanHalton: more than ${maxSteps} steps for a table with margins ${JSON.stringify(margins.rowSums)} × ${JSON.stringify(margins.colSums)}; pool sparse categories, use the chi-square test, or raise maxSteps`,
      );
    }
    if (i === 0) {
      if (j === c - 1) {
        const logP = constant - acc - sumLf(rem);
        if (logP <= threshold) p += Math.exp(logP);
        return;
      }
      const b = boundsAt(j);
      if (constant - acc - b.lo <= threshold) {
        p += Math.exp(constant - acc + b.all);
        return;
      }
      if (constant - acc - b.hi > threshold) return;
    }
    if (i === r - 1) {
      if (need > rem[i]!) return;
      rem[i]! -= need;
      fill(j + 1, 0, colSums[j + 1] ?? 0, acc + lf[need]!);
      rem[i]! += need;
      return;
    }
    let capacityBelow = 0;
    for (let q = i + 1; q < r; q++) capacityBelow += rem[q]!;
    const hi = Math.min(rem[i]!, need);
    for (let x = Math.max(0, need - capacityBelow); x <= hi; x++) {
      rem[i]! -= x;
      fill(j, i + 1, need - x, acc + lf[x]!);
      rem[i]! += x;
    }
  };
  fill(0, 0, colSums[0]!, 0);
  return { test: "freeman-halton", p: Math.min(1, p), pTable: Math.exp(observed), steps, n };
}
