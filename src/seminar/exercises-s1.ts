/**
 * The exercises of seminar notebook S1 ("Partnerwahl und Nähe"): regrouping the size classes
 * of Abbildung 3, how fragile "80 % der Großunternehmen" is, and the paired comparison of
 * willingness inside and outside the cluster (Abbildung 5). Every right answer is computed from
 * the data in front of the student, so the checks stay right on other data too.
 */
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import { figureBuilder } from "../figures/index.js";
import { decimal, localNumber } from "../util/number-format.js";
import type { Exercise } from "./exercise.js";
import { insideOutsideTable, insideOutsideTest } from "./paired.js";
import { shareOf } from "./share-of.js";
import { flipsToLoseMajority } from "./sensitivity.js";

const pct = (x: number, lang: Lang) => `${decimal(x, 1, lang)} %`;
const pts = (x: number, lang: Lang) => `${x > 0 ? "+" : ""}${decimal(x, 1, lang).replace("-", "−")}`;
const de = (lang: Lang) => lang === "de";

/** Codes 4–5 (little technological proximity) of Abbildung 3 by size group, and "50 and more employees" (medium + large). */
function techDistance(t: ColumnTable) {
  const numbers = figureBuilder("abb-03").numbers(t);
  const [small, medium, large] = ["microSmall", "medium", "large"].map((g) => shareOf(numbers, g, [4, 5])) as [
    { k: number; n: number; percent: number },
    { k: number; n: number; percent: number },
    { k: number; n: number; percent: number },
  ];
  const at = (x: { k: number; n: number }) => (x.n ? (100 * x.k) / x.n : NaN);
  const fifty = { k: medium.k + large.k, n: medium.n + large.n };
  const sme = { k: small.k + medium.k, n: small.n + medium.n };
  return {
    small: { ...small, p: at(small) },
    large: { ...large, p: at(large) },
    fifty: { ...fifty, p: at(fifty) },
    sme: { ...sme, p: at(sme) },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function distanceFacts(t: ColumnTable, lang: Lang): string {
  const d = techDistance(t);
  const part = (x: { k: number; n: number; p: number }) =>
    `${x.k} ${de(lang) ? "von" : "of"} ${x.n} = ${pct(x.p, lang)}`;
  return de(lang)
    ? `Mikro- und Kleinunternehmen: ${part(d.small)}; ab 50 Beschäftigten (mittlere und große): ${part(d.fifty)}; Großunternehmen allein: ${part(d.large)}.`
    : `Micro and small firms: ${part(d.small)}; 50 and more employees (medium and large): ${part(d.fifty)}; large firms alone: ${part(d.large)}.`;
}

/** Large firms' codes 4–5 in Abbildung 3 (NaN count where the figure suppresses it). */
const largeShare = (t: ColumnTable) => shareOf(figureBuilder("abb-03").numbers(t), "large", [4, 5]);

/** The exercises of S1, in order. */
export const s1Exercises: readonly Exercise[] = [
  {
    id: "s1-1",
    kind: "choice",
    judgement: "prediction",
    question: {
      de: "Vorhersage, bevor Sie neu gruppieren: Was erwarten Sie, wenn Sie die mittleren Unternehmen nicht zu den KMU, sondern zu den Großunternehmen zählen („ab 50 Beschäftigte“) und mit den Mikro- und Kleinunternehmen vergleichen?",
      en: 'Prediction, before you regroup: what do you expect when the medium-sized firms are counted not with the SMEs but with the large firms ("50 and more employees") and compared with the micro and small firms?',
    },
    options: [
      {
        de: "Die größeren Unternehmen sehen weiterhin häufiger eine geringe technologische Nähe als die Mikro- und Kleinunternehmen.",
        en: "The larger firms still report little technological proximity more often than the micro and small firms.",
      },
      { de: "Der Unterschied verschwindet oder kehrt sich um.", en: "The difference disappears or reverses." },
    ],
    solve: (t) => {
      const d = techDistance(t);
      return Number.isFinite(d.fifty.p) && Number.isFinite(d.small.p) ? (d.fifty.p > d.small.p ? 0 : 1) : NaN;
    },
    hint: { de: "Vergleichen Sie die Balken in Abbildung 3.", en: "Compare the bars of Figure 3." },
    explain: distanceFacts,
  },
  {
    id: "s1-2",
    kind: "number",
    unit: "points",
    decimals: 1,
    question: {
      de: "Ändern Sie die Gruppen in der Zelle oben zu Mikro- und Kleinunternehmen (Größenklassen 1, 2) und „ab 50 Beschäftigte“ (3, 4). Um wie viele Prozentpunkte liegt der Anteil mit geringer technologischer Nähe („trifft weniger/gar nicht zu“) bei „ab 50 Beschäftigte“ über (+) oder unter (−) dem der Mikro- und Kleinunternehmen? (eine Nachkommastelle)",
      en: 'Change the groups in the cell above to micro and small firms (size classes 1, 2) and "50 and more employees" (3, 4). By how many percentage points is the share reporting little technological proximity ("rather not / not at all") of "50 and more employees" above (+) or below (−) that of the micro and small firms? (one decimal)',
    },
    solve: (t) => {
      const d = techDistance(t);
      return round1(d.fifty.p - d.small.p);
    },
    mistakes: (t) => {
      const d = techDistance(t);
      const single = {
        de: "Das ist ein einzelner Anteil; gefragt ist die Differenz zweier Anteile in Prozentpunkten („ab 50“ minus Mikro/Klein).",
        en: 'That is a single share; the question asks for the difference of two shares in percentage points ("50 and more" minus micro/small).',
      };
      const regroup = {
        de: "Das ist der Abstand bei der alten Gruppierung. Ändern Sie in der Zelle oben die Größenklassen: codes: [1, 2] für Mikro/Klein und codes: [3, 4] für „ab 50“.",
        en: 'That is the gap under the old grouping. Change the size classes in the cell above: codes: [1, 2] for micro/small and codes: [3, 4] for "50 and more".',
      };
      return [
        { value: round1(d.large.p - d.small.p), hint: regroup },
        { value: round1(d.large.p - d.sme.p), hint: regroup },
        { value: round1(d.sme.p - d.large.p), hint: regroup },
        { value: round1(d.fifty.p), hint: single },
        { value: round1(d.small.p), hint: single },
        { value: round1(d.sme.p), hint: single },
      ];
    },
    signHint: {
      de: "Das Vorzeichen stimmt nicht: Rechnen Sie „ab 50“ minus Mikro/Klein. Positiv hieße: die größeren liegen vorn.",
      en: 'The sign is wrong: compute "50 and more" minus micro/small. Positive would mean: the larger firms lead.',
    },
    hint: {
      de: "Lesen Sie die beiden Anteile „trifft weniger zu“ + „trifft gar nicht zu“ aus der neu gezeichneten Abbildung und ziehen Sie ab.",
      en: 'Read the two shares of "rather not" + "not at all" off the redrawn figure and subtract.',
    },
    explain: (t, lang) => {
      const d = techDistance(t);
      const diff = pts(round1(d.fifty.p - d.small.p), lang);
      return de(lang)
        ? `${decimal(d.fifty.p, 1, lang)} − ${decimal(d.small.p, 1, lang)} = ${diff} Prozentpunkte. ${distanceFacts(t, lang)}`
        : `${decimal(d.fifty.p, 1, lang)} − ${decimal(d.small.p, 1, lang)} = ${diff} percentage points. ${distanceFacts(t, lang)}`;
    },
  },
  {
    id: "s1-3",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Trägt der Satz des Berichts „… dass tendenziell eher Großunternehmen eine technologische Distanz bei der Auswahl ihrer internationalen Partner favorisieren“?",
      en: 'Do the data carry the report\'s sentence "… that large firms tend to favour technological distance when choosing their international partners"?',
    },
    options: [
      {
        de: "Ja: Bei jeder Gruppierung liegen die größeren Unternehmen vorn.",
        en: "Yes: under every grouping the larger firms lead.",
      },
      {
        de: "Er beschreibt fünf Antworten in einer Gruppierung. Zählt man die mittleren Unternehmen dazu, hängt das Ergebnis an deren Antworten, die der Bericht nicht in Zahlen druckt – in der Rekonstruktion verschwindet der Unterschied. Ein Hinweis, kein belastbarer Befund.",
        en: "It describes five answers under one grouping. Counting the medium-sized firms in, the result depends on their answers, which the report does not print as numbers – in the reconstruction the difference disappears. A hint, not a robust finding.",
      },
      {
        de: "Nein: Die Daten zeigen, dass Mikro- und Kleinunternehmen häufiger technologische Distanz suchen als Großunternehmen.",
        en: "No: the data show that micro and small firms seek technological distance more often than large firms.",
      },
    ],
    feedback: [
      {
        de: "Vergleichen Sie beide Gruppierungen (s1-2): Liegen die größeren Unternehmen in beiden vorn?",
        en: "Compare both groupings (s1-2): do the larger firms lead in both?",
      },
      {
        de: "Vergleichen Sie die Zahlen beider Gruppierungen noch einmal.",
        en: "Compare the numbers of both groupings again.",
      },
      {
        de: "Mit den Großunternehmen allein zeigen die Daten die Richtung des Berichts, nicht das Gegenteil; es fragt sich nur, wie viel fünf Antworten tragen.",
        en: "With the large firms alone the data show the report's direction, not the opposite; the question is how much five answers carry.",
      },
    ],
    solve: (t) => {
      const d = techDistance(t);
      if (![d.large.p, d.small.p, d.fifty.p].every(Number.isFinite)) return NaN;
      return d.large.p > d.small.p ? (d.fifty.p > d.small.p ? 0 : 1) : 2;
    },
    hint: { de: "Vergleichen Sie beide Gruppierungen.", en: "Compare both groupings." },
    explain: (t, lang) =>
      `${distanceFacts(t, lang)} ${
        de(lang)
          ? "Ob „die Großen“ vorn liegen, hängt an der Grenze zwischen den Gruppen – und an fünf Antworten."
          : 'Whether "the large ones" lead depends on where the groups are cut – and on five answers.'
      }`,
  },
  {
    id: "s1-4",
    kind: "number",
    unit: "count",
    decimals: 0,
    question: {
      de: "„80 % der Großunternehmen“ (Abbildung 3): Wie viele Großunternehmen müssten anders antworten, damit nicht mehr die Mehrheit der Großunternehmen diese Einschätzung teilt (höchstens 50 %)?",
      en: '"80 % of large enterprises" (Figure 3): how many large enterprises would have to answer differently for this view to be no longer held by a majority of them (at most 50 %)?',
    },
    solve: (t) => {
      const { k, n } = largeShare(t);
      return flipsToLoseMajority(k, n);
    },
    mistakes: (t) => {
      const { k, n } = largeShare(t);
      const m = flipsToLoseMajority(k, n);
      if (!Number.isFinite(m) || !n) return [];
      const share = (x: number) => `${x} von ${n} = ${decimal((100 * x) / n, 0, "de")} %`;
      const shareEn = (x: number) => `${x} of ${n} = ${decimal((100 * x) / n, 0, "en")} %`;
      return [
        {
          value: m - 1,
          hint: {
            de: `Mit ${m - 1} anderen Antwort(en) wären es ${share(k - m + 1)} – noch immer mehr als die Hälfte.`,
            en: `With ${m - 1} other answer(s) it would be ${shareEn(k - m + 1)} – still more than half.`,
          },
        },
        {
          value: m + 1,
          hint: {
            de: `Schon weniger reichen: Mit ${m} anderen Antworten sind es ${share(k - m)}.`,
            en: `Fewer are enough: with ${m} other answers it is ${shareEn(k - m)}.`,
          },
        },
        {
          value: 100 / n,
          hint: {
            de: "Das ist, um wie viele Prozentpunkte eine einzige Antwort den Anteil verschiebt; gefragt ist die Zahl der Unternehmen.",
            en: "That is how many percentage points one answer moves the share; the question asks for the number of firms.",
          },
        },
      ];
    },
    hint: {
      de: "Mehrheit heißt: mehr als die Hälfte der Basis. Die Basis steht in Abbildung 3 hinter der Gruppe („n=…“).",
      en: 'A majority means more than half of the base. The base is in Figure 3 after the group ("n=…").',
    },
    explain: (t, lang) => {
      const { k, n } = largeShare(t);
      const m = flipsToLoseMajority(k, n);
      return de(lang)
        ? `${k} von ${n}. Antworten ${m} Großunternehmen anders, sind es ${k - m} von ${n} = ${decimal((100 * (k - m)) / n, 0, lang)} %: keine Mehrheit mehr. Jede einzelne Antwort verschiebt den Anteil um ${decimal(100 / n, 0, lang)} Prozentpunkte.`
        : `${k} of ${n}. If ${m} large firms answer differently, it is ${k - m} of ${n} = ${decimal((100 * (k - m)) / n, 0, lang)} %: no majority any more. Each single answer moves the share by ${decimal(100 / n, 0, lang)} percentage points.`;
    },
  },
  {
    id: "s1-5",
    kind: "choice",
    judgement: "sentence",
    question: {
      de: "Welchen Satz hätte der Bericht zu Abbildung 3 drucken sollen?",
      en: "Which sentence should the report have printed about Figure 3?",
    },
    options: [
      {
        de: "„80 % der Großunternehmen sehen eine geringe technologische Nähe zu ihren internationalen Partnern.“",
        en: '"80 % of large enterprises see little technological proximity to their international partners."',
      },
      {
        de: "„4 von 5 Großunternehmen (95-%-Konfidenzintervall nach Wilson: 38 % bis 96 %) sehen eine geringe technologische Nähe; bei fünf Antworten ist das ein Hinweis, kein Befund.“",
        en: '"4 of 5 large enterprises (95 % Wilson confidence interval: 38 % to 96 %) see little technological proximity; with five answers this is a hint, not a finding."',
      },
      {
        de: "„Großunternehmen sehen statistisch signifikant häufiger eine geringe technologische Nähe als Mikro- und Kleinunternehmen.“",
        en: '"Large enterprises see little technological proximity significantly more often than micro and small firms."',
      },
    ],
    feedback: [
      {
        de: "„80 %“ stimmt, verschweigt aber die Basis: Bei fünf Antworten verschiebt jede einzelne den Anteil um 20 Prozentpunkte.",
        en: '"80 %" is right but hides the base: with five answers each single one moves the share by 20 percentage points.',
      },
      {
        de: "Anzahl und Basis statt nur Prozent, dazu das Konfidenzintervall: Wer den Satz liest, sieht, wie wenig fünf Antworten tragen.",
        en: "Count and base instead of a bare percentage, with the confidence interval: a reader sees how little five answers carry.",
      },
      {
        de: "„Signifikant“ stimmt nicht: 4 von 5 gegen 13 von 20 ist nicht signifikant (exakter Test nach Fisher, p = 1). In S3 heißt diese Aussage „nicht belegbar“.",
        en: '"Significant" is wrong: 4 of 5 against 13 of 20 is not significant (Fisher\'s exact test, p = 1). In S3 this claim is "cannot be established".',
      },
    ],
    solve: () => 1,
    hint: { de: "Was muss ein Leser über die Basis wissen?", en: "What must a reader know about the base?" },
    explain: (_t, lang) =>
      de(lang)
        ? "Anzahl und Basis statt nur Prozent, dazu das Konfidenzintervall: Wer den Satz liest, sieht, wie wenig fünf Antworten tragen."
        : "Count and base instead of a bare percentage, with the confidence interval: a reader sees how little five answers carry.",
  },
  {
    id: "s1-6",
    kind: "choice",
    judgement: "prediction",
    question: {
      de: "Vorhersage, bevor Sie die Vierfeldertafel ansehen: Welche Befragten entscheiden im gepaarten Vergleich, ob die Bereitschaft innerhalb des Clusters größer ist als außerhalb?",
      en: "Prediction, before you look at the 2×2 table: which respondents decide, in the paired comparison, whether willingness inside the cluster is greater than outside?",
    },
    options: [
      { de: "Die, die innen und außen bereit sind.", en: "Those willing both inside and outside." },
      {
        de: "Die, die unterschiedlich antworten (nur innen bereit oder nur außen bereit).",
        en: "Those who answer differently (willing inside only, or outside only).",
      },
      { de: "Alle Befragten gleichermaßen.", en: "All respondents alike." },
    ],
    solve: () => 1,
    hint: { de: "Wer verschiebt den Unterschied?", en: "Who moves the difference?" },
    explain: (t, lang) => {
      const [[a, b], [c, d]] = insideOutsideTable(t);
      const n = (x: number | null) => (x === null ? "–" : String(x));
      return de(lang)
        ? `Wer beide Fragen gleich beantwortet (${n(a)} beide ja, ${n(d)} beide nein), hebt beide Anteile gleich. Den Unterschied machen nur die ${n(b)}, die innen bereit sind und außen nicht, gegen die ${n(c)}, bei denen es umgekehrt ist.`
        : `Whoever answers both questions alike (${n(a)} both yes, ${n(d)} both no) raises both shares alike. The difference is made only by the ${n(b)} willing inside but not outside, against the ${n(c)} the other way round.`;
    },
  },
  {
    id: "s1-7",
    kind: "number",
    unit: "count",
    decimals: 0,
    question: {
      de: "Wie viele Befragte sind bereit, Wissen innerhalb, aber nicht außerhalb des Clusters weiterzugeben (Abbildung 5, „trifft voll/eher zu“)?",
      en: 'How many respondents are willing to pass on knowledge inside but not outside the cluster (Figure 5, "fully/rather applies")?',
    },
    solve: (t) => insideOutsideTable(t)[0][1] ?? NaN,
    mistakes: (t) => {
      const [[a, b], [c, d]] = insideOutsideTable(t);
      const cell = {
        de: "Das ist eine andere Zelle der Tafel: Gesucht ist die Zeile „innen bereit“ und die Spalte „außen nicht bereit“.",
        en: 'That is another cell of the table: look for the row "inside: willing" and the column "outside: not willing".',
      };
      const row = {
        de: "Das sind alle, die innen bereit sind; gefragt sind nur die, die außen nicht bereit sind.",
        en: "Those are all who are willing inside; the question asks only for those not willing outside.",
      };
      return [
        { value: c ?? NaN, hint: cell },
        { value: a ?? NaN, hint: cell },
        { value: d ?? NaN, hint: cell },
        { value: a !== null && b !== null ? a + b : NaN, hint: row },
      ];
    },
    hint: {
      de: "Jede Person hat beide Fragen beantwortet: Lesen Sie die Zelle „innen bereit“ × „außen nicht bereit“.",
      en: 'Each person answered both questions: read the cell "inside: willing" × "outside: not willing".',
    },
    explain: (t, lang) => {
      const [[, b], [c]] = insideOutsideTable(t);
      return de(lang)
        ? `Zeile „innen bereit“, Spalte „außen nicht bereit“: ${b} Befragte. Umgekehrt (außen bereit, innen nicht) sind es ${c}.`
        : `Row "inside: willing", column "outside: not willing": ${b} respondents. The other way round (outside willing, inside not): ${c}.`;
    },
  },
  {
    id: "s1-8",
    kind: "yes-no",
    question: {
      de: "Ist der Unterschied zwischen innerhalb und außerhalb statistisch signifikant (McNemar-Test, α = 5 %)? Antworten Sie mit ja oder nein und dem p-Wert, z. B. `ja, p = 0,012`.",
      en: "Is the difference between inside and outside statistically significant (McNemar test, α = 5 %)? Answer yes or no with the p-value, e.g. `yes, p = 0.012`.",
    },
    backing: { de: "den p-Wert", en: "the p-value" },
    rule: {
      de: "Statistisch signifikant (α = 5 %) heißt: p < 0,05. Vergleichen Sie Ihren p-Wert damit.",
      en: "Statistically significant (α = 5 %) means: p < 0.05. Compare your p-value with it.",
    },
    solve: (t) => {
      const test = insideOutsideTest(t);
      return { yes: test.p < 0.05, value: test.p };
    },
    hint: {
      de: "Der p-Wert steht in der Ausgabe des McNemar-Tests über der Frage (p = …).",
      en: "The p-value is in the output of the McNemar test above the question (p = …).",
    },
    explain: (t, lang) => {
      const test = insideOutsideTest(t);
      const p = localNumber(Number(test.p.toPrecision(2)), lang);
      const sig = test.p < 0.05;
      return de(lang)
        ? `p = ${p} ${sig ? "<" : "≥"} 0,05: ${sig ? "ja, signifikant" : "nein, nicht signifikant"} (McNemar-Test auf ${test.b} gegen ${test.c} Befragte, die unterschiedlich antworten). Signifikant heißt nicht „groß“ oder „bewiesen“: Der Unterschied wäre kaum so groß, wenn beide Richtungen gleich wahrscheinlich wären.`
        : `p = ${p} ${sig ? "<" : "≥"} 0.05: ${sig ? "yes, significant" : "no, not significant"} (McNemar test on ${test.b} against ${test.c} respondents who answer differently). Significant does not mean "large" or "proven": the difference would hardly be this large if both directions were equally likely.`;
    },
  },
];
