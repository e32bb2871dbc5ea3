/**
 * The exercises of seminar notebook S2 ("Wissensdiffusion im Cluster"): the balance of given and
 * received information per actor group (Abbildung 6/7), whether the cluster management is a
 * broker, the flows as a Sankey diagram, "KMU profitieren besonders" (with the base rate and the
 * reconstructed split by the respondents' own group), and the channels (Abbildung 8/9). Every
 * right answer is computed from the data in front of the student.
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, scaleOf, type Lang } from "../data/codebook.js";
import { figureBuilder } from "../figures/index.js";
import { numberRows } from "../figures/common/numbers.js";
import { decimal, localNumber } from "../util/number-format.js";
import type { Exercise } from "./exercise.js";
import { flowBalance, flowBetween, receivedAny, receivedAnyTest } from "./flows.js";

const de = (lang: Lang) => lang === "de";
const round1 = (x: number): number => Math.round(x * 10) / 10;
const num = (x: number, lang: Lang) => decimal(x, 1, lang).replace("-", "−");
const pts = (x: number, lang: Lang) => `${x > 0 ? "+" : ""}${num(x, lang)}`;

/** The grid's actor groups in the order of the options (a, b, c, d). */
const GROUPS = ["kmu", "large", "research", "management"] as const;
const groupLabel = (key: string, lang: Lang) =>
  scaleOf(loadCodebook(), "actorGroup").values.find((v) => v.key === key)!.label[lang];

/** One group's row of `flowBalance` on a topic (given, received, balance in percent / points). */
function row(t: ColumnTable, group: string, topic: string) {
  return (
    flowBalance(t, topic).objects() as { group: string; given: number; received: number; balance: number }[]
  ).find((r) => r.group === group)!;
}

const balanceExplain =
  (group: string) =>
  (t: ColumnTable, lang: Lang): string => {
    const r = row(t, group, "contacts");
    const b = round1(r.balance);
    const label = groupLabel(group, lang);
    return de(lang)
      ? `${num(r.given, lang)} − ${num(r.received, lang)} = ${pts(b, lang)} Prozentpunkte: ${num(r.given, lang)} % der Befragten haben Auslandskontakte von der Gruppe ${label} erhalten (sie gibt weiter, Abbildung 7), ${num(r.received, lang)} % haben ihr welche gegeben (sie erhält, Abbildung 6). ${b < 0 ? "Negativ: Die Gruppe erhält häufiger, als sie weitergibt." : b > 0 ? "Positiv: Die Gruppe gibt häufiger weiter, als sie erhält." : ""}`
      : `${num(r.given, lang)} − ${num(r.received, lang)} = ${pts(b, lang)} percentage points: ${num(r.given, lang)} % of respondents received foreign contacts from the group ${label} (it passes on, Figure 7), ${num(r.received, lang)} % gave some to it (it receives, Figure 6). ${b < 0 ? "Negative: the group receives more often than it passes on." : b > 0 ? "Positive: the group passes on more often than it receives." : ""}`;
  };

const balanceMistakes = (group: string) => (t: ColumnTable) => {
  const r = row(t, group, "contacts");
  const side = {
    de: "Das ist nur eine Seite der Bilanz. Bilanz = „gibt weiter“ (Abbildung 7) minus „erhält“ (Abbildung 6).",
    en: 'That is only one side of the balance. Balance = "passes on" (Figure 7) minus "receives" (Figure 6).',
  };
  return [
    { value: round1(r.given), hint: side },
    { value: round1(r.received), hint: side },
  ];
};

const balanceSign = {
  de: "Das Vorzeichen stimmt nicht: Bilanz = „gibt weiter“ minus „erhält“. Negativ heißt: Die Gruppe erhält häufiger, als sie weitergibt.",
  en: 'The sign is wrong: balance = "passes on" minus "receives". Negative means: the group receives more often than it passes on.',
};

/** The shares of informal talks per size group of Abbildung 9, in the order micro/small, medium, large. */
function informalBySize(t: ColumnTable): { group: string; label: string; percent: number }[] {
  return numberRows(figureBuilder("abb-09").numbers(t))
    .filter((r) => r.item === "channel_informal")
    .map((r) => ({ group: r.group, label: r.groupLabel, percent: r.suppressed ? NaN : r.percent }));
}

