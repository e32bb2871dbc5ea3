/**
 * Recognising an export written with LimeSurvey's default "Full answers" before a mapping's
 * own problems are listed: a mapping made for answer codes finds nothing but "unmapped"
 * answers in such an export, and the one thing to do is to export again (or to give the survey
 * structure, with which the texts are read back as codes).
 */
import type { CsvRecord } from "../csv.js";
import type { SurveyProblem } from "../errors.js";
import { locateColumns } from "../limesurvey-headings.js";
import type { LimeSurveyMapping } from "../limesurvey-mapping.js";
import { fullAnswersMessage, looksLikeAnswerText } from "../limesurvey-settings.js";

/** Yes/No words LimeSurvey writes as full answers of yes/no and multiple-choice questions, in the languages its exports come in. */
export const YES_NO_WORDS = new Set([
  "Yes",
  "No",
  "Ja",
  "Nein",
  "Oui",
  "Non",
  "Sí",
  "Si",
  "Tak",
  "Nie",
  "Nee",
  "Sim",
  "Não",
  "N/A",
]);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** Each mapped column with answer codes, with the codes its mapping knows. */
function answerColumns(mapping: LimeSurveyMapping): Array<{ column: string; known: Set<string> }> {
  if (!isObject(mapping) || !isObject(mapping.variables)) return [];
  const sets = isObject(mapping.answerSets) ? mapping.answerSets : {};
  return Object.values(mapping.variables).flatMap((v) => {
    if (!isObject(v) || !("answers" in v) || typeof v.column !== "string") return [];
    const table = typeof v.answers === "string" ? sets[v.answers] : v.answers;
    return isObject(table) ? [{ column: v.column, known: new Set(Object.keys(table)) }] : [];
  });
}

/**
 * The "Full answers" problem to report first, if the export's cells are answer texts: a mapped
 * column holding a text where its mapping expects codes, or a column whose every filled cell is
 * a Yes/No word (the full answer of a yes/no or multiple-choice question).
 * @param header - the export's header.
 * @param records - its data records (reads at most `maxRows`).
 * @param mapping - the mapping, as parsed (it may be incomplete or wrong).
 * @param file - the export's name, for the problem.
 * @example fullAnswersProblem(["id", "G01Q01"], [{ fields: ["1", "KMU/Start-ups"], line: 2 }], mapping, "e.csv")?.kind // => "export-setting"
 */
export function fullAnswersProblem(
  header: readonly string[],
  records: Iterable<CsvRecord>,
  mapping: LimeSurveyMapping,
  file: string,
  maxRows = 500,
): SurveyProblem | undefined {
  const columns = answerColumns(mapping);
  const located = locateColumns(
    header,
    columns.map((c) => c.column),
  );
  const missing = new Set(
    isObject(mapping) && isObject(mapping.missing) ? (mapping.missing.values ?? ["", "N/A"]) : ["", "N/A"],
  );
  const words = header.map(() => ({ yesNo: 0, other: 0 }));
  let row = 0;
  for (const rec of records) {
    row++;
    if (row > maxRows) break;
    for (const c of columns) {
      const i = located.indexOf(c.column);
      const cell = i === -1 ? "" : (rec.fields[i] ?? "");
      if (cell !== "" && !c.known.has(cell) && !missing.has(cell) && looksLikeAnswerText(cell))
        return problem(file, row, rec.line, c.column, cell);
    }
    rec.fields.forEach((cell, i) => {
      if (cell === "" || !words[i]) return;
      if (YES_NO_WORDS.has(cell) && cell !== "N/A") words[i].yesNo++;
      else if (cell !== "N/A") words[i].other++;
    });
  }
  const i = words.findIndex((w) => w.yesNo >= 3 && w.other === 0);
  return i === -1 ? undefined : problem(file, 0, 0, header[i]!, "");
}

function problem(file: string, row: number, line: number, column: string, value: string): SurveyProblem {
  return {
    kind: "export-setting",
    file,
    row,
    line,
    column,
    value,
    expected: "answer codes",
    message: fullAnswersMessage(column, value || "Yes/No words"),
  };
}
