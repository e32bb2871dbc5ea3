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

/** The four verdicts on a published percentage. */
export type NumberStatus = "reproduced" | "reproduced on a reinterpreted base" | "attainable only under an assumption" | "impossible under every reading";

/** A verdict with its reason and the readings (assumptions) it rests on. */
export interface NumberReading { status: NumberStatus; note: string; readings: string[] }

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

function list(ns: number[], max = 6): string {
  return ns.length > max ? `${ns.slice(0, max).join(", ")}, … (${ns.length} bases)` : ns.join(", ");
}

function nearestAt(e: PublishedEntry, n: number): string {
  const near = nearestAttainable(e.value!, e.decimals!, n);
  return [near.below, near.above].filter((x) => x).map((x) => `${x!.value} (${x!.counts.join("|")}/${n})`).join(" or ");
}

/**
 * Judges a percentage entry against the count k of n the data give for it. Returns null when
 * the data miss the value and no reading explains why (a mismatch).
 * @param bases - the shared-base audit (auditSharedBases)
 * @param sampleN - the number of respondents (the largest base any share can have)
 * @example readNumber(abb8Newsletter, 59, 139, bases, 158)?.status // => "attainable only under an assumption"
 */
export function readNumber(e: PublishedEntry, k: number, n: number, bases: readonly SharedBaseAudit[], sampleN: number): NumberReading | null {
  const justUnder = JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "");
  const value = e.value!;
  const d = e.decimals!;
  const exact = n > 0 && roundedPercent(k, n, d) === value && (!justUnder || 100 * k < value * n);
  const shared = bases.find((b) => b.baseId === e.baseId && b.status === "impossible");
  if (exact) {
    if (e.textN !== undefined && n !== e.textN) {
      const at = attainableCounts(value, d, e.textN, { justUnder }).filter((x) => e.statedCount === undefined || x === e.statedCount);
      const there = at.length ? `${at.join("|")}/${e.textN}` : `no count of ${e.textN} gives ${fmt(value)} %${e.statedCount !== undefined ? ` (${e.statedCount}/${e.textN} = ${((100 * e.statedCount) / e.textN).toFixed(1)} %)` : ""}`;
      return { status: "reproduced on a reinterpreted base", note: `the words name the base N=${e.textN} (${e.textNReason}): ${there}; reproduced on n=${n}, ${e.base}`, readings: [`base:${e.id}`] };
    }
    const note = shared ? `no single base fits ${shared.ids.join(", ")} together; reproduced at the grid's assumed base n=${n}` : e.statedN === undefined ? `N not printed; n=${n} is within ${e.nRange!.join("…")}` : "";
    return { status: "reproduced", note, readings: shared ? ["grid-common-base"] : [] };
  }
  const audit = auditPercentage(e);
  if (audit.status === "impossible") {
    if (e.statedN !== undefined) {
      const other = attainableBases(e, 1, sampleN);
      if (other.length) {
        return { status: "attainable only under an assumption", note: `not attainable at the stated N=${e.statedN} (nearest ${nearestAt(e, e.statedN)}); attainable only if the base is another N: ${list(other)}`, readings: [`other-n:${e.id}`] };
      }
    }
    const [, hi] = audit.nRange;
    const first = attainableBases(e, hi + 1, SEARCH_LIMIT)[0];
    const needs = first ? `the smallest base that gives it is n=${first} (${attainableCounts(value, d, first, { justUnder }).join("|")}/${first})` : `no base up to ${SEARCH_LIMIT} gives it`;
    const why = e.nRangeReason ?? `the stated N=${e.statedN}`;
    return { status: "impossible under every reading", note: `no count of any base ${audit.nRange.join("…")} gives ${fmt(value)} % (${why}); ${needs}; the data use the nearest value at n=${n}: ${nearestAt(e, n)}`, readings: [] };
  }
  if (shared) {
    const own = audit.consistent.map((c) => c.n);
    return {
      status: "attainable only under an assumption",
      note: `attainable at a base of its own (n = ${list(own)}), i.e. if the cells of the grid have different bases; with one base for ${shared.ids.join(", ")} no n ≤ ${sampleN} fits all, and at the grid's assumed base n=${n} the nearest attainable value is ${nearestAt(e, n)}`,
      readings: ["grid-per-cell-bases"],
    };
  }
  return null;
}