/** The exercises of S2, in order. */
export const s2Exercises: readonly Exercise[] = [
  {
    id: "s2-1",
    kind: "choice",
    judgement: "prediction",
    question: {
      de: "Vorhersage, bevor Sie die Bilanz ansehen: Welche Gruppe gibt bei Auslandskontakten im Verhältnis zu dem, was sie bekommt, am meisten weiter (die höchste Bilanz)?",
      en: "Prediction, before you look at the balance: which group passes on the most foreign contacts relative to what it gets (the highest balance)?",
    },
    // read from the codebook when first asked for, not when the module loads (no data source yet)
    get options() {
      return GROUPS.map((g) => ({ de: groupLabel(g, "de"), en: groupLabel(g, "en") }));
    },
    solve: (t) => {
      const rows = GROUPS.map((g) => row(t, g, "contacts").balance);
      if (!rows.every(Number.isFinite)) return NaN;
      return rows.indexOf(Math.max(...rows));
    },
    hint: { de: "Vergleichen Sie die Heatmaps.", en: "Compare the heatmaps." },
    explain: (t, lang) => {
      const rows = GROUPS.map((g) => ({ g, b: round1(row(t, g, "contacts").balance) }));
      const top = rows.reduce((m, r) => (r.b > m.b ? r : m));
      const list = rows.map((r) => `${groupLabel(r.g, lang)} ${pts(r.b, lang)}`).join("; ");
      return de(lang)
        ? `Die höchste Bilanz hat ${groupLabel(top.g, lang)} (${pts(top.b, lang)} Prozentpunkte). Alle Gruppen: ${list}.`
        : `The highest balance is that of ${groupLabel(top.g, lang)} (${pts(top.b, lang)} percentage points). All groups: ${list}.`;
    },
  },
  {
    id: "s2-2",
    kind: "number",
    unit: "points",
    decimals: 1,
    question: {
      de: "Bilanz des Cluster-/Netzwerkmanagements bei Auslandskontakten: den Anteil der Befragten, die Kontakte vom Management erhalten haben (Abbildung 7), minus den Anteil derer, die dem Management Kontakte gegeben haben (Abbildung 6). In Prozentpunkten, eine Nachkommastelle.",
      en: "Balance of the cluster/network management on foreign contacts: the share of respondents who received contacts from the management (Figure 7) minus the share who gave contacts to it (Figure 6). In percentage points, one decimal.",
    },
    solve: (t) => round1(row(t, "management", "contacts").balance),
    mistakes: balanceMistakes("management"),
    signHint: balanceSign,
    hint: {
      de: "Die Tabelle oben hat für jede Gruppe „gibt weiter“, „erhält“ und die Bilanz; Sie finden die beiden Anteile auch in den Heatmaps.",
      en: 'The table above has each group\'s "passes on", "receives" and balance; the two shares are also in the heatmaps.',
    },
    explain: balanceExplain("management"),
  },
  {
    id: "s2-3",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Die Bilanz der KMU/Start-ups bei Auslandskontakten steht in der Tabelle oben. Was heißt sie?",
      en: "The balance of SMEs/start-ups on foreign contacts is in the table above. What does it mean?",
    },
    options: [
      {
        de: "KMU/Start-ups erhalten Auslandskontakte häufiger, als sie welche weitergeben.",
        en: "SMEs/start-ups receive foreign contacts more often than they pass them on.",
      },
      {
        de: "KMU/Start-ups geben Auslandskontakte häufiger weiter, als sie welche erhalten.",
        en: "SMEs/start-ups pass on foreign contacts more often than they receive them.",
      },
      {
        de: "So viel Prozent der KMU/Start-ups haben keine Auslandskontakte erhalten.",
        en: "That percentage of SMEs/start-ups received no foreign contacts.",
      },
    ],
    feedback: [
      {
        de: "Bilanz = „gibt weiter“ minus „erhält“: Ist sie positiv, gibt die Gruppe häufiger weiter, als sie erhält.",
        en: 'Balance = "passes on" minus "receives": when it is positive, the group passes on more often than it receives.',
      },
      {
        de: "Bilanz = „gibt weiter“ minus „erhält“: Ist sie negativ, erhält die Gruppe häufiger, als sie weitergibt.",
        en: 'Balance = "passes on" minus "receives": when it is negative, the group receives more often than it passes on.',
      },
      {
        de: "Die Bilanz ist die Differenz zweier Anteile aller Befragten, kein Anteil unter den KMU.",
        en: "The balance is the difference of two shares of all respondents, not a share among SMEs.",
      },
    ],
    solve: (t) => {
      const b = row(t, "kmu", "contacts").balance;
      return Number.isFinite(b) ? (b < 0 ? 0 : 1) : NaN;
    },
    hint: { de: "Bilanz = gibt weiter − erhält.", en: "Balance = passes on − receives." },
    explain: balanceExplain("kmu"),
  },
  {
    id: "s2-4",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Ist das Cluster-/Netzwerkmanagement bei Auslandskontakten ein Vermittler (Broker, Gatekeeper) im Sinne der Literatur, die der Bericht zitiert (Giuliani & Bell 2005; Morrison 2008)?",
      en: "Is the cluster/network management a broker (gatekeeper) for foreign contacts in the sense of the literature the report cites (Giuliani & Bell 2005; Morrison 2008)?",
    },
    options: [
      {
        de: "Ja, weil seine Bilanz positiv ist: Es gibt mehr weiter, als es bekommt.",
        en: "Yes, because its balance is positive: it passes on more than it gets.",
      },
      {
        de: "Ja, weil es viel erhält und viel weitergibt: hohe Werte auf beiden Seiten.",
        en: "Yes, because it receives a lot and passes on a lot: high values on both sides.",
      },
      {
        de: "Nein: Es erhält oder gibt nicht mehr als die anderen Gruppen im Durchschnitt.",
        en: "No: it does not receive or pass on more than the other groups on average.",
      },
    ],
    feedback: [
      {
        de: "Eine positive Bilanz hat auch eine reine Quelle, etwa ein Institut, das nur gibt. Ein Vermittler empfängt und gibt weiter: Es kommt auf beide Seiten an, nicht auf ihre Differenz.",
        en: "A pure source, such as an institute that only gives, has a positive balance too. A broker receives and passes on: both sides count, not their difference.",
      },
      {
        de: "Vergleichen Sie beide Spalten der Tabelle mit dem Durchschnitt der vier Gruppen.",
        en: "Compare both columns of the table with the average of the four groups.",
      },
      {
        de: "Vergleichen Sie beide Spalten der Tabelle mit dem Durchschnitt der vier Gruppen.",
        en: "Compare both columns of the table with the average of the four groups.",
      },
    ],
    solve: (t) => {
      const rows = GROUPS.map((g) => row(t, g, "contacts"));
      if (!rows.every((r) => Number.isFinite(r.given) && Number.isFinite(r.received))) return NaN;
      const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
      const m = rows[3]!;
      return m.given > mean((r) => r.given) && m.received > mean((r) => r.received) ? 1 : 2;
    },
    hint: { de: "Ein Vermittler empfängt und gibt weiter.", en: "A broker receives and passes on." },
    explain: (t, lang) => {
      const rows = GROUPS.map((g) => row(t, g, "contacts"));
      const m = rows[3]!;
      const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
      return de(lang)
        ? `${num(m.given, lang)} % der Befragten haben Auslandskontakte vom Management erhalten (Durchschnitt der vier Gruppen ${num(
            mean((r) => r.given),
            lang,
          )} %), ${num(m.received, lang)} % haben ihm welche gegeben (Durchschnitt ${num(
            mean((r) => r.received),
            lang,
          )} %). Ein Vermittler ist an beidem zu erkennen, nicht an der Bilanz von ${pts(round1(m.balance), lang)}.`
        : `${num(m.given, lang)} % of respondents received foreign contacts from the management (average of the four groups ${num(
            mean((r) => r.given),
            lang,
          )} %), ${num(m.received, lang)} % gave some to it (average ${num(
            mean((r) => r.received),
            lang,
          )} %). A broker shows in both, not in the balance of ${pts(round1(m.balance), lang)}.`;
    },
  },
  {
    id: "s2-5",
    kind: "number",
    unit: "count",
    decimals: 0,
    question: {
      de: "Im Sankey-Diagramm (Sender-Perspektive, alle Themen): Wie viele befragte KMU/Start-ups haben dem Cluster-/Netzwerkmanagement Informationen gegeben?",
      en: "In the Sankey diagram (sender perspective, all topics): how many responding SMEs/start-ups gave information to the cluster/network management?",
    },
    solve: (t) => flowBetween(t, "kmu", "management", { perspective: "gave" }).count,
    mistakes: (t) => {
      const f = flowBetween(t, "kmu", "management", { perspective: "gave" });
      return [
        {
          value: f.base,
          hint: {
            de: "Das sind alle befragten KMU/Start-ups (die Basis); gefragt ist, wie viele davon dem Management etwas gegeben haben.",
            en: "Those are all responding SMEs/start-ups (the base); the question asks how many of them gave something to the management.",
          },
        },
      ];
    },
    hint: {
      de: "Fahren Sie mit der Maus über den Fluss von KMU/Start-ups (links) zum Cluster-/Netzwerkmanagement (rechts): Die Zahl der Befragten steht im Hinweis.",
      en: "Hover over the flow from SMEs/start-ups (left) to the cluster/network management (right): the number of respondents is in the tooltip.",
    },
    explain: (t, lang) => {
      const f = flowBetween(t, "kmu", "management", { perspective: "gave" });
      return de(lang)
        ? `${f.count} von ${f.base} befragten KMU/Start-ups (${num(f.percent, lang)} %). Diese Zahl beruht auf der Aufteilung nach der eigenen Akteursgruppe der Befragten, die der Bericht nicht veröffentlicht: Sie stammt aus der Rekonstruktion.`
        : `${f.count} of ${f.base} responding SMEs/start-ups (${num(f.percent, lang)} %). This number rests on the split by the respondents' own actor group, which the report does not publish: it comes from the reconstruction.`;
    },
  },
  {
    id: "s2-6",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Der Bericht liest „KMU profitieren besonders“ aus Abbildung 6: Die Spalte KMU/Start-ups ist in drei von vier Themen die höchste – andere geben am häufigsten an KMU weiter. Welche Erklärung müssen Sie ausschließen, bevor Sie das als besonderen Nutzen der KMU deuten?",
      en: 'The report reads "SMEs benefit in particular" from Figure 6: the SMEs/start-ups column is the highest in three of four topics – others pass on to SMEs most often. Which explanation must you rule out before reading this as a particular benefit for SMEs?',
    },
    options: [
      {
        de: "KMU sind die größte Gruppe im Cluster: Wer Informationen weitergibt, gibt sie oft an KMU, einfach weil es so viele gibt (Basisrate).",
        en: "SMEs are the largest group in the cluster: whoever passes on information often passes it to SMEs simply because there are so many (base rate).",
      },
      {
        de: "KMU beantworten Befragungen häufiger als andere.",
        en: "SMEs answer surveys more often than others.",
      },
      {
        de: "Forschungseinrichtungen geben keine Informationen weiter.",
        en: "Research institutes pass on no information.",
      },
    ],
    feedback: [
      {
        de: "Eine Basisrate: Die Spalte zählt Befragte, die an irgendein KMU gegeben haben; je mehr KMU es gibt, desto eher trifft das zu – ohne dass ein einzelnes KMU mehr bekommt.",
        en: "A base rate: the column counts respondents who gave to any SME; the more SMEs there are, the likelier that is – without any single SME getting more.",
      },
      {
        de: "Abbildung 6 zählt, wem die Befragten gegeben haben, nicht wer antwortet; die Empfänger müssen nicht selbst geantwortet haben.",
        en: "Figure 6 counts to whom respondents gave, not who answers; the recipients need not have answered themselves.",
      },
      {
        de: "Die Spalte Forschungseinrichtungen in Abbildung 7 zeigt, dass sie sehr wohl weitergeben; und das erklärte nicht, warum die Spalte KMU hoch ist.",
        en: "The research column of Figure 7 shows that they do pass on; and it would not explain why the SME column is high.",
      },
    ],
    solve: () => 0,
    hint: { de: "Wie viele KMU gibt es?", en: "How many SMEs are there?" },
    explain: (t, lang) => {
      const { group, others } = receivedAny(t, "kmu");
      const n = group.n + others.n;
      return de(lang)
        ? `Eine Basisrate: ${group.n} der ${n} Befragten, die beide Fragen zu Abbildung 6/7 beantwortet haben, sind selbst KMU/Start-ups (in der Rekonstruktion). Eine Spalte, die zählt, wer an irgendein KMU gegeben hat, ist schon deshalb hoch. Man bräuchte Informationen je Empfänger, nicht je Gruppe.`
        : `A base rate: ${group.n} of the ${n} respondents who answered both questions of Figures 6/7 are SMEs/start-ups themselves (in the reconstruction). A column counting who gave to any SME is high for that reason alone. One would need information per recipient, not per group.`;
    },
  },
  {
    id: "s2-7",
    kind: "yes-no",
    question: {
      de: "Erhalten befragte KMU/Start-ups statistisch signifikant (α = 5 %) häufiger überhaupt Informationen als die übrigen Befragten (exakter Test nach Fisher)? Antworten Sie mit ja oder nein und dem p-Wert, z. B. `nein, p = 0,3`.",
      en: "Do responding SMEs/start-ups receive any information at all significantly more often (α = 5 %) than the other respondents (Fisher's exact test)? Answer yes or no with the p-value, e.g. `no, p = 0.3`.",
    },
    backing: { de: "den p-Wert", en: "the p-value" },
    rule: {
      de: "Statistisch signifikant (α = 5 %) heißt: p < 0,05. Vergleichen Sie Ihren p-Wert damit.",
      en: "Statistically significant (α = 5 %) means: p < 0.05. Compare your p-value with it.",
    },
    solve: (t) => {
      const test = receivedAnyTest(t, "kmu");
      return test ? { yes: test.p < 0.05, value: test.p } : { yes: false, value: NaN };
    },
    hint: {
      de: "Der p-Wert steht unter der Tafel oben (exakter Test nach Fisher, p = …).",
      en: "The p-value is below the table above (Fisher's exact test, p = …).",
    },
    explain: (t, lang) => {
      const { group: a, others: b } = receivedAny(t, "kmu");
      const test = receivedAnyTest(t, "kmu")!;
      const p = localNumber(Number(test.p.toPrecision(2)), lang);
      const sig = test.p < 0.05;
      return de(lang)
        ? `${a.k} von ${a.n} KMU/Start-ups gegenüber ${b.k} von ${b.n} übrigen Befragten; p = ${p} ${sig ? "<" : "≥"} 0,05: ${sig ? "ja, signifikant" : "nein, nicht signifikant"}. Fast alle haben etwas erhalten. Und: Diese Aufteilung nach der eigenen Gruppe der Befragten veröffentlicht der Bericht nicht – sie stammt aus der Rekonstruktion.`
        : `${a.k} of ${a.n} SMEs/start-ups against ${b.k} of ${b.n} other respondents; p = ${p} ${sig ? "<" : "≥"} 0.05: ${sig ? "yes, significant" : "no, not significant"}. Nearly everyone received something. And: the report does not publish this split by the respondents' own group – it comes from the reconstruction.`;
    },
  },
  {
    id: "s2-8",
    kind: "choice",
    judgement: "sentence",
    question: {
      de: "Welchen Satz sollte ein Briefing für das Ministerium zu „KMU profitieren besonders“ drucken?",
      en: 'Which sentence should a briefing for the ministry print on "SMEs benefit in particular"?',
    },
    options: [
      {
        de: "„Alle befragten KMU haben Informationen erhalten: KMU profitieren besonders vom Wissenstransfer im Cluster.“",
        en: '"All responding SMEs received information: SMEs benefit in particular from knowledge transfer in the cluster."',
      },
      {
        de: "„Fast alle Befragten haben Informationen aus dem Cluster erhalten, KMU wie andere; einen besonderen Vorteil der KMU zeigen die veröffentlichten Zahlen nicht – sie zählen Erhalt, nicht Nutzen, und KMU sind die größte Gruppe.“",
        en: '"Nearly all respondents received information from the cluster, SMEs and others alike; the published numbers show no particular advantage for SMEs – they count receipt, not benefit, and SMEs are the largest group."',
      },
      {
        de: "„KMU erhalten signifikant häufiger Informationen als andere Akteure.“",
        en: '"SMEs receive information significantly more often than other actors."',
      },
    ],
    feedback: [
      {
        de: "„Alle“ steht so nicht im Bericht: Die Aufteilung nach der eigenen Gruppe der Befragten ist rekonstruiert, die übrigen Befragten haben fast ebenso oft etwas erhalten, und „erhalten“ ist nicht „profitieren“.",
        en: '"All" is not in the report: the split by the respondents\' own group is reconstructed, the other respondents received something nearly as often, and "received" is not "benefited".',
      },
      {
        de: "Der Satz sagt, was die Zahlen tragen (Erhalt bei fast allen), und was nicht (Nutzen, Vorteil gegenüber anderen).",
        en: "The sentence says what the numbers carry (receipt by nearly all) and what not (benefit, an advantage over others).",
      },
      {
        de: "Der Unterschied ist nicht signifikant (s2-7), und die Aufteilung, auf der der Test beruht, ist rekonstruiert.",
        en: "The difference is not significant (s2-7), and the split the test rests on is reconstructed.",
      },
    ],
    solve: () => 1,
    hint: { de: "Was tragen die Zahlen, was nicht?", en: "What do the numbers carry, and what not?" },
    explain: (_t, lang) =>
      de(lang)
        ? "Der Satz sagt, was die Zahlen tragen (Erhalt bei fast allen), und was nicht (Nutzen, Vorteil gegenüber anderen)."
        : "The sentence says what the numbers carry (receipt by nearly all) and what not (benefit, an advantage over others).",
  },
  {
    id: "s2-9",
    kind: "choice",
    judgement: "prediction",
    question: {
      de: "Vorhersage, bevor Sie Abbildung 9 ansehen: In welcher Größengruppe erwarten Sie den höchsten Anteil an informellen Gesprächen („Flurfunk“) als Informationskanal?",
      en: 'Prediction, before you look at Figure 9: in which size group do you expect the highest share of informal talks ("grapevine") as a channel?',
    },
    options: [
      { de: "Mikro- und Kleinunternehmen", en: "Micro and small enterprises" },
      { de: "Mittlere Unternehmen", en: "Medium-sized enterprises" },
      { de: "Großunternehmen", en: "Large enterprises" },
    ],
    solve: (t) => {
      const rows = informalBySize(t);
      const order = ["microSmall", "medium", "large"].map((g) => rows.find((r) => r.group === g)?.percent ?? NaN);
      if (!order.every(Number.isFinite)) return NaN;
      return order.indexOf(Math.max(...order));
    },
    hint: { de: "Wer hat weniger organisierte Kanäle?", en: "Who has fewer organised channels?" },
    explain: (t, lang) => {
      const rows = informalBySize(t);
      return `${de(lang) ? "Informelle Gespräche" : "Informal talks"}: ${rows.map((r) => `${r.label} ${num(r.percent, lang)} %`).join("; ")}.`;
    },
  },
  {
    id: "s2-10",
    kind: "choice",
    judgement: "reading",
    question: {
      de: "Der Bericht folgert aus Abbildung 8 und 9: „Es gibt nicht den einen Kanal … ein Mix an unterschiedlichen Kanälen [ist] entscheidend.“ Was zeigen die Abbildungen dafür?",
      en: 'The report concludes from Figures 8 and 9: "There is no single channel … a mix of different channels is decisive." What do the figures show for this?',
    },
    options: [
      {
        de: "Dass viele Befragte mehrere Kanäle nutzen – nicht, dass ein Mix besser wirkt: Die Befragung misst Nutzung, nicht Erfolg.",
        en: "That many respondents use several channels – not that a mix works better: the survey measures use, not success.",
      },
      {
        de: "Dass ein Mix von Kanälen erfolgreicher ist als ein einzelner Kanal.",
        en: "That a mix of channels is more successful than a single channel.",
      },
      {
        de: "Dass der Newsletter allein ausreicht, weil er am häufigsten genutzt wird.",
        en: "That the newsletter alone is enough because it is used most.",
      },
    ],
    feedback: [
      {
        de: "Die Abbildungen zählen, wer welchen Kanal genutzt hat. Ob Wissen über einen Mix besser ankommt, hat niemand gefragt: Die Empfehlung ist eine Deutung, kein Befund.",
        en: "The figures count who used which channel. Whether knowledge arrives better through a mix was not asked: the recommendation is an interpretation, not a finding.",
      },
      {
        de: "Erfolg wurde nicht gemessen: Die Abbildungen zählen nur, wer welchen Kanal genutzt hat.",
        en: "Success was not measured: the figures only count who used which channel.",
      },
      {
        de: "Am häufigsten genutzt heißt nicht ausreichend: Weniger als die Hälfte der Befragten nennt den Newsletter.",
        en: "Used most does not mean sufficient: fewer than half of the respondents name the newsletter.",
      },
    ],
    solve: () => 0,
    hint: { de: "Was wurde gefragt: Nutzung oder Erfolg?", en: "What was asked: use or success?" },
    explain: (_t, lang) =>
      de(lang)
        ? "Die Abbildungen zählen, wer welchen Kanal genutzt hat. Ob Wissen über einen Mix besser ankommt, hat niemand gefragt: Die Empfehlung ist eine Deutung, kein Befund."
        : "The figures count who used which channel. Whether knowledge arrives better through a mix was not asked: the recommendation is an interpretation, not a finding.",
  },
];
