/**
 * Contingency tables of counts: validation and margins shared by the exact and asymptotic tests.
 */

/** A table of counts, rows × columns (e.g. size groups × [chose, did not choose]). */
export type CountTable = readonly (readonly number[])[];

/** Row sums, column sums and the grand total of a table. */
export interface Margins {
  rowSums: number[];
  colSums: number[];
  n: number;
}

/**
 * Relative tolerance under which two table probabilities count as equal when an exact test sums
 * the probabilities "at most as likely as the observed table": R's fisher.test uses 1 + 1e-7 so
 * that float noise does not drop tables exactly as likely as the observed one.
 */
export const EXACT_TIE_TOLERANCE = 1e-7;

/**
 * Checks that `table` is a rectangular array of whole, non-negative counts of at least
 * `minRows` × `minCols`, and returns its margins.
 * O(r·c).
 * @param fn - the calling function's name, for messages.
 * @param table - the counts.
 * @param shape - the required size: exact `rows`/`cols`, or minimums (default 2 × 2).
 * @throws RangeError naming the cell and value for a count that is not a whole number ≥ 0, or the
 *   shape found for a ragged or too small table.
 * @example checkCountTable("fisherExact", [[3, 1], [1, 3]]) // => { rowSums: [4, 4], colSums: [4, 4], n: 8 }
 */
export function checkCountTable(fn: string, table: CountTable, shape: { rows?: number; cols?: number } = {}): Margins {
  if (!Array.isArray(table) || !table.length || !Array.isArray(table[0])) {
    throw new RangeError(
      `${fn}: expected a table of counts as an array of rows, e.g. [[3, 1], [1, 3]], got ${JSON.stringify(table)}`,
    );
  }
  const r = table.length;
  const c = table[0]!.length;
  const fits = (got: number, want: number | undefined) => (want === undefined ? got >= 2 : got === want);
  if (!fits(r, shape.rows) || !fits(c, shape.cols) || table.some((row) => !Array.isArray(row) || row.length !== c)) {
    const want = `${shape.rows ?? "≥2"} × ${shape.cols ?? "≥2"}`;
    throw new RangeError(
      `${fn}: expected a rectangular ${want} table, got rows of lengths [${table.map((row) => (Array.isArray(row) ? row.length : "?")).join(", ")}]`,
    );
  }
  const rowSums = new Array<number>(r).fill(0);
  const colSums = new Array<number>(c).fill(0);
  table.forEach((row: readonly number[], i: number) =>
    row.forEach((x: number, j: number) => {
      if (!Number.isSafeInteger(x) || x < 0)
        throw new RangeError(`${fn}: cell [${i}][${j}] must be a whole count ≥ 0, got ${x}`);
      rowSums[i]! += x;
      colSums[j]! += x;
    }),
  );
  return { rowSums, colSums, n: rowSums.reduce((a, b) => a + b, 0) };
}
