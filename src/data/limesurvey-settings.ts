/**
 * LimeSurvey's export settings in its own words, so that a message can say exactly what to
 * choose in "Responses → Export → Export responses", and the recognisers for answers written
 * with a setting the mapping does not expect.
 *
 * The words are those of LimeSurvey's export form: application/views/admin/export/
 * exportresult_panels/_format.php ("CSV field separator:"), _general.php ("Completion state:"),
 * _headings.php ("Export questions as:", "Use ExpressionScript code:", "Code/text separator:"),
 * _responses.php ("Export responses as:", "Convert Y to:", "Convert N to:"), with the choices
 * listed in application/controllers/admin/Export.php (`headexports`, `aCsvFieldSeparator`).
 */

/** The settings of LimeSurvey's response export that matter for reading its CSV. */
export const EXPORT_SETTINGS = {
  format: {
    panel: "Format",
    label: "Export format:",
    csv: "CSV",
    separator: "CSV field separator:",
    comma: "Comma",
    semicolon: "Semicolon",
    tab: "Tab",
  },
  general: { panel: "General", label: "Completion state:", complete: "Completed responses only", all: "All responses" },
  headings: {
    panel: "Headings",
    label: "Export questions as:",
    code: "Question code",
    abbreviated: "Abbreviated question text",
    full: "Full question text",
    codeText: "Question code & question text",
    expression: "Use ExpressionScript code:",
  },
  responses: {
    panel: "Responses",
    label: "Export responses as:",
    short: "Answer codes",
    long: "Full answers",
    convertY: "Convert Y to:",
    convertN: "Convert N to:",
  },
} as const;

/**
 * A setting's choice as LimeSurvey shows it, in quotes.
 * @example quoteSetting("Answer codes") // => "“Answer codes”"
 */
export function quoteSetting(choice: string): string {
  return `“${choice}”`;
}

/** Full-answer words LimeSurvey writes for Yes/No and multiple-choice questions (English and German exports). */
const FULL_ANSWER_WORDS = new Set(["Yes", "No", "Ja", "Nein", "Other", "Sonstiges", "N/A"]);

/**
 * Whether a cell looks like an answer text rather than an answer code: LimeSurvey's codes are
 * at most five letters or digits (answers.code is varchar(5)), or "-oth-".
 * @example [looksLikeAnswerText("AO01"), looksLikeAnswerText("Trifft voll zu"), looksLikeAnswerText("Yes")] // => [false, true, true]
 */
export function looksLikeAnswerText(cell: string): boolean {
  if (cell === "" || cell === "-oth-") return false;
  return FULL_ANSWER_WORDS.has(cell) || !/^[A-Za-z0-9]{1,5}$/.test(cell);
}

/**
 * The problem to report first when answers are texts: which setting the export used, which to choose.
 * @example fullAnswersMessage("G01Q01", "KMU/Start-ups") // => 'the answers are texts, not answer codes (e.g. "KMU/Start-ups" in column G01Q01): …'
 */
export function fullAnswersMessage(column: string, value: string): string {
  const r = EXPORT_SETTINGS.responses;
  return `the answers are texts, not answer codes (e.g. "${value.slice(0, 40)}" in column ${column}): the export used ${r.label} ${quoteSetting(r.long)} (LimeSurvey's default); export again with ${r.panel} → ${r.label} ${quoteSetting(r.short)}`;
}

/**
 * A hint for an answer code the mapping does not know, when the likely cause is a LimeSurvey
 * version or export setting: AO01 (LimeSurvey 4 and later) against A1 (3.x) codes, or Y/N
 * converted to digits.
 * @param value - the unmapped cell.
 * @param known - the answer codes the mapping knows for the column.
 * @example answerHint("AO01", ["A1", "A2"]) // => '; LimeSurvey 4 and later name answer options AO01, AO02 …, 3.x A1, A2 …: add "AO01" to the answer set'
 */
export function answerHint(value: string, known: readonly string[]): string {
  if (/^AO\d+$/.test(value) && known.some((k) => /^A\d+$/.test(k)))
    return `; LimeSurvey 4 and later name answer options AO01, AO02 …, 3.x A1, A2 …: add "${value}" to the answer set`;
  if (/^A\d+$/.test(value) && known.some((k) => /^AO\d+$/.test(k)))
    return `; LimeSurvey 3.x names answer options A1, A2 …, 4 and later AO01, AO02 …: add "${value}" to the answer set`;
  if (/^\d$/.test(value) && known.includes("Y")) {
    const r = EXPORT_SETTINGS.responses;
    const settings = `${r.convertY} / ${r.convertN}`;
    if (known.includes("N"))
      return `; the export converted Y/N to digits (${settings}), which LimeSurvey also applies to an unanswered Yes/No question, so "no answer" cannot be told from "No": export again with ${settings} off`;
    return `; the export converted Y/N to digits (${settings}): export again with them off, or add "${value}" to the answer set`;
  }
  return "";
}
