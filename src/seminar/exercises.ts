/**
 * The exercises of the seminar notebooks and their checks: those of S1 ("Partnerwahl und
 * Nähe") here, S2 and S3 in their own files. Every right answer is computed from the data in
 * front of the student, so the checks stay right on other data too.
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, type Lang } from "../data/codebook.js";
import { shares } from "../analysis/shares.js";
import { mcnemar } from "../stats/mcnemar.js";
import { flipsToChange, flipsToLoseMajority } from "./sensitivity.js";
import { regroupedCodebook } from "./regroup.js";
import { figureBuilder } from "../figures/index.js";
import { numberRows } from "../figures/common/numbers.js";
import { minCellOf } from "../data/disclosure-policy.js";
import { s2Exercises } from "./exercises-s2.js";
import { s3Exercises } from "./exercises-s3.js";
import type { CheckResult, Exercise } from "./exercise.js";

export type { CheckResult, Exercise };

/** Large enterprises' bottom-2 techProximity count and base, the count NaN where the figure suppresses it. */
const top2Large = (t: ColumnTable): { k: number; n: number } => {
  const r = shares(t, loadCodebook(), ["techProximity"], [4, 5], { filter: { funded: [1] }, groupBy: "size3" })
    .objects()
    .find((o) => (o as { group: string }).group === "large") as { count: number; base: number };
  const k = minCellOf(t);
  return { k: k > 0 && r.base > 0 && (r.count < k || r.base < k) ? NaN : r.count, n: r.base };
};

/**
 * The paired table of willingness inside (rows) × outside (columns), top-2 yes/no. On data
 * under disclosure control, cells with fewer than the minimum respondents are null (not shown).
 * @example insideOutsideTable(survey()) // => [[a, b], [c, d]]
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

function pairedCounts(t: ColumnTable): [[number, number], [number, number]] {
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

/** The exercises of S1, in order. */
export const s1Exercises: readonly Exercise[] = [
  {
    id: "s1-1",
    question: {
      de: "Fassen Sie Mikro-, Klein- und mittlere Unternehmen zu „KMU“ zusammen und zeichnen Sie Abbildung 3 neu. Wie viel Prozent der geförderten KMU mit Größenangabe sehen eine geringe technologische Nähe („trifft weniger/gar nicht zu“)? (eine Nachkommastelle)",
      en: 'Join micro, small and medium-sized enterprises into "SMEs" and redraw Figure 3. What percentage of the funded SMEs that gave their size report little technological proximity ("rather not / not at all")? (one decimal)',
    },
    solve: (t) => {
      const cb = regroupedCodebook("abb-03", [
        { key: "sme", codes: [1, 2, 3], label: "KMU" },
        { key: "large", codes: [4], label: "GU" },
      ]);
      const rows = numberRows(figureBuilder("abb-03").numbers(t, { codebook: cb })).filter(
        (r) => r.group === "sme" && (r.code === 4 || r.code === 5),
      );
      if (rows.some((r) => r.suppressed || !Number.isFinite(r.percent))) return NaN;
      return Math.round(rows.reduce((s, r) => s + r.percent, 0) * 10) / 10;
    },
    tolerance: 0.05,
    hint: {
      de: 'regroupedFigure("abb-03", t, [...]) zeichnet die Abbildung; figureNumbers liefert die Zahlen dahinter.',
      en: 'regroupedFigure("abb-03", t, [...]) draws the figure; figureNumbers gives the numbers behind it.',
    },
  },
  {
    id: "s1-2",
    question: {
      de: "„80 % der Großunternehmen“ (Abbildung 3): Wie viele Großunternehmen müssten anders antworten, damit der Bericht einen anderen Prozentwert drucken würde?",
      en: '"80 % of large enterprises" (Figure 3): how many large enterprises would have to answer differently for the report to print another percentage?',
    },
    solve: (t) => {
      const { k, n } = top2Large(t);
      return flipsToChange(k, n, 0).flips;
    },
    tolerance: 0,
    hint: {
      de: "Wie groß ist die Basis der Großunternehmen in Abbildung 3? Was ändert eine einzige Antwort?",
      en: "How large is the base of large enterprises in Figure 3? What does a single answer change?",
    },
  },
  {
    id: "s1-3",
    question: {
      de: "Und wie viele müssten anders antworten, damit es keine Mehrheit der Großunternehmen mehr wäre (höchstens 50 %)?",
      en: "And how many would have to answer differently for it to be no longer a majority of large enterprises (at most 50 %)?",
    },
    solve: (t) => {
      const { k, n } = top2Large(t);
      return flipsToLoseMajority(k, n);
    },
    tolerance: 0,
    hint: { de: "Mehrheit heißt: mehr als die Hälfte der Basis.", en: "A majority means more than half of the base." },
  },
  {
    id: "s1-4",
    question: {
      de: "Wie viele Befragte sind bereit, Wissen innerhalb, aber nicht außerhalb des Clusters weiterzugeben (Abbildung 5, „trifft voll/eher zu“)?",
      en: 'How many respondents are willing to pass on knowledge inside but not outside the cluster (Figure 5, "fully/rather applies")?',
    },
    solve: (t) => insideOutsideTable(t)[0][1] ?? NaN,
    tolerance: 0,
    hint: {
      de: "Jede Person hat beide Fragen beantwortet: zählen Sie die Paare (ja innen, nein außen).",
      en: "Each person answered both questions: count the pairs (yes inside, no outside).",
    },
  },
  {
    id: "s1-5",
    question: {
      de: "Ist der Unterschied zwischen innerhalb und außerhalb bei dieser Fallzahl statistisch gesichert (McNemar-Test, α = 0,05)? (true/false)",
      en: "Is the difference between inside and outside statistically established at this N (McNemar test, α = 0.05)? (true/false)",
    },
    solve: (t) => insideOutsideTest(t).p < 0.05,
    tolerance: 0,
    hint: {
      de: "mcnemar([[a, b], [c, d]]) aus dem Modul rechnet den Test; insideOutsideTest(t) rechnet ihn für diese Tafel (auch wo kleine Zellen unterdrückt sind).",
      en: "mcnemar([[a, b], [c, d]]) from the module computes the test; insideOutsideTest(t) computes it for this table (also where small cells are suppressed).",
    },
  },
];

