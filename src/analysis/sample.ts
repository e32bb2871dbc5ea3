/**
 * The sample description of chapter 2: invited, answered, response rate, size composition and
 * the funded share, computed from the survey rows and the study design facts.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadCodebook, scaleOf, type Codebook, type Lang } from "../data/codebook.js";
import { counts, shares } from "./shares.js";
import { wilson } from "../stats/wilson.js";
import { loadStudy, type Study } from "../data/study-facts.js";

export type { Study };

/**
 * One row per measure: label, count, base, percent (0–100), ciLow, ciHigh. The response rate
 * has no interval: the invitations are a complete count (158 of 1323 is counted, not
 * estimated). The other intervals (Wilson, 95 %) assume the respondents are a random sample.
 * @example sampleDescription(survey).objects()[1] // => { label: "Teilnehmende Organisationen (Rücklaufquote)", count: 158, base: 1323, percent: 11.94…, ciLow: NaN, ciHigh: NaN }
 */
export function sampleDescription(
  table: ColumnTable,
  lang: Lang = "de",
  cb: Codebook = loadCodebook(),
  study: Study = loadStudy(),
): ColumnTable {
  const u = cb.ui;
  const row = (label: string, count: number, base: number | null, census = false) => {
    const ci = base && !census ? wilson(count, base) : { low: NaN, high: NaN };
    return { label, count, base, percent: base ? (100 * count) / base : NaN, ciLow: ci.low, ciHigh: ci.high };
  };
  const answered = table.numRows();
  const funded = shares(table, cb, ["funded"], [1]).object() as { count: number; base: number };
  const size = counts(table.filter("d => d.sizeClass > 0"), cb, "sizeClass").objects() as {
    code: number;
    count: number;
    base: number;
  }[];
  const sizeLabels = scaleOf(cb, "sizeClass").values;
  return aq.from([
    row(u.invited![lang], study.invited, null),
    row(`${u.answered![lang]} (${u.responseRate![lang]})`, answered, study.invited, true),
    row(u.fundedOrgs![lang], funded.count, funded.base),
    ...size.map((s) =>
      row(`${sizeLabels.find((v) => v.code === s.code)!.label[lang]} – ${u.sizeShare![lang]}`, s.count, s.base),
    ),
  ]);
}
