/**
 * The numbers seminar S3 ("Zahlen prüfen") works with: the bounds of a share under
 * non-response, the Wald and Wilson intervals of a small group's share, and the report's
 * claims with their verdict over every dataset consistent with it.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { grouping, loadCodebook, variable, type Codebook, type Lang } from "../data/codebook.js";
import { decimal } from "../util/number-format.js";
import { figureBuilder } from "../figures/index.js";
import { numberRows } from "../figures/common/numbers.js";
import { loadStudy } from "../data/study-facts.js";
import { loadIdentified } from "../stats/identified/identified-file.js";
import { wilson } from "../stats/wilson.js";
import { loadClaims, type ClaimSpec } from "../data/claims-file.js";
import { shareOf } from "./share-of.js";

/** The 97.5 % quantile of the standard normal distribution (a 95 % two-sided interval). */
const Z95 = 1.959963984540054;

/**
 * The bounds of the funded share among all invited organisations when every organisation
 * without an answer to the funding question (not responding at all, or leaving the question
 * out) were funded (high) or none were (low), in percent, with the share among the answers.
 * @example nonResponseBounds(survey()) // => { k: 45, answered: 129, invited: 1323, low: 3.40…, high: 93.65…, observed: 34.88… }
 */
export function nonResponseBounds(
  t: ColumnTable,
  invited: number = loadStudy().invited,
): { k: number; answered: number; invited: number; low: number; high: number; observed: number } {
  const { k, answered } = t
    .rollup({ k: "d => op.sum(d.funded === 1 ? 1 : 0)", answered: "d => op.sum(d.funded >= 0 ? 1 : 0)" })
    .object() as { k: number; answered: number };
  return {
    k,
    answered,
    invited,
    low: (100 * k) / invited,
    high: (100 * (k + invited - answered)) / invited,
    observed: answered ? (100 * k) / answered : NaN,
  };
}

/**
 * The 95 % Wilson interval (in percent) of a share's k of n; NaN ends when the count is
 * suppressed or the base is empty.
 * @example shareInterval({ k: 4, n: 5 }).low // => 37.55…
 */
export function shareInterval(share: { k: number; n: number }): { low: number; high: number } {
  return Number.isFinite(share.k) && share.n > 0 ? wilson(share.k, share.n) : { low: NaN, high: NaN };
}

/**
 * The 95 % Wald interval (in percent): p ± 1.96·√(p(1−p)/n), not cut at 0 or 100 %, so that one
 * sees where it leaves the possible range; NaN ends for a suppressed count or an empty base.
 * @example waldInterval({ k: 4, n: 5 }) // => { low: 44.94…, high: 115.06… }
 */
export function waldInterval(share: { k: number; n: number }): { low: number; high: number } {
  if (!(Number.isFinite(share.k) && share.n > 0)) return { low: NaN, high: NaN };
  const p = share.k / share.n;
  const half = Z95 * Math.sqrt((p * (1 - p)) / share.n);
  return { low: 100 * (p - half), high: 100 * (p + half) };
}

/** "80 % der Großunternehmen": large firms' codes 4–5 (little technological proximity) in Abbildung 3. */
export const largeFirmsShare = (t: ColumnTable): { k: number; n: number; percent: number } =>
  shareOf(figureBuilder("abb-03").numbers(t), "large", [4, 5]);

/**
 * The Wald and the Wilson interval of the large firms' "80 %" (Abbildung 3) side by side, in
 * percent with one decimal, with what each assumes (columns named for `display`, which puts them into words).
 * @example intervalTable(survey(), "en").objects()[0].interval // => "Wald"
 */
export function intervalTable(t: ColumnTable, lang: Lang = "de"): ColumnTable {
  const share = largeFirmsShare(t);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const row = (interval: string, i: { low: number; high: number }, assumes: string) => ({
    interval,
    k: share.k,
    n: share.n,
    low: r1(i.low),
    high: r1(i.high),
    assumes,
  });
  return aq.from([
    row(
      "Wald",
      waldInterval(share),
      lang === "de"
        ? "Normalverteilung des Anteils (erst bei großem n)"
        : "a normally distributed share (large n only)",
    ),
    row(
      "Wilson",
      shareInterval(share),
      lang === "de"
        ? "Zufallsauswahl; hält sein Niveau auch bei kleinem n"
        : "a random sample; keeps its level at small n",
    ),
  ]);
}