/** Every seminar's exercises, S1 to S3, in order. */
export const exercises: readonly Exercise[] = [...s1Exercises, ...s2Exercises, ...s3Exercises];

/**
 * The exercises of one seminar ("S1", "S2", "S3").
 * @example seminarExercises("S2").length // => 5
 */
export function seminarExercises(seminar: string): readonly Exercise[] {
  return exercises.filter((e) => e.id.startsWith(`${seminar.toLowerCase()}-`));
}

/**
 * Checks a student's answer to exercise `id` against the answer computed from `table`.
 * @throws RangeError for an unknown exercise id.
 * @example checkAnswer("s1-2", 1, survey(), "de").correct // => true
 */
export function checkAnswer(
  id: string,
  answer: number | boolean | null | undefined,
  table: ColumnTable,
  lang: Lang = "de",
): CheckResult {
  const ex = exercises.find((e) => e.id === id);
  if (!ex) throw new RangeError(`unknown exercise "${id}"; known: ${exercises.map((e) => e.id).join(", ")}`);
  const de = lang === "de";
  const right = ex.solve(table);
  if (typeof right === "number" && Number.isNaN(right)) {
    const k = minCellOf(table);
    const why = de
      ? `auf diesen Daten nicht berechenbar: eine Basis ist leer (n = 0)${k ? ` oder ein Wert wird unterdrückt (< ${k} Befragte)` : ""}`
      : `not computable on these data: a base is empty (n = 0)${k ? ` or a value is suppressed (< ${k} respondents)` : ""}`;
    return { id, correct: false, answered: answer !== null && answer !== undefined, message: `${id}: — ${why}.` };
  }
  if (answer === null || answer === undefined) {
    return {
      id,
      correct: false,
      answered: false,
      message: de ? `${id}: noch keine Antwort. Tipp: ${ex.hint.de}` : `${id}: no answer yet. Hint: ${ex.hint.en}`,
    };
  }
  const correct =
    typeof right === "boolean"
      ? answer === right
      : typeof answer === "number" && Math.abs(answer - right) <= ex.tolerance + 1e-9;
  const message = correct
    ? de
      ? `${id}: ✓ richtig.`
      : `${id}: ✓ correct.`
    : de
      ? `${id}: ✗ noch nicht richtig. Tipp: ${ex.hint.de}`
      : `${id}: ✗ not right yet. Hint: ${ex.hint.en}`;
  return { id, correct, answered: true, message };
}

/** The question of exercise `id` in `lang`. */
export function question(id: string, lang: Lang = "de"): string {
  const ex = exercises.find((e) => e.id === id);
  if (!ex) throw new RangeError(`unknown exercise "${id}"`);
  return ex.question[lang];
}
