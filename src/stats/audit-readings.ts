/**
 * How a printed percentage relates to a count k of n in the data, judged by one standard for
 * every number: reproduced on the base the report states (or describes), reproduced only on a
 * reinterpreted base, attainable only under a named assumption, or impossible under every
 * reading. "Impossible" needs a proof that no base the report allows gives the value.
 */
import type { PublishedEntry } from "../data/published.js";
import { auditPercentage, JUST_UNDER_QUALIFIERS } from "./audit.js";
import type { SharedBaseAudit } from "./audit-bases.js";
import { attainableCounts, nearestAttainable, roundedPercent } from "./grim.js";
import { notePart as part, type NoteParam, type NotePart } from "../util/note.js";

/** The four verdicts on a published percentage. */
export type NumberStatus =
  | "reproduced"
  | "reproduced on a reinterpreted base"
  | "attainable only under an assumption"
  | "impossible under every reading";

/** A verdict with its reason (as note parts, see `verify/note-text.ts`) and the readings (assumptions) it rests on. */
export interface NumberReading {
  status: NumberStatus;
  note: NotePart[];
  readings: string[];
}

/** The largest base the audit looks at for the smallest base that gives a value. */
const SEARCH_LIMIT = 10_000;

const fmt = (x: number) => String(x);

/** The bases in lo…hi at which the value is attainable. */
export function attainableBases(e: PublishedEntry, lo: number, hi: number): number[] {
  const justUnder = JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "");
  const out: number[] = [];
  for (let n = lo; n <= hi; n++) if (attainableCounts(e.value!, e.decimals!, n, { justUnder }).length) out.push(n);
  return out;
}

function list(ns: number[], max = 6): NoteParam {
  return ns.length > max
    ? part("note_basesMore", { first: ns.slice(0, max).join(", "), count: ns.length })
    : ns.join(", ");
}

function nearestAt(e: PublishedEntry, n: number): NoteParam {
  const near = nearestAttainable(e.value!, e.decimals!, n);
  const [a, b] = [near.below, near.above].filter((x) => x).map((x) => `${x!.value} (${x!.counts.join("|")}/${n})`);
  return b === undefined ? (a ?? "") : part("note_either", { a: a!, b });
}

/** Prose from data/published/numbers.json: shown as it is written in English, referred to elsewhere. */
const written = (id: string, field: string, text: string): NotePart => part("note_written", { text, id, field });

/**
 * Judges a percentage entry against the count k of n the data give for it. Returns null when
 * the data miss the value and no reading explains why (a mismatch).
 * @param bases - the shared-base audit (auditSharedBases)
 * @param sampleN - the number of respondents (the largest base any share can have)
 * @example readNumber(abb8Newsletter, 59, 139, bases, 158)?.status // => "attainable only under an assumption"
 */
export function readNumber(
  e: PublishedEntry,
  k: number,
  n: number,
  bases: readonly SharedBaseAudit[],
  sampleN: number,
): NumberReading | null {
  const justUnder = JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "");
  const value = e.value!;
  const d = e.decimals!;
  const exact = n > 0 && roundedPercent(k, n, d) === value && (!justUnder || 100 * k < value * n);
  const shared = bases.find((b) => b.baseId === e.baseId && b.status === "impossible");
  if (exact) {
    if (e.textN !== undefined && n !== e.textN) {
      const at = attainableCounts(value, d, e.textN, { justUnder }).filter(
        (x) => e.statedCount === undefined || x === e.statedCount,
      );
      const stated =
        e.statedCount !== undefined
          ? part("note_statedShare", {
              k: e.statedCount,
              n: e.textN,
              percent: ((100 * e.statedCount) / e.textN).toFixed(1),
            })
          : "";
      const there = at.length
        ? `${at.join("|")}/${e.textN}`
        : part("note_noCountGives", { n: e.textN, value: fmt(value), stated });
      return {
        status: "reproduced on a reinterpreted base",
        note: [
          part("note_wordsNameBase", {
            textN: e.textN,
            reason: written(e.id, "textNReason", e.textNReason ?? ""),
            there,
            n,
            base: written(e.id, "base", e.base),
          }),
        ],
        readings: [`base:${e.id}`],
      };
    }
    const note = shared
      ? [part("note_gridAssumedBase", { ids: shared.ids.join(", "), n })]
      : e.statedN === undefined
        ? [part("note_nNotPrinted", { n, range: e.nRange!.join("…") })]
        : [];
    return { status: "reproduced", note, readings: shared ? ["grid-common-base"] : [] };
  }
  const audit = auditPercentage(e);
  if (audit.status === "impossible") {
    if (e.statedN !== undefined) {
      const other = attainableBases(e, 1, sampleN);
      if (other.length) {
        return {
          status: "attainable only under an assumption",
          note: [part("note_otherN", { statedN: e.statedN, nearest: nearestAt(e, e.statedN), bases: list(other) })],
          readings: [`other-n:${e.id}`],
        };
      }
    }
    const [, hi] = audit.nRange;
    const first = attainableBases(e, hi + 1, SEARCH_LIMIT)[0];
    const needs = first
      ? part("note_smallestBase", { n: first, counts: attainableCounts(value, d, first, { justUnder }).join("|") })
      : part("note_noBaseUpTo", { limit: SEARCH_LIMIT });
    const why = e.nRangeReason
      ? written(e.id, "nRangeReason", e.nRangeReason)
      : part("note_statedN", { n: e.statedN ?? "" });
    return {
      status: "impossible under every reading",
      note: [
        part("note_impossible", {
          range: audit.nRange.join("…"),
          value: fmt(value),
          why,
          needs,
          n,
          nearest: nearestAt(e, n),
        }),
      ],
      readings: [],
    };
  }
  if (shared) {
    const own = audit.consistent.map((c) => c.n);
    return {
      status: "attainable only under an assumption",
      note: [
        part("note_perCellBases", {
          bases: list(own),
          ids: shared.ids.join(", "),
          sampleN,
          n,
          nearest: nearestAt(e, n),
        }),
      ],
      readings: ["grid-per-cell-bases"],
    };
  }
  return null;
}
