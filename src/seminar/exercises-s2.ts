/**
 * The exercises of seminar notebook S2 ("Wissensdiffusion im Cluster"). Every right answer is
 * computed from the data in front of the student, so the checks stay right on other data too.
 */
import type { Exercise } from "./exercise.js";
import { balanceOf, flowBetween, receivedAny, receivedAnyTest } from "./flows.js";

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The exercises of S2, in order. */
export const s2Exercises: readonly Exercise[] = [
  {
    id: "s2-1",
    question: {
      de: "Bilanz der Cluster-/Netzwerkmanagements bei Auslandskontakten: Anteil der Befragten, die Kontakte vom Management erhalten haben (Abbildung 7), minus Anteil, die dem Management Kontakte gegeben haben (Abbildung 6). In Prozentpunkten, eine Nachkommastelle.",
      en: "Balance of the cluster/network management on foreign contacts: the share of respondents who received contacts from the management (Figure 7) minus the share who gave contacts to it (Figure 6). In percentage points, one decimal.",
    },
    solve: (t) => balanceOf(t, "management", "contacts"),
    tolerance: 0.05,
    hint: {
      de: 'flowBalance(t, "contacts") gibt für jede Gruppe given, received und balance; achten Sie auf das Vorzeichen.',
      en: 'flowBalance(t, "contacts") gives each group\'s given, received and balance; mind the sign.',
    },
  },
  {
    id: "s2-2",
    question: {
      de: "Und die Bilanz der KMU/Start-ups bei Auslandskontakten? (Prozentpunkte, eine Nachkommastelle)",
      en: "And the balance of SMEs/start-ups on foreign contacts? (percentage points, one decimal)",
    },
    solve: (t) => balanceOf(t, "kmu", "contacts"),
    tolerance: 0.05,
    hint: {
      de: "Eine negative Bilanz heißt: Die Gruppe bekommt seltener etwas, als sie gibt.",
      en: "A negative balance means: the group gets less often than it gives.",
    },
  },
  {
    id: "s2-3",
    question: {
      de: "Im Sankey-Diagramm (Sender-Perspektive, alle Themen): Wie viele befragte KMU/Start-ups haben dem Cluster-/Netzwerkmanagement Informationen gegeben?",
      en: "In the Sankey diagram (sender perspective, all topics): how many responding SMEs/start-ups gave information to the cluster/network management?",
    },
    solve: (t) => flowBetween(t, "kmu", "management", { perspective: "gave" }).count,
    tolerance: 0,
    hint: {
      de: 'Fahren Sie mit der Maus über den Fluss, oder: flowBetween(t, "kmu", "management").',
      en: 'Hover over the flow, or: flowBetween(t, "kmu", "management").',
    },
  },
  {
    id: "s2-4",
    question: {
      de: "„KMU profitieren besonders“: Wie viel Prozent der befragten KMU/Start-ups haben überhaupt Informationen erhalten (irgendein Thema, irgendein Sender)? (eine Nachkommastelle)",
      en: '"SMEs benefit in particular": what percentage of the responding SMEs/start-ups received any information at all (any topic, any sender)? (one decimal)',
    },
    solve: (t) => {
      const { k, n } = receivedAny(t, "kmu").group;
      return n ? round1((100 * k) / n) : NaN;
    },
    tolerance: 0.05,
    hint: {
      de: 'receivedAny(t, "kmu") gibt k und n für die KMU und für alle anderen.',
      en: 'receivedAny(t, "kmu") gives k and n for SMEs and for all others.',
    },
  },
  {
    id: "s2-5",
    question: {
      de: "Erhalten KMU/Start-ups statistisch gesichert häufiger Informationen als die übrigen Befragten (exakter Test nach Fisher, α = 0,05)? (true/false)",
      en: "Do SMEs/start-ups receive information significantly more often than the other respondents (Fisher's exact test, α = 0.05)? (true/false)",
    },
    solve: (t) => {
      const test = receivedAnyTest(t, "kmu");
      return test ? test.p < 0.05 : NaN;
    },
    tolerance: 0,
    hint: {
      de: 'receivedAnyTest(t, "kmu")?.p ist der p-Wert; vergleichen Sie auch die beiden Anteile.',
      en: 'receivedAnyTest(t, "kmu")?.p is the p-value; compare the two shares as well.',
    },
  },
];
