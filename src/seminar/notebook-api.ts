/**
 * The calls the seminar notebooks make: `seminar(…)` once after loading the data, then
 * `check(id, `answer`)` in each answer cell, and the numbers of a regrouped figure. An answer
 * cell imports `check` itself, so it compiles even when the cells above have not run; it then
 * says which cell to run first instead of failing with a compiler error.
 */
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import { isOwnData } from "../data/disclosure-policy.js";
import { figureBuilder } from "../figures/index.js";
import type { FigureOptions } from "../figures/common/types.js";
import { perSession } from "../util/session-scoped.js";
import { checkAnswer, exercise, seminarExercises } from "./exercises.js";
import { regroupedCodebook, type CustomGroup } from "./regroup.js";

/** The data and language `seminar(…)` set for this notebook (per kernel session). */
const current = perSession(() => ({ table: undefined as ColumnTable | undefined, lang: "de" as Lang }));

const NOT_READY: Record<Lang, string> = {
  de: "Bitte zuerst die Zellen darüber ausführen, von der Zelle `parameters` bis zur Zelle mit `seminar(…)` (in Jupyter: Menü Cell → Run All Above), dann diese Zelle noch einmal.",
  en: "Please run the cells above first, from the cell `parameters` to the one with `seminar(…)` (in Jupyter: menu Cell → Run All Above), then this cell again.",
};

const isTable = (x: unknown): x is ColumnTable =>
  typeof x === "object" && x !== null && typeof (x as ColumnTable).numRows === "function";
const isLang = (x: unknown): x is Lang => x === "de" || x === "en";

/**
 * Starts a seminar notebook: the data and language every later `check` uses, and one sentence
 * saying what was loaded.
 * @throws RangeError for a seminar without exercises.
 * @example seminar("S2", survey(), "de") // prints "S2: 158 Befragte geladen (Rekonstruktion, …). …"
 */
export function seminar(name: string, table: ColumnTable, lang: Lang = "de"): void {
  const count = seminarExercises(name).length;
  if (!count) throw new RangeError(`unknown seminar "${name}"; known: S1, S2, S3`);
  Object.assign(current(), { table, lang });
  const own = isOwnData(table);
  console.log(
    lang === "de"
      ? `${name}: ${table.numRows()} Befragte geladen (${own ? "eigene Daten" : "Rekonstruktion der Daten des Berichts, data/ASSUMPTIONS.md"}). ${count} Aufgaben; jede Antwortzelle prüft Ihre Antwort mit check(…).`
      : `${name}: ${table.numRows()} respondents loaded (${own ? "own data" : "reconstruction of the report's data, data/ASSUMPTIONS.md"}). ${count} exercises; each answer cell checks your answer with check(…).`,
  );
}

/**
 * The verdict on an answer as the notebook prints it. The answer is best typed between
 * backticks (`check("s2-2", `10,3`)`); a number with a decimal comma typed bare arrives as two
 * arguments (`check("s2-2", 10,3)`) and is read as one. Without a table and language the ones
 * `seminar(…)` set are used; with them, the verdict is a pure function of the arguments.
 * @throws RangeError for an unknown exercise id.
 * @example checkMessage("s1-4", "2", survey(), "en") // => "s1-4: ✓ correct. 4 of 5. …"
 */
export function checkMessage(id: string, answer?: unknown, ...more: unknown[]): string {
  exercise(id);
  const table = more.find(isTable) ?? current().table;
  const lang = more.find(isLang) ?? (more.some(isTable) ? "de" : current().lang);
  const decimals = more.find((x) => typeof x === "number");
  const typed =
    typeof answer === "number" && typeof decimals === "number" && Number.isInteger(decimals) && decimals >= 0
      ? `${answer},${decimals}`
      : answer;
  if (!table) {
    const langs: Lang[] = more.some(isLang) ? [lang] : ["de", "en"];
    return `${id}: ${langs.map((l) => NOT_READY[l]).join("\n")}`;
  }
  return checkAnswer(id, typed, table, lang).message;
}

/**
 * Checks an answer and prints the verdict (✓ with the reasoning, or ✗ with a hint that fits the
 * mistake) for the student; see `checkMessage` for what is accepted.
 * @returns nothing, so the notebook shows only the verdict.
 */
export function check(id: string, answer?: unknown, ...more: unknown[]): void {
  console.log(checkMessage(id, answer, ...more));
}

/**
 * The numbers of figure `id` drawn with groups of one's own (see `regroupedFigure`).
 * @example regroupedNumbers("abb-03", survey(), groups).numRows() // => 10
 */
export function regroupedNumbers(
  id: string,
  table: ColumnTable,
  groups: CustomGroup[],
  options: Partial<FigureOptions> = {},
): ColumnTable {
  return figureBuilder(id).numbers(table, { ...options, codebook: regroupedCodebook(id, groups, options.codebook) });
}
