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
 * One row per measure: key, label, count, base, percent (0–100), ciLow, ciHigh.
 * @example sampleDescription(survey).objects()[1] // => { key: "answered", count: 158, base: 1323, percent: 11.94…, … }
 */
export function sampleDescription(
  table: ColumnTable,
  lang: Lang = "de",
  cb: Codebook = loadCodebook(),
  study: Study = loadStudy(),
): ColumnTable {
  const u = cb.ui;
  const row = (key: string, label: string, count: number, base: number | null) => {
    const ci = base ? wilson(count, base) : { low: NaN, high: NaN };
    return { key, label, count, base, percent: base ? (100 * count) / base : NaN, ciLow: ci.low, ciHigh: ci.high };
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
    row("invited", u.invited![lang], study.invited, null),
    row("answered", `${u.answered![lang]} (${u.responseRate![lang]})`, answered, study.invited),
    row("funded", u.fundedOrgs![lang], funded.count, funded.base),
    ...size.map((s) =>
      row(
        `size-${sizeLabels.find((v) => v.code === s.code)!.key}`,
        `${sizeLabels.find((v) => v.code === s.code)!.label[lang]} – ${u.sizeShare![lang]}`,
        s.count,
        s.base,
      ),
    ),
  ]);
}