/** The base of Abbildung 8 (respondents who answered the channel question). */
export const channelBase = (t: ColumnTable): number =>
  Math.max(0, ...numberRows(figureBuilder("abb-08").numbers(t)).map((r) => r.base));

/**
 * The report's claims with their verdict over every consistent dataset (codes robust, depends,
 * fails) and the smallest and largest p-value, sorted by claim id.
 * @example identifiedVerdicts().filter((r) => r.verdict === "robust").length // => 5
 */
export function identifiedVerdicts(): {
  claim: string;
  verdict: string;
  pMin: number;
  pMax: number;
  effectMin: number;
  effectMax: number;
}[] {
  return Object.entries(loadIdentified().claims)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([claim, c]) => ({
      claim,
      verdict: c.verdict,
      pMin: Number(c.pMin.toPrecision(3)),
      pMax: Number(c.pMax.toPrecision(3)),
      effectMin: c.effectMin,
      effectMax: c.effectMax,
    }));
}

/**
 * The claims for reading, in the report's order: figure, the report's sentence in `lang`, the
 * groups or answers it compares, the verdict in words (codebook `ui.robust_<code>`), the
 * smallest and largest p-value and the
 * difference in percentage points over every consistent dataset (columns named for `display`).
 * @example verdictTable("de").columnNames() // => ["figure", "claim", "comparison", "robust", "pMin", "pMax", "effectRange"]
 */
export function verdictTable(lang: Lang = "de", cb: Codebook = loadCodebook()): ColumnTable {
  const ranges = loadIdentified().claims;
  const sig = (p: number) => (p < 1e-3 ? Number(p.toPrecision(2)) : Number(p.toFixed(3)));
  const pp = (x: number) => `${x > 0 ? "+" : ""}${decimal(x, 1, lang)}`;
  const span = (a: number, b: number) => (pp(a) === pp(b) ? pp(a) : `${pp(a)} … ${pp(b)}`);
  const rows = loadClaims(undefined, cb)
    .filter((c) => ranges[c.id])
    .map((c) => {
      const r = ranges[c.id]!;
      return {
        figure: c.figure,
        claim: lang === "de" ? c.de : c.en,
        comparison: comparisonText(c.comparison, lang, cb),
        robust: cb.ui[`robust_${r.verdict}`]?.[lang] ?? r.verdict,
        pMin: sig(r.pMin),
        pMax: sig(r.pMax),
        effectRange: span(r.effectMin, r.effectMax),
      };
    });
  return aq.from(rows);
}

/** What a claim compares, in words: "Großunternehmen gegen Mikro- und Kleinunternehmen", or two answers of the same respondents. */
function comparisonText(comparison: ClaimSpec["comparison"], lang: Lang, cb: Codebook): string {
  const against = lang === "de" ? " gegen " : " vs ";
  if (comparison.kind === "groups") {
    const groups = grouping(cb, comparison.groupBy).groups;
    const label = (key: string) => groups.find((g) => g.key === key)?.label[lang] ?? key;
    const others = comparison.others.map((o) => (Array.isArray(o) ? o.map(label).join(" + ") : label(o)));
    return `${label(comparison.target)}${against}${others.join(", ")}`;
  }
  const side = (s: { variable?: string; strongestOf?: string[] }) =>
    s.variable
      ? (variable(cb, s.variable).short ?? variable(cb, s.variable).question)[lang]
      : lang === "de"
        ? "der stärkste andere Kanal"
        : "the strongest other channel";
  return `${side(comparison.left)}${against}${side(comparison.right)} (${lang === "de" ? "dieselben Befragten" : "same respondents"})`;
}
