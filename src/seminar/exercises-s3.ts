/**
 * The exercises of seminar notebook S3 ("Zahlen prüfen"): response rate and non-response
 * bounds, a GRIM-style check of a printed percentage, a Wilson interval for a group of five,
 * and the conclusions that hold in every dataset consistent with the report. Every right
 * answer is computed from the data (and the study's design facts) in front of the student.
 */
import type { ColumnTable } from "arquero";
import type { Exercise } from "./exercise.js";
import { loadStudy } from "../data/study-facts.js";
import { attainableCounts } from "../stats/grim.js";
import { wilson } from "../stats/wilson.js";
import { figureBuilder } from "../figures/index.js";
import { numberRows } from "../figures/common/numbers.js";
import { shareOf } from "./share-of.js";
import { loadIdentified } from "../stats/identified/identified-file.js";

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The bounds of the funded share among all invited organisations when every organisation
 * without an answer to the funding question (not responding at all, or leaving the question
 * out) were funded (high) or none were (low), in percent, with the share among the answers.
 * @example nonResponseBounds(survey()) // => { k: 45, answered: 129, invited: 1323, low: 3.4…, high: 91.5…, observed: 34.9… }
 */
export function nonResponseBounds(
  t: ColumnTable,
  invited: number = loadStudy().invited,
): { k: number; answered: number; invited: number; low: number; high: number; observed: number } {
  const r = t
    .rollup({ k: "d => op.sum(d.funded === 1 ? 1 : 0)", answered: "d => op.sum(d.funded >= 0 ? 1 : 0)" })
    .object() as { k: number; answered: number };
  const { k, answered } = r;
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

/** The base of Abbildung 8 (respondents who answered the channel question). */
const channelBase = (t: ColumnTable): number =>
  Math.max(0, ...numberRows(figureBuilder("abb-08").numbers(t)).map((r) => r.base));

/** The exercises of S3, in order. */
export const s3Exercises: readonly Exercise[] = [
  {
    id: "s3-1",
    question: {
      de: "Rücklaufquote: Wie viel Prozent der eingeladenen Organisationen haben geantwortet? (eine Nachkommastelle)",
      en: "Response rate: what percentage of the invited organisations answered? (one decimal)",
    },
    solve: (t) => round1((100 * t.numRows()) / loadStudy().invited),
    tolerance: 0.05,
    hint: {
      de: "Antwortende: t.numRows(); Eingeladene: loadStudy().invited.",
      en: "Respondents: t.numRows(); invited: loadStudy().invited.",
    },
  },
  {
    id: "s3-2",
    question: {
      de: "Wären alle Eingeladenen ohne Antwort auf die Förderfrage (nicht teilgenommen oder Frage ausgelassen) gefördert: Wie hoch wäre der Anteil geförderter Organisationen unter allen Eingeladenen? (Prozent, eine Nachkommastelle)",
      en: "If every invited organisation without an answer to the funding question (did not take part, or left the question out) were funded, what would the share of funded organisations among all invited be? (percent, one decimal)",
    },
    solve: (t) => round1(nonResponseBounds(t).high),
    tolerance: 0.05,
    hint: {
      de: "(Geförderte + alle ohne Antwort auf die Förderfrage) / Eingeladene; auch wer an der Befragung teilnahm, aber die Frage ausließ, ist unbekannt. nonResponseBounds(t) rechnet beide Grenzen.",
      en: "(funded + everyone without an answer to the funding question) / invited; a respondent who left the question out is unknown too. nonResponseBounds(t) computes both bounds.",
    },
  },
  {
    id: "s3-3",
    question: {
      de: "Und wenn keine einzige Organisation ohne Antwort auf die Förderfrage gefördert wäre? (Prozent, eine Nachkommastelle)",
      en: "And if not a single organisation without an answer to the funding question were funded? (percent, one decimal)",
    },
    solve: (t) => round1(nonResponseBounds(t).low),
    tolerance: 0.05,
    hint: {
      de: "Nur die geförderten Antwortenden zählen, geteilt durch alle Eingeladenen.",
      en: "Only the funded respondents count, divided by all invited.",
    },
  },
  {
    id: "s3-4",
    question: {
      de: "GRIM-Test: Wie viele ganze Zahlen k von n (n = Basis von Abbildung 8) ergeben gerundet 42,7 %?",
      en: "GRIM test: how many whole counts k out of n (n = the base of Figure 8) round to 42.7 %?",
    },
    solve: (t) => {
      const n = channelBase(t);
      return n ? attainableCounts(42.7, 1, n).length : NaN;
    },
    tolerance: 0,
    hint: {
      de: "Probieren Sie k/n·100 für die k nahe 0,427·n; attainableCounts(42.7, 1, n) listet alle passenden k.",
      en: "Try k/n·100 for the k near 0.427·n; attainableCounts(42.7, 1, n) lists every k that fits.",
    },
  },
  {
    id: "s3-5",
    question: {
      de: "„80 % der Großunternehmen“ (Abbildung 3, n = 5): Wo liegt die untere Grenze des 95-%-Wilson-Intervalls? (Prozent, eine Nachkommastelle)",
      en: '"80 % of large enterprises" (Figure 3, n = 5): where is the lower end of the 95 % Wilson interval? (percent, one decimal)',
    },
    solve: (t) => round1(shareInterval(shareOf(figureBuilder("abb-03").numbers(t), "large", [4, 5])).low),
    tolerance: 0.05,
    hint: {
      de: 'wilson(k, n).low gibt die untere Grenze in Prozent; k und n aus shareOf(figureNumbers("abb-03", t), "large", [4, 5]).',
      en: 'wilson(k, n).low gives the lower end in percent; k and n from shareOf(figureNumbers("abb-03", t), "large", [4, 5]).',
    },
  },
  {
    id: "s3-6",
    question: {
      de: "Wie viele der Aussagen des Berichts gelten in jedem Datensatz, der mit den gedruckten Zahlen vereinbar ist („robust“)?",
      en: 'How many of the report\'s statements hold in every dataset consistent with the printed numbers ("robust")?',
    },
    solve: () => Object.values(loadIdentified().claims).filter((c) => c.verdict === "robust").length,
    tolerance: 0,
    hint: {
      de: "identifiedVerdicts() listet jede Aussage mit ihrem Urteil; zählen Sie „robust“.",
      en: 'identifiedVerdicts() lists every statement with its verdict; count "robust".',
    },
  },
];

/**
 * The report's claims with their verdict over every consistent dataset (robust, depends, fails).
 * @example identifiedVerdicts().filter((r) => r.verdict === "robust").length // => 5
 */
export function identifiedVerdicts(): { claim: string; verdict: string; pMin: number; pMax: number }[] {
  return Object.entries(loadIdentified().claims)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([claim, c]) => ({
      claim,
      verdict: c.verdict,
      pMin: Number(c.pMin.toPrecision(3)),
      pMax: Number(c.pMax.toPrecision(3)),
    }));
}
