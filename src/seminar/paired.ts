/**
 * The paired comparison of seminar S1: the same respondents' willingness to pass on knowledge
 * inside and outside the cluster (Abbildung 5), as a 2×2 table and McNemar's test.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadCodebook, type Codebook, type Lang } from "../data/codebook.js";
import { minCellOf } from "../data/disclosure-policy.js";
import { mcnemar } from "../stats/mcnemar.js";

/** Counts of the paired table [[a, b], [c, d]]: rows inside yes/no, columns outside yes/no. */
export type PairedCounts = [[number, number], [number, number]];

/** The full counts (top-2 "fully/rather applies" = willing), also where cells are suppressed. */
export function pairedCounts(t: ColumnTable): PairedCounts {
  const both = t.filter("d => d.shareInside > 0 && d.shareOutside > 0");
  const yes = (v: string) => `(d.${v} === 1 || d.${v} === 2)`;
  const r = both
    .rollup({
      a: `d => op.sum(${yes("shareInside")} && ${yes("shareOutside")})`,
      b: `d => op.sum(${yes("shareInside")} && !${yes("shareOutside")})`,
      c: `d => op.sum(!${yes("shareInside")} && ${yes("shareOutside")})`,
      d: `d => op.sum(!${yes("shareInside")} && !${yes("shareOutside")})`,
    })
    .object() as { a: number; b: number; c: number; d: number };
  return [
    [r.a, r.b],
    [r.c, r.d],
  ];
}

/**
 * The paired table of willingness inside (rows) × outside (columns), top-2 yes/no. On data
 * under disclosure control, cells with fewer than the minimum respondents are null (not shown).
 * @example insideOutsideTable(survey()) // => [[66, 44], [13, 13]]
 */
export function insideOutsideTable(t: ColumnTable): [[number | null, number | null], [number | null, number | null]] {
  const k = minCellOf(t);
  const [[a, b], [c, d]] = pairedCounts(t);
  const hide = (x: number): number | null => (k > 0 && x < k ? null : x);
  return [
    [hide(a), hide(b)],
    [hide(c), hide(d)],
  ];
}

/**
 * McNemar's test of willingness inside against outside (top-2) on the same respondents, from
 * the full counts (a p-value reveals no cell, so it is computed also where cells are suppressed).
 * @example insideOutsideTest(survey()).p < 0.05 // => true
 */
export function insideOutsideTest(t: ColumnTable): ReturnType<typeof mcnemar> {
  return mcnemar(pairedCounts(t));
}

/**
 * The paired table for reading: rows "inside: willing / not willing", columns "outside:
 * willing / not willing" and a total, with the codebook's words in `lang` (suppressed cells empty).
 * @example pairedTable(survey(), "de").columnNames()[1] // => "Außerhalb des Clusters/Netzwerks: bereit (trifft voll/eher zu)"
 */
export function pairedTable(t: ColumnTable, lang: Lang = "de", cb: Codebook = loadCodebook()): ColumnTable {
  const u = cb.ui;
  const short = (name: string) => cb.variables.find((v) => v.name === name)!.short![lang];
  const [inside, outside] = [short("shareInside"), short("shareOutside")];
  const [[a, b], [c, d]] = insideOutsideTable(t);
  const sum = (x: number | null, y: number | null) => (x === null || y === null ? null : x + y);
  const col = (w: string) => `${outside}: ${u[w]![lang]}`;
  const row = (w: string, x: number | null, y: number | null) => ({
    [inside]: u[w]![lang],
    [col("willing")]: x,
    [col("notWilling")]: y,
    [u.total![lang]]: sum(x, y),
  });
  return aq.from([
    row("willing", a, b),
    row("notWilling", c, d),
    {
      [inside]: u.total![lang],
      [col("willing")]: sum(a, c),
      [col("notWilling")]: sum(b, d),
      [u.total![lang]]: [a, b, c, d].every((x) => x !== null) ? a! + b! + c! + d! : null,
    },
  ]);
}
