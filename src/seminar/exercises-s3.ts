/**
 * The exercises of seminar notebook S3 ("Zahlen prüfen"): a complete count needs no interval,
 * bounds of a share under non-response against its confidence interval, a GRIM check of a
 * printed percentage, Wald against Wilson for a group of five, and what the three verdicts over
 * every dataset consistent with the report mean. Every right answer is computed from the data
 * (and the study's design facts and the identified set) in front of the student.
 */
import type { Lang } from "../data/codebook.js";
import { loadCodebook } from "../data/codebook.js";
import { loadIdentified } from "../stats/identified/identified-file.js";
import { attainableCounts } from "../stats/grim.js";
import { decimal } from "../util/number-format.js";
import { channelBase, largeFirmsShare, nonResponseBounds, shareInterval, waldInterval } from "./evidence.js";
import type { Exercise } from "./exercise.js";

const de = (lang: Lang) => lang === "de";
const round1 = (x: number): number => Math.round(x * 10) / 10;
const num = (x: number, lang: Lang) => decimal(x, 1, lang);

/** The claim S3 asks about: large vs micro/small firms on technological distance (Abbildung 3). */
const TECH_CLAIM = "abb3-large-vs-microsmall-tech-distance";

/** The verdicts in words, from the codebook. */
const verdictWord = (code: string, lang: Lang) => loadCodebook().ui[`robust_${code}`]?.[lang] ?? code;

