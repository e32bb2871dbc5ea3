/**
 * A small survey of one cluster as LimeSurvey stores it: 20 completed and 2 incomplete
 * responses to this project's questionnaire, written so that every count can be taken by hand
 * from the table below. It has empty subgroups (no medium-sized organisation, no funded
 * organisation of "other" type), a grid cell nobody ticked (information on "other" topics to
 * the cluster management), one respondent who ticked no channel at all, and a technological-
 * information-to-SMEs cell ticked by 7 of the 20 (35 %).
 *
 * Columns of a row: `gave` and `got` are the 16 cells of G04Q01 / G04Q02 (topic-major: tech,
 * markets, contacts, other × kmu, large, research, management), `channels` the 8 boxes of
 * G05Q01; "1" ticked, "0" shown and not ticked. `g02`/`g03` are Likert digits 1–5, "-" for
 * shown and left empty. `employees` null and `funded` "" are shown, not answered. `pages`
 * is how many of the six pages were submitted (6 = complete).
 */

/** One respondent at the level of the questionnaire. */
export interface Respondent {
  id: number;
  pages: number;
  lang: "de" | "en";
  /** Actor group: answer 1–4 or "oth" (the list's "Other" option, with `otherText`). */
  actor: "1" | "2" | "3" | "4" | "oth";
  actorOther?: string;
  employees: number | null;
  funded: "Y" | "N" | "";
  g02: string;
  g03: string;
  gave: string;
  got: string;
  channels: string;
  /** The free text of G05Q01's "Other:" option (only in the design with that option). */
  channelOther?: string;
  comment?: string;
}

const R = (
  id: number,
  pages: number,
  actor: Respondent["actor"],
  employees: number | null,
  funded: Respondent["funded"],
  g02: string,
  g03: string,
  gave: string,
  got: string,
  channels: string,
  extra: Partial<Respondent> = {},
): Respondent => ({ id, pages, lang: "de", actor, employees, funded, g02, g03, gave, got, channels, ...extra });

/** The 22 responses, in the order LimeSurvey stores them (by response id). */
export const RESPONDENTS: readonly Respondent[] = [
  //  id pg actor emp  funded g02     g03     gave (tech|mark|cont|othr)   got                   channels
  R(
    1,
    6,
    "1",
    8,
    "Y",
    "1224",
    "1123",
    "1010" + "1000" + "0100" + "0000",
    "1100" + "0010" + "0001" + "0000",
    "11000000",
  ),
  R(2, 6, "1", 12, "N", "", "2214", "1000" + "0100" + "0000" + "0000", "0101" + "0000" + "1000" + "0000", "01100000"),
  R(
    3,
    6,
    "2",
    1200,
    "Y",
    "2335",
    "1211",
    "0110" + "1010" + "0011" + "0100",
    "1001" + "0101" + "0000" + "0010",
    "10010000",
    { comment: 'Sehr "gut", danke\nZweite Zeile: Größe' },
  ),
  R(4, 6, "3", 450, "N", "", "3-22", "1001" + "0000" + "0000" + "1000", "0000" + "0000" + "0000" + "0000", "00000000"),
  R(
    5,
    6,
    "1",
    3,
    "Y",
    "1112",
    "1115",
    "1111" + "1100" + "1000" + "0010",
    "0110" + "1000" + "0100" + "0000",
    "11100001",
    { channelOther: "Podcast" },
  ),
  R(6, 6, "4", 6, "", "", "2222", "0001" + "0011" + "0001" + "0000", "1010" + "0001" + "0010" + "0100", "00110100"),
  R(7, 3, "1", 25, "Y", "2211", "12-1", "", "", ""),
  R(8, 6, "2", 5000, "N", "", "4433", "0100" + "0110" + "0000" + "0000", "0011" + "0000" + "0000" + "0001", "01001000"),
  R(
    9,
    6,
    "3",
    null,
    "Y",
    "3314",
    "2112",
    "0000" + "1001" + "0110" + "0100",
    "1000" + "1100" + "0000" + "0000",
    "10100010",
  ),
  R(10, 6, "1", 40, "N", "", "1234", "1001" + "0100" + "0100" + "0000", "0100" + "0010" + "0001" + "0000", "11010000"),
  R(
    11,
    6,
    "oth",
    9,
    "N",
    "",
    "5544",
    "0011" + "0000" + "0000" + "0000",
    "0000" + "0100" + "0000" + "0000",
    "00100000",
    { actorOther: "Verband für Innovation, e.V." },
  ),
  R(
    12,
    6,
    "2",
    300,
    "Y",
    "1425",
    "2311",
    "0100" + "0101" + "1010" + "0000",
    "1001" + "0000" + "0110" + "0000",
    "10011001",
    { channelOther: "=Messe" },
  ),
  R(13, 6, "3", 260, "N", "", "3333", "0010" + "0010" + "0000" + "0000", "0010" + "0001" + "0000" + "1000", "01000010"),
  R(
    14,
    6,
    "1",
    null,
    "",
    "",
    "2121",
    "1000" + "0000" + "0010" + "0000",
    "0001" + "0010" + "0000" + "0000",
    "10000001",
    { channelOther: "Fachzeitschrift" },
  ),
  R(15, 1, "3", 700, "N", "", "", "", "", ""),
  R(
    16,
    6,
    "4",
    2,
    "Y",
    "5-51",
    "1111",
    "1111" + "0001" + "0101" + "0000",
    "1110" + "0011" + "0000" + "0000",
    "11111110",
  ),
  R(17, 6, "3", 800, "N", "", "4-45", "0000" + "0000" + "0000" + "0000", "0000" + "0000" + "0000" + "0000", "00010000"),
  R(
    18,
    6,
    "2",
    2500,
    "Y",
    "2232",
    "2222",
    "0101" + "1000" + "0001" + "0100",
    "0100" + "1000" + "1001" + "0000",
    "10100100",
  ),
  R(
    19,
    6,
    "3",
    null,
    "N",
    "",
    "1-13",
    "0010" + "0100" + "1000" + "0000",
    "1000" + "0000" + "0000" + "0010",
    "00101000",
  ),
  R(
    20,
    6,
    "4",
    4,
    "Y",
    "1313",
    "1112",
    "0001" + "0010" + "0100" + "0000",
    "0001" + "0100" + "0010" + "0000",
    "11000010",
  ),
  R(
    21,
    6,
    "3",
    1000,
    "N",
    "",
    "2233",
    "0000" + "1000" + "0010" + "0000",
    "0100" + "0000" + "0000" + "0001",
    "00100100",
  ),
  R(
    22,
    6,
    "1",
    15,
    "Y",
    "4411",
    "3321",
    "0000" + "0000" + "0000" + "1000",
    "0000" + "1010" + "0100" + "0000",
    "10000000",
  ),
];

/** The same survey where every organisation has 20 employees: one size group only. */
export function singleSizeGroup(rs: readonly Respondent[] = RESPONDENTS): Respondent[] {
  return rs.map((r) => ({ ...r, employees: 20 }));
}

/** The same survey where no organisation is funded (the G02 block is then never shown). */
export function noneFunded(rs: readonly Respondent[] = RESPONDENTS): Respondent[] {
  return rs.map((r) => ({ ...r, funded: r.funded === "Y" ? "N" : r.funded, g02: "" }));
}
