/**
 * How the reconstruction gives a group's answers to its respondents without making items
 * move together. Each item (or pair of items with a joint table) lays the group's members out
 * in its own order, a Weyl sequence frac(position·√p) with a prime p of its own; the codes are
 * handed out in scale order along that layout. Because the square roots of distinct primes
 * are linearly independent over the rationals, two items' layouts are (asymptotically)
 * independent: within a group, the reconstruction neither adds nor removes association
 * between items, except where a pair's joint table states it. Who skips an item is chosen the
 * same way, shared by the items of one answer set (e.g. both grids of Abb. 6/7).
 */

/** The first primes, one per stream of layouts (generated, not typed in). */
function primes(count: number): number[] {
  const out: number[] = [];
  for (let k = 2; out.length < count; k++) if (out.every((p) => k % p !== 0)) out.push(k);
  return out;
}
const PRIMES = primes(400);

/**
 * A respondent's place in the layout of stream `s`: frac(r·√p_s) with r the respondent's
 * 1-based row number. Deterministic: the same double-precision operations on every run.
 * @throws RangeError for a stream beyond the primes available
 * @example layoutKey(1, 0) // => 0.41421356237309515 (√2 − 1)
 */
export function layoutKey(row: number, stream: number): number {
  const p = PRIMES[stream];
  if (p === undefined) throw new RangeError(`layout stream ${stream} is beyond the ${PRIMES.length} available`);
  const x = row * Math.sqrt(p);
  return x - Math.floor(x);
}

/**
 * The members in the order of a stream's layout (ties, which do not occur for distinct rows,
 * fall back to row order).
 * @param rows - 1-based row numbers of the members
 * @example inLayout([1, 2, 3], 0) // => [3, 1, 2] (keys frac(r·√2): 0.41, 0.83, 0.24)
 */
export function inLayout(rows: readonly number[], stream: number): number[] {
  return [...rows].sort((a, b) => layoutKey(a, stream) - layoutKey(b, stream) || a - b);
}

/** Streams: one per answer set (who skips) and one per item or pair (who gets which code). */
export class StreamRegistry {
  private readonly ids = new Map<string, number>();
  /** The stream of a name, numbered in order of first use. */
  of(name: string): number {
    let s = this.ids.get(name);
    if (s === undefined) this.ids.set(name, (s = this.ids.size));
    return s;
  }
}

/**
 * Splits a group into who skips and who answers: the last `missing` members in the answer
 * set's layout skip; the answering ones are returned in the item's own layout.
 * @example splitGroup([1, 2, 3, 4], 1, 0, 1).skip.length // => 1
 */
export function splitGroup(
  rows: readonly number[],
  missing: number,
  answerStream: number,
  itemStream: number,
): { answer: number[]; skip: number[] } {
  const byAnswer = inLayout(rows, answerStream);
  const skip = byAnswer.slice(byAnswer.length - missing);
  const skipped = new Set(skip);
  return {
    answer: inLayout(
      rows.filter((r) => !skipped.has(r)),
      itemStream,
    ),
    skip,
  };
}

/**
 * The tuples of a joint table (rows: codes of the first item, columns: of the second) in
 * row-major order, as many of each as the cell says.
 * @example jointTuples([[1, 0], [0, 2]], [1, 2], [1, 2]) // => [[1, 1], [2, 2], [2, 2]]
 */
export function jointTuples(
  joint: readonly (readonly number[])[],
  codesA: readonly number[],
  codesB: readonly number[],
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  joint.forEach((row, i) =>
    row.forEach((k, j) => {
      for (let t = 0; t < k; t++) out.push([codesA[i]!, codesB[j]!]);
    }),
  );
  return out;
}
