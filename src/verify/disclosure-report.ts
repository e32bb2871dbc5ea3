/**
 * Disclosure control for the verification report and the claims table, as the figures have it
 * (`data/disclosure.ts`): on data other than the reconstruction, a count below the minimum
 * cell size k is not published, nor a share, interval or note from which it follows. Bases stay
 * visible, and so do statuses, tests and verdicts, which reveal no cell.
 */
import type { ClaimEvidence } from "./claim-evidence.js";
import type { Verification } from "./verify.js";
import { notePart } from "../util/note.js";
import { noteText } from "./note-text.js";

/**
 * The verification rows with small counts hidden: k, the recomputed value and the interval of
 * a share whose count (or the rest of its base) is below k become null, with the reason in the
 * note (order claims are judged in `verify.ts`, which leaves out their shares likewise).
 * @param rows - from `verifyPublished`.
 * @param k - minimum cell size; 0 leaves the rows as they are.
 * @example protectVerifications([{ …, k: 3, n: 20 }], 5)[0].k // => null
 */
export function protectVerifications(rows: readonly Verification[], k: number): Verification[] {
  if (k <= 0) return [...rows];
  const why = notePart("suppressed", { k });
  const whyText = noteText([why], "en");
  return rows.map((v) => {
    if (v.k === null || v.n === null || v.n === 0) return v;
    if (v.k >= k && v.n - v.k >= k) return v;
    return {
      ...v,
      k: null,
      recomputed: null,
      ciLow: null,
      ciHigh: null,
      note: v.note ? `${whyText}; ${v.note}` : whyText,
      ...(v.noteParts && { noteParts: [why, ...v.noteParts] }),
    };
  });
}

/**
 * A claim's evidence with small cells hidden: every row of its table holding a cell below k
 * (all rows of a paired table) gets NaN counts and a NaN share; the warning says so.
 * @param row - one row of `claimsEvidence`.
 * @param k - minimum cell size; 0 leaves the row as it is.
 * @example protectClaimEvidence({ …, table: [[3, 17], [9, 11]], shares: [15, 45] }, 5).shares // => [NaN, 45]
 */
export function protectClaimEvidence(row: ClaimEvidence, k: number): ClaimEvidence {
  if (k <= 0) return row;
  const paired = row.effectName === "pairedDifference";
  const small = row.table.map((cells) => cells.some((x) => x < k));
  if (!small.some(Boolean)) return row;
  const hide = (i: number): boolean => paired || small[i]!;
  const note = `counts suppressed (< ${k} respondents)`;
  return {
    ...row,
    table: row.table.map((cells, i) => (hide(i) ? cells.map(() => NaN) : cells)),
    shares: row.shares.map((s, i) => (hide(i) || paired ? NaN : s)),
    warning: row.warning ? `${row.warning}; ${note}` : note,
  };
}
