/**
 * Statistical disclosure control for figures made from real (not reconstructed) survey data:
 * counts resting on fewer than k respondents are not published, and the shipped reconstruction
 * is recognised by its content so that it is never suppressed needlessly.
 */
import * as aq from "arquero";
import { surveyCsv } from "./reconstruct.js";
import type { ColumnTable } from "arquero";

/** Default minimum number of respondents behind a published count. */
export const MIN_CELL = 5;

/**
 * The minimum cell size in effect for a `--min-cell K`: 1 means none. Nothing is below one
 * respondent but a zero, and a zero is not a small cell (it names no one), so K = 1 switches
 * disclosure control off rather than hiding zeros and, to protect them, real counts.
 * @example [effectiveMinCell(1), effectiveMinCell(5)] // => [0, 5]
 */
export function effectiveMinCell(k: number): number {
  return k <= 1 ? 0 : k;
}

/** Why a cell was suppressed. */
export type SuppressionReason = "count < k" | "base < k" | "secondary";

/** One suppressed cell; fields the table does not have are null. */
export interface SuppressedCell {
  figure: string | null;
  group: string | null;
  item: string | null;
  code: number | null;
  reason: SuppressionReason;
}

/** Options of {@link suppressSmallCells}. */
export interface SuppressOptions {
  /** Minimum count and base (default {@link MIN_CELL}). */
  k?: number;
  /** Figure id for the list when the table has no `figure` column. */
  figure?: string;
  /**
   * Protect primary suppressions against recovery by subtraction (default true): where the rows
   * of one figure, group and item add up to their base (a full distribution), the suppressed
   * cells must together hold at least k respondents (or be all cells), so further cells are
   * suppressed, smallest first.
   */
  secondary?: boolean;
}

/** The suppressed table and the list of what was suppressed. */
export interface SuppressionResult {
  table: ColumnTable;
  suppressed: SuppressedCell[];
}

type Cell = Record<string, unknown> & { count: number; base: number };

const BLANKED = ["count", "percent", "ciLow", "ciHigh"] as const;

function checkNumbers(t: ColumnTable, k: number): Cell[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`suppressSmallCells: k must be a whole number ≥ 1, got ${k}`);
  const missing = ["count", "base"].filter((c) => !t.columnNames().includes(c));
  if (missing.length)
    throw new TypeError(
      `suppressSmallCells: the numbers table needs columns count and base; missing: ${missing.join(", ")} (has ${t.columnNames().join(", ")})`,
    );
  const rows = t.objects() as Cell[];
  rows.forEach((r, i) => {
    for (const c of ["count", "base"] as const) {
      if (!Number.isInteger(r[c]) || r[c] < 0)
        throw new RangeError(
          `suppressSmallCells: row ${i}, column ${c}: expected a whole count ≥ 0, got ${JSON.stringify(r[c])}`,
        );
    }
  });
  return rows;
}

/** Indices of rows that form full distributions: same figure, group and item, counts adding up to the base. */
function distributions(rows: Cell[]): number[][] {
  const sets = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = JSON.stringify([r.figure ?? null, r.group ?? null, r.item ?? null]);
    sets.set(key, [...(sets.get(key) ?? []), i]);
  });
  return [...sets.values()].filter(
    (idx) =>
      idx.length > 1 &&
      idx.every((i) => rows[i]!.base === rows[idx[0]!]!.base) &&
      idx.reduce((s, i) => s + rows[i]!.count, 0) === rows[idx[0]!]!.base,
  );
}

/**
 * Suppresses the cells of a figure's numbers table whose count or base is below k: their count,
 * percent, ciLow and ciHigh (those present) become null, a `suppressed` column flags them, and
 * the list names each one with its reason. Bases stay visible. With `secondary` (default), cells
 * of a full distribution are suppressed further until the suppressed cells hold at least k
 * respondents together, so that no small count can be recovered as base minus the others.
 * O(rows · log rows).
 * @param numbers - columns count and base (whole numbers), optionally figure, group, item, code,
 *   percent, ciLow, ciHigh and any others, which are kept unchanged.
 * @param options - k (default 5; 1 suppresses nothing, see {@link effectiveMinCell}), figure id for the list, secondary suppression switch.
 * @throws TypeError when count or base is missing; RangeError for k < 1 or a count that is not a
 *   whole number ≥ 0 (naming the row).
 * @example suppressSmallCells(aq.table({ count: [3, 17], base: [20, 20] })).table.array("count") // => [null, null] (3 primary, 17 secondary)
 */
export function suppressSmallCells(numbers: ColumnTable, options: SuppressOptions = {}): SuppressionResult {
  const k = options.k ?? MIN_CELL;
  const rows = checkNumbers(numbers, k);
  const reason: Array<SuppressionReason | null> = rows.map((r) =>
    effectiveMinCell(k) === 0 ? null : r.base < k ? "base < k" : r.count < k ? "count < k" : null,
  );
  if (options.secondary ?? true) {
    for (const idx of distributions(rows)) {
      const hidden = () => idx.filter((i) => reason[i] !== null);
      const held = () => hidden().reduce((s, i) => s + rows[i]!.count, 0);
      while (hidden().length > 0 && hidden().length < idx.length && held() < k) {
        const next = idx.filter((i) => reason[i] === null).sort((a, b) => rows[a]!.count - rows[b]!.count || a - b)[0]!;
        reason[next] = "secondary";
      }
    }
  }
  const names = numbers.columnNames();
  const blank = BLANKED.filter((c) => names.includes(c));
  const out: Record<string, unknown[]> = Object.fromEntries(names.map((c) => [c, numbers.array(c) as unknown[]]));
  for (const c of blank) out[c] = out[c]!.map((v, i) => (reason[i] ? null : v));
  out.suppressed = reason.map((r) => r !== null);
  const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
  const suppressed = rows.flatMap((r, i): SuppressedCell[] =>
    reason[i]
      ? [
          {
            figure: text(r.figure) ?? options.figure ?? null,
            group: text(r.group),
            item: text(r.item),
            code: typeof r.code === "number" ? r.code : null,
            reason: reason[i]!,
          },
        ]
      : [],
  );
  return { table: aq.table(out, [...names, ...(names.includes("suppressed") ? [] : ["suppressed"])]), suppressed };
}

/** Whether two byte sequences are equal. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether survey bytes are the shipped reconstruction: they equal the bytes of the
 * reconstruction rebuilt now from data/assumptions.json and the codebook (no hash is stored in
 * code, and real data copied over data/survey.csv are not mistaken for the reconstruction).
 * Only exact bytes match: a re-saved or edited file is treated as real data, the safe side for
 * disclosure control.
 * O(size of the file + one reconstruction, about 30 ms).
 * @param fileBytes - the survey file's content (a string is taken as UTF-8).
 * @param reference - the reconstruction's text to compare with (default: rebuilt now).
 * @example isReconstruction(readFileSync("data/survey.csv")) // => true
 */
export function isReconstruction(fileBytes: Uint8Array | string, reference: string = reconstructionText()): boolean {
  const utf8 = new TextEncoder();
  return sameBytes(typeof fileBytes === "string" ? utf8.encode(fileBytes) : fileBytes, utf8.encode(reference));
}

let rebuilt: string | undefined;
function reconstructionText(): string {
  rebuilt ??= surveyCsv();
  return rebuilt;
}