/** The exercises of S3, in order. */
export const s3Exercises: readonly Exercise[] = [
  {
    id: "s3-1",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Die Tabelle gibt für die Rücklaufquote (158 von 1323) kein Konfidenzintervall an, für den Anteil der Geförderten schon. Warum keines für die Rücklaufquote?",
      en: "The table gives no confidence interval for the response rate (158 of 1323), but one for the share of funded organisations. Why none for the response rate?",
    },
    options: [
      {
        de: "Die 1323 Eingeladenen sind alle, um die es geht: 158 von 1323 ist gezählt, nicht aus einer Stichprobe geschätzt. Es gibt nichts zu schätzen.",
        en: "The 1323 invited organisations are all there are: 158 of 1323 is counted, not estimated from a sample. There is nothing to estimate.",
      },
      {
        de: "Weil 11,9 % zu klein für ein Intervall ist.",
        en: "Because 11.9 % is too small for an interval.",
      },
      {
        de: "Weil die Eingeladenen zufällig ausgewählt wurden.",
        en: "Because the invited organisations were chosen at random.",
      },
    ],
    feedback: [
      {
        de: "Eine Vollerhebung der Einladungen: Die Rücklaufquote ist gezählt, nicht geschätzt.",
        en: "A complete count of the invitations: the response rate is counted, not estimated.",
      },
      {
        de: "Auch kleine Anteile haben Intervalle (das Wilson-Intervall gibt es für jeden Anteil); die Frage ist, ob etwas geschätzt wird.",
        en: "Small shares have intervals too (the Wilson interval exists for any share); the question is whether anything is estimated.",
      },
      {
        de: "Eingeladen wurden alle Organisationen der 15 Cluster und Netzwerke, keine Zufallsauswahl; und eben deshalb ist die Quote gezählt.",
        en: "All organisations of the 15 clusters and networks were invited, not a random sample; and for that reason the rate is counted.",
      },
    ],
    solve: () => 0,
    hint: { de: "Was wird hier geschätzt?", en: "What is estimated here?" },
    explain: (_t, lang) =>
      de(lang)
        ? "Eine Vollerhebung der Einladungen: Die Rücklaufquote ist gezählt, nicht geschätzt. Ein Konfidenzintervall beschreibt die Unsicherheit einer Schätzung aus einer Zufallsauswahl."
        : "A complete count of the invitations: the response rate is counted, not estimated. A confidence interval describes the uncertainty of an estimate from a random sample.",
  },
  {
    id: "s3-2",
    kind: "choice",
    judgement: "prediction",
    question: {
      de: "Vorhersage, bevor Sie rechnen: Wie weit liegen die äußersten Grenzen für den Anteil Geförderter unter allen Eingeladenen auseinander, wenn man über die Nicht-Antwortenden nichts annimmt?",
      en: "Prediction, before you compute: how far apart are the widest bounds of the funded share among all invited organisations if nothing is assumed about those who did not answer?",
    },
    options: [
      { de: "Wenige Prozentpunkte: 158 Antworten sind genug.", en: "A few percentage points: 158 answers are enough." },
      {
        de: "Etwa so weit wie das Konfidenzintervall in der Tabelle.",
        en: "About as far as the confidence interval in the table.",
      },
      { de: "Sehr weit: von wenigen Prozent bis über 90 %.", en: "Very far: from a few percent to over 90 %." },
    ],
    solve: (t) => {
      const b = nonResponseBounds(t);
      const width = b.high - b.low;
      return Number.isFinite(width) ? (width > 50 ? 2 : width > 10 ? 1 : 0) : NaN;
    },
    hint: {
      de: "Wie viele Eingeladene haben die Förderfrage nicht beantwortet?",
      en: "How many invited organisations did not answer the funding question?",
    },
    explain: (t, lang) => {
      const b = nonResponseBounds(t);
      return de(lang)
        ? `Die Grenzen liegen bei ${num(b.low, lang)} % und ${num(b.high, lang)} %, ${num(b.high - b.low, lang)} Prozentpunkte auseinander: ${b.invited - b.answered} der ${b.invited} Eingeladenen haben die Förderfrage nicht beantwortet.`
        : `The bounds are ${num(b.low, lang)} % and ${num(b.high, lang)} %, ${num(b.high - b.low, lang)} percentage points apart: ${b.invited - b.answered} of the ${b.invited} invited organisations did not answer the funding question.`;
    },
  },
  {
    id: "s3-3",
    kind: "number",
    unit: "percent",
    decimals: 1,
    question: {
      de: "Wären alle Eingeladenen ohne Antwort auf die Förderfrage (nicht teilgenommen oder die Frage ausgelassen) gefördert: Wie hoch wäre der Anteil geförderter Organisationen unter allen Eingeladenen? (Prozent, eine Nachkommastelle)",
      en: "If every invited organisation without an answer to the funding question (did not take part, or left the question out) were funded, what would the share of funded organisations among all invited be? (percent, one decimal)",
    },
    solve: (t) => round1(nonResponseBounds(t).high),
    mistakes: (t) => {
      const b = nonResponseBounds(t);
      return [
        {
          value: round1((100 * (b.k + b.invited - t.numRows())) / b.invited),
          hint: {
            de: "Fast: Auch wer an der Befragung teilnahm, aber die Förderfrage ausließ, ist unbekannt – zählen Sie alle ohne Antwort auf die Förderfrage.",
            en: "Nearly: a respondent who took part but left the funding question out is unknown too – count everyone without an answer to the funding question.",
          },
        },
        {
          value: round1(b.observed),
          hint: {
            de: "Das ist der Anteil unter den Antworten auf die Förderfrage; gefragt ist der Anteil unter allen Eingeladenen.",
            en: "That is the share among the answers to the funding question; the question asks for the share among all invited.",
          },
        },
      ];
    },
    hint: {
      de: "(Geförderte + alle ohne Antwort auf die Förderfrage) ÷ Eingeladene. Die Zahlen stehen in der Tabelle oben.",
      en: "(funded + everyone without an answer to the funding question) ÷ invited. The numbers are in the table above.",
    },
    explain: (t, lang) => {
      const b = nonResponseBounds(t);
      return de(lang)
        ? `(${b.k} + ${b.invited} − ${b.answered}) ÷ ${b.invited} = ${num(b.high, lang)} %: ${b.k} Geförderte und ${b.invited - b.answered} Eingeladene ohne Antwort auf die Förderfrage (${b.invited - t.numRows()} nicht teilgenommen, ${t.numRows() - b.answered} Frage ausgelassen).`
        : `(${b.k} + ${b.invited} − ${b.answered}) ÷ ${b.invited} = ${num(b.high, lang)} %: ${b.k} funded and ${b.invited - b.answered} invited without an answer to the funding question (${b.invited - t.numRows()} did not take part, ${t.numRows() - b.answered} left it out).`;
    },
  },
  {
    id: "s3-4",
    kind: "number",
    unit: "percent",
    decimals: 1,
    question: {
      de: "Und wenn keine einzige Organisation ohne Antwort auf die Förderfrage gefördert wäre? (Prozent, eine Nachkommastelle)",
      en: "And if not a single organisation without an answer to the funding question were funded? (percent, one decimal)",
    },
    solve: (t) => round1(nonResponseBounds(t).low),
    mistakes: (t) => {
      const b = nonResponseBounds(t);
      const base = {
        de: "Die Basis stimmt nicht: Teilen Sie durch alle Eingeladenen, nicht nur durch die Antwortenden.",
        en: "The base is wrong: divide by all invited organisations, not only by those who answered.",
      };
      return [
        { value: round1(b.observed), hint: base },
        { value: round1((100 * b.k) / t.numRows()), hint: base },
      ];
    },
    hint: {
      de: "Nur die geförderten Antwortenden zählen, geteilt durch alle Eingeladenen.",
      en: "Only the funded respondents count, divided by all invited.",
    },
    explain: (t, lang) => {
      const b = nonResponseBounds(t);
      return de(lang)
        ? `${b.k} ÷ ${b.invited} = ${num(b.low, lang)} %. Ohne Annahme über die Nicht-Antwortenden liegt der Anteil also irgendwo zwischen ${num(b.low, lang)} % und ${num(b.high, lang)} %.`
        : `${b.k} ÷ ${b.invited} = ${num(b.low, lang)} %. Without an assumption about those who did not answer, the share lies somewhere between ${num(b.low, lang)} % and ${num(b.high, lang)} %.`;
    },
  },
  {
    id: "s3-5",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Für den Anteil Geförderter nennt die Tabelle ein 95-%-Konfidenzintervall; Ihre Grenzen aus s3-3 und s3-4 sind viel weiter. Welcher Satz stimmt?",
      en: "For the share of funded organisations the table gives a 95 % confidence interval; your bounds from s3-3 and s3-4 are much wider. Which sentence is right?",
    },
    options: [
      {
        de: "Das Konfidenzintervall setzt voraus, dass die Antwortenden eine Zufallsauswahl der Eingeladenen sind; die Grenzen setzen nichts voraus. Solange man über die Nicht-Antwortenden nichts weiß, gilt nur die weite Spanne.",
        en: "The confidence interval assumes that the respondents are a random sample of the invited; the bounds assume nothing. As long as nothing is known about the non-respondents, only the wide range holds.",
      },
      {
        de: "Das Konfidenzintervall ist genauer und deshalb richtig; die Grenzen übertreiben.",
        en: "The confidence interval is more precise and therefore right; the bounds exaggerate.",
      },
      {
        de: "Beide sagen dasselbe, nur mit unterschiedlicher Sicherheit.",
        en: "Both say the same, only with different certainty.",
      },
    ],
    feedback: [
      {
        de: "Das Intervall beschreibt nur den Zufall der Auswahl; die Grenzen beschreiben alles, was die Nicht-Antwortenden sein könnten.",
        en: "The interval describes only the chance of the sample; the bounds describe everything the non-respondents could be.",
      },
      {
        de: "„Genauer“ ist das Intervall nur unter seiner Annahme: dass die Antwortenden wie eine Zufallsauswahl sind. Bei 12 % Rücklauf weiß man das nicht.",
        en: '"More precise" holds only under its assumption: that the respondents are like a random sample. At a 12 % response rate nobody knows that.',
      },
      {
        de: "Sie beantworten verschiedene Fragen: das Intervall die Unsicherheit einer Zufallsauswahl, die Grenzen die Unsicherheit durch fehlende Antworten.",
        en: "They answer different questions: the interval the uncertainty of a random sample, the bounds the uncertainty from missing answers.",
      },
    ],
    solve: () => 0,
    hint: { de: "Was setzt jedes voraus?", en: "What does each assume?" },
    explain: (t, lang) => {
      const b = nonResponseBounds(t);
      return de(lang)
        ? `Unter den Antworten ${num(b.observed, lang)} %; ohne Annahme ${num(b.low, lang)} % bis ${num(b.high, lang)} %. Das Intervall beschreibt nur den Zufall der Auswahl; die Grenzen alles, was die Nicht-Antwortenden sein könnten.`
        : `Among the answers ${num(b.observed, lang)} %; without an assumption ${num(b.low, lang)} % to ${num(b.high, lang)} %. The interval describes only the chance of the sample; the bounds everything the non-respondents could be.`;
    },
  },
  {
    id: "s3-6",
    kind: "number",
    unit: "count",
    decimals: 0,
    question: {
      de: "GRIM-Prüfung: Für wie viele ganze Zahlen k ergibt 100·k/n (n = Basis von Abbildung 8), auf eine Nachkommastelle gerundet, 42,7 %?",
      en: "GRIM check: for how many whole numbers k does 100·k/n (n = the base of Figure 8), rounded to one decimal, give 42.7 %?",
    },
    solve: (t) => {
      const n = channelBase(t);
      return n ? attainableCounts(42.7, 1, n).length : NaN;
    },
    mistakes: (t) => {
      const n = channelBase(t);
      if (!n) return [];
      const k = Math.round(0.427 * n);
      const at = (x: number) => `${x}/${n} = ${decimal((100 * x) / n, 2, "de")} %`;
      const atEn = (x: number) => `${x}/${n} = ${decimal((100 * x) / n, 2, "en")} %`;
      return attainableCounts(42.7, 1, n).length === 0
        ? [
            {
              value: 1,
              hint: {
                de: `Rechnen Sie nach: ${at(k - 1)}, ${at(k)}, ${at(k + 1)} – rundet eines davon auf 42,7?`,
                en: `Check: ${atEn(k - 1)}, ${atEn(k)}, ${atEn(k + 1)} – does any of them round to 42.7?`,
              },
            },
          ]
        : [];
    },
    hint: {
      de: "Rechnen Sie 100·k/n für die k nahe 0,427·n mit dem Taschenrechner, dann mit attainableCounts(42.7, 1, n).",
      en: "Compute 100·k/n for the k near 0.427·n with a calculator, then with attainableCounts(42.7, 1, n).",
    },
    explain: (t, lang) => {
      const n = channelBase(t);
      const ks = attainableCounts(42.7, 1, n);
      const k = Math.round(0.427 * n);
      const at = (x: number) => `${x}/${n} = ${decimal((100 * x) / n, 2, lang)} %`;
      return ks.length
        ? de(lang)
          ? `${ks.length}: k = ${ks.join(", ")} bei n = ${n}.`
          : `${ks.length}: k = ${ks.join(", ")} at n = ${n}.`
        : de(lang)
          ? `Keine: ${at(k - 1)} und ${at(k)} runden auf ${num((100 * (k - 1)) / n, lang)} und ${num((100 * k) / n, lang)}; dazwischen liegt kein k. 42,7 % kann nicht aus ${n} Antworten stammen.`
          : `None: ${at(k - 1)} and ${at(k)} round to ${num((100 * (k - 1)) / n, lang)} and ${num((100 * k) / n, lang)}; no k lies between. 42.7 % cannot come from ${n} answers.`;
    },
  },
  {
    id: "s3-7",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "42,7 % besteht die GRIM-Prüfung bei N = 139 nicht. Was ist die vorsichtigste Deutung?",
      en: "42.7 % fails the GRIM check at N = 139. What is the most careful reading?",
    },
    options: [
      { de: "Der Bericht hat die Zahl erfunden.", en: "The report made the number up." },
      {
        de: "Der Wert stammt vermutlich aus einer anderen Basis (etwa nur den Antwortenden dieser Frage) oder ist ein Tippfehler; ohne die Basis je Frage lässt sich das nicht entscheiden.",
        en: "The value probably comes from another base (say, only those who answered this question) or is a typo; without the base per question one cannot decide.",
      },
      {
        de: "Rundungsfehler sind normal; die Prüfung sagt nichts.",
        en: "Rounding errors are normal; the check says nothing.",
      },
    ],
    feedback: [
      {
        de: "Dafür gibt es keinen Hinweis: Eine andere Basis oder ein Tippfehler erklären den Wert ebenso gut (42,7 % ist etwa bei n = 143 möglich).",
        en: "Nothing points to that: another base or a typo explain the value just as well (42.7 % is possible at n = 143, for instance).",
      },
      {
        de: "Die Prüfung zeigt eine Unstimmigkeit, nicht ihre Ursache.",
        en: "The check shows an inconsistency, not its cause.",
      },
      {
        de: "Die GRIM-Prüfung berücksichtigt die Rundung schon: Kein k rundet auf 42,7.",
        en: "The GRIM check already allows for rounding: no k rounds to 42.7.",
      },
    ],
    solve: () => 1,
    hint: { de: "Was zeigt die Prüfung, was nicht?", en: "What does the check show, and what not?" },
    explain: (_t, lang) =>
      de(lang)
        ? "Die Prüfung zeigt eine Unstimmigkeit, nicht ihre Ursache; klären ließe sie sich mit der Basis je Frage."
        : "The check shows an inconsistency, not its cause; the base per question would settle it.",
  },
  {
    id: "s3-8",
    kind: "number",
    unit: "percent",
    decimals: 1,
    question: {
      de: "Rechnen Sie von Hand (Taschenrechner): Das Wald-Intervall für „4 von 5“ ist 80 % ± 1,96 · √(0,8 · 0,2 / 5) · 100 Prozentpunkte. Wo liegt seine obere Grenze? (Prozent, eine Nachkommastelle)",
      en: 'Compute by hand (calculator): the Wald interval for "4 of 5" is 80 % ± 1.96 · √(0.8 · 0.2 / 5) · 100 percentage points. Where is its upper end? (percent, one decimal)',
    },
    solve: (t) => round1(waldInterval(largeFirmsShare(t)).high),
    mistakes: (t) => {
      const s = largeFirmsShare(t);
      return [
        {
          value: round1(shareInterval(s).high),
          hint: {
            de: "Das ist die obere Grenze nach Wilson; gefragt ist die Wald-Formel aus der Frage.",
            en: "That is Wilson's upper end; the question asks for the Wald formula given.",
          },
        },
        {
          value: round1(waldInterval(s).low),
          hint: {
            de: "Das ist die untere Grenze (80 minus); gefragt ist die obere (80 plus).",
            en: "That is the lower end (80 minus); the question asks for the upper one (80 plus).",
          },
        },
        {
          value: round1(waldInterval(s).high - (100 * s.k) / s.n),
          hint: {
            de: "Das ist die halbe Breite; addieren Sie sie zu 80 %.",
            en: "That is the half-width; add it to 80 %.",
          },
        },
      ];
    },
    hint: {
      de: "Erst 0,8 · 0,2 / 5 = 0,032, davon die Wurzel (0,179), mal 1,96, mal 100; das zu 80 addieren.",
      en: "First 0.8 · 0.2 / 5 = 0.032, its square root (0.179), times 1.96, times 100; add that to 80.",
    },
    explain: (t, lang) => {
      const s = largeFirmsShare(t);
      const w = waldInterval(s);
      const wi = shareInterval(s);
      return de(lang)
        ? `${num(w.low, lang)} % bis ${num(w.high, lang)} %: über 100 % – unmöglich. Das Wald-Intervall taugt bei kleinem n nicht; das Wilson-Intervall (${num(wi.low, lang)} % bis ${num(wi.high, lang)} %) bleibt zwischen 0 und 100 %.`
        : `${num(w.low, lang)} % to ${num(w.high, lang)} %: above 100 % – impossible. The Wald interval fails at small n; the Wilson interval (${num(wi.low, lang)} % to ${num(wi.high, lang)} %) stays between 0 and 100 %.`;
    },
  },
  {
    id: "s3-9",
    kind: "choice",
    judgement: "sentence",
    question: {
      de: "Welches Intervall sollte ein Bericht neben „4 von 5 Großunternehmen“ drucken?",
      en: 'Which interval should a report print beside "4 of 5 large enterprises"?',
    },
    options: [
      {
        de: "Das Wald-Intervall: Es ist die Formel aus dem Lehrbuch.",
        en: "The Wald interval: it is the textbook formula.",
      },
      {
        de: "Das Wilson-Intervall: Es bleibt zwischen 0 und 100 % und hält auch bei kleinem n ungefähr, was es verspricht.",
        en: "The Wilson interval: it stays between 0 and 100 % and roughly keeps its promise at small n too.",
      },
      {
        de: "Keines: Bei n = 5 ist jedes Intervall sinnlos, man sollte die Zahl weglassen.",
        en: "None: at n = 5 any interval is meaningless; the number should be left out.",
      },
    ],
    feedback: [
      {
        de: "Die Lehrbuchformel gibt hier Grenzen über 100 % (s3-8): Sie gilt erst bei großem n.",
        en: "The textbook formula gives ends above 100 % here (s3-8): it holds only at large n.",
      },
      {
        de: "Wilson bleibt im möglichen Bereich und zeigt ehrlich, wie weit fünf Antworten streuen.",
        en: "Wilson stays within the possible range and shows honestly how widely five answers scatter.",
      },
      {
        de: "Gerade bei n = 5 zeigt ein Intervall, wie wenig die Zahl trägt; weglassen verschweigt das.",
        en: "Precisely at n = 5 an interval shows how little the number carries; leaving it out hides that.",
      },
    ],
    solve: () => 1,
    hint: { de: "Welches bleibt im möglichen Bereich?", en: "Which stays in the possible range?" },
    explain: (t, lang) => {
      const wi = shareInterval(largeFirmsShare(t));
      return de(lang)
        ? `Wilson: ${num(wi.low, lang)} % bis ${num(wi.high, lang)} %. Es bleibt im möglichen Bereich und zeigt ehrlich, wie weit fünf Antworten streuen.`
        : `Wilson: ${num(wi.low, lang)} % to ${num(wi.high, lang)} %. It stays within the possible range and shows honestly how widely five answers scatter.`;
    },
  },
  {
    id: "s3-10",
    kind: "number",
    unit: "count",
    decimals: 0,
    question: {
      de: "Wie viele der getesteten Aussagen des Berichts sind „belegt“, also in jedem mit den gedruckten Zahlen vereinbaren Datensatz statistisch signifikant in der behaupteten Richtung?",
      en: 'How many of the report\'s tested claims are "established", that is statistically significant in the claimed direction in every dataset consistent with the printed numbers?',
    },
    solve: () => Object.values(loadIdentified().claims).filter((c) => c.verdict === "robust").length,
    mistakes: () => {
      const claims = Object.values(loadIdentified().claims);
      return [
        {
          value: claims.length,
          hint: {
            de: "Das sind alle getesteten Aussagen; zählen Sie nur die mit dem Urteil „belegt“.",
            en: 'Those are all tested claims; count only those with the verdict "established".',
          },
        },
      ];
    },
    hint: {
      de: "Zählen Sie in der Tabelle oben die Zeilen mit dem Urteil „belegt“.",
      en: 'Count the rows of the table above with the verdict "established".',
    },
    explain: (_t, lang) => {
      const claims = Object.values(loadIdentified().claims);
      const count = (v: string) => claims.filter((c) => c.verdict === v).length;
      return de(lang)
        ? `${count("robust")} von ${claims.length}: ${count("robust")} ${verdictWord("robust", lang)}, ${count("depends")} ${verdictWord("depends", lang)}, ${count("fails")} ${verdictWord("fails", lang)}.`
        : `${count("robust")} of ${claims.length}: ${count("robust")} ${verdictWord("robust", lang)}, ${count("depends")} ${verdictWord("depends", lang)}, ${count("fails")} ${verdictWord("fails", lang)}.`;
    },
  },
  {
    id: "s3-11",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Der Satz „… dass tendenziell eher Großunternehmen eine technologische Distanz … favorisieren“ steht zweimal in der Tabelle. Im Vergleich Großunternehmen gegen Mikro- und Kleinunternehmen lautet er in jedem vereinbaren Datensatz 4 von 5 gegen 13 von 20. Was folgt aus dem Urteil dieses Vergleichs für den Bericht?",
      en: 'The sentence "… that large firms tend to favour technological distance" is in the table twice. As large vs micro and small firms it reads 4 of 5 against 13 of 20 in every consistent dataset. What follows for the report from the verdict of this comparison?',
    },
    options: [
      {
        de: "Die Aussage ist falsch und sollte gestrichen werden.",
        en: "The claim is false and should be struck out.",
      },
      {
        de: "Die Richtung stimmt in jedem vereinbaren Datensatz, aber bei fünf Großunternehmen lässt sie sich statistisch nicht belegen: abschwächen („ein Hinweis bei fünf Antworten“), nicht streichen.",
        en: 'In every consistent dataset the difference points the report\'s way, but with five large firms it cannot be established statistically: soften it ("a hint from five answers"), do not strike it.',
      },
      {
        de: "Die Aussage ist belegt, weil die Differenz in allen Datensätzen gleich ist.",
        en: "The claim is established, because the difference is the same in every dataset.",
      },
    ],
    feedback: [
      {
        de: "„Nicht belegbar“ heißt nicht „falsch“: Die Differenz zeigt in jedem vereinbaren Datensatz in die Richtung des Berichts; nur tragen fünf Antworten keinen Beleg.",
        en: '"Cannot be established" does not mean "false": the difference points the report\'s way in every consistent dataset; five answers just carry no proof.',
      },
      {
        de: "Vergleichen Sie das Urteil und die Differenz in der Tabelle noch einmal.",
        en: "Compare the verdict and the difference in the table again.",
      },
      {
        de: "Belegt hieße: in jedem Datensatz signifikant. Eine feste Differenz bei fünf Antworten ist nicht signifikant (p = 1).",
        en: "Established would mean: significant in every dataset. A fixed difference from five answers is not significant (p = 1).",
      },
    ],
    solve: () => {
      const c = loadIdentified().claims[TECH_CLAIM];
      if (!c) return NaN;
      if (c.verdict === "robust") return 2;
      return c.verdict === "fails" && c.effectMin > 0 ? 1 : 0;
    },
    hint: { de: "Heißt „nicht belegbar“ „falsch“?", en: 'Does "cannot be established" mean "false"?' },
    explain: (_t, lang) => {
      const c = loadIdentified().claims[TECH_CLAIM]!;
      const d = `+${decimal(c.effectMin, 1, lang)}`;
      if (c.verdict !== "fails" || c.effectMin <= 0)
        return de(lang)
          ? `Urteil: „${verdictWord(c.verdict, lang)}“, Differenz ${decimal(c.effectMin, 1, lang)} bis ${decimal(c.effectMax, 1, lang)} Prozentpunkte über alle vereinbaren Datensätze.`
          : `Verdict: "${verdictWord(c.verdict, lang)}", difference ${decimal(c.effectMin, 1, lang)} to ${decimal(c.effectMax, 1, lang)} percentage points over all consistent datasets.`;
      return de(lang)
        ? `Urteil: „${verdictWord(c.verdict, lang)}“, Differenz ${d} Prozentpunkte in jedem vereinbaren Datensatz, p = ${decimal(c.pMin, 2, lang)}. „Nicht belegbar“ heißt nicht „falsch“: Die Richtung stimmt überall, nur tragen fünf Antworten keinen Beleg. Richtig ist, den Satz abzuschwächen, nicht ihn zu streichen.`
        : `Verdict: "${verdictWord(c.verdict, lang)}", difference ${d} percentage points in every consistent dataset, p = ${decimal(c.pMin, 2, lang)}. "Cannot be established" does not mean "false": the direction holds everywhere, five answers just carry no proof. The right move is to soften the sentence, not to strike it.`;
    },
  },
];
