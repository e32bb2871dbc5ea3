/**
 * Typed errors of the data layer. Each one says which file, where in it, which column and
 * value, and what was expected, so that a person can fix the input without reading code.
 * The CLI turns them into one clear line and an exit code.
 */
import { InterspinError } from "../util/errors.js";

/** What kind of problem a {@link SurveyProblem} is; stable keys for code and tests. */
export type ProblemKind =
  | "missing-column"
  | "unknown-column"
  | "duplicate-column"
  | "no-respondents"
  | "ragged-row"
  | "empty-id"
  | "duplicate-id"
  | "empty-cell"
  | "formula"
  | "not-integer"
  | "unknown-code"
  | "out-of-range"
  | "mapping"
  | "unmapped-answer"
  | "bad-employees"
  | "export-setting"
  | "suspect-mapping";

/**
 * One problem found in an input file.
 * `row` is the 1-based data row (the header is row 0), `line` the 1-based line of the file
 * where that row starts (they differ by one, or more when a quoted cell spans lines); line 0
 * means the problem concerns a whole file, such as a mapping key.
 */
export interface SurveyProblem {
  kind: ProblemKind;
  file: string;
  row: number;
  line: number;
  column: string;
  value: string;
  expected: string;
  message: string;
}

/** How many problems an error message lists before it says "… and N more"; `problems` holds them all (up to the cap). */
export const PROBLEMS_SHOWN = 20;

/**
 * Formats one problem as a single line: `file:line (row n), column "c": message`.
 * @example formatProblem({ kind: "empty-id", file: "s.csv", row: 2, line: 3, column: "id", value: "", expected: "a respondent id", message: "empty respondent id" })
 * // => 's.csv:3 (row 2), column "id": empty respondent id'
 */
export function formatProblem(p: SurveyProblem): string {
  if (p.line === 0) return `${p.file}: ${p.message}`;
  const where = p.row > 0 ? `${p.file}:${p.line} (row ${p.row})` : `${p.file}:${p.line} (header)`;
  return p.column ? `${where}, column "${p.column}": ${p.message}` : `${where}: ${p.message}`;
}

function summary(title: string, problems: SurveyProblem[], total: number): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `  - ${formatProblem(p)}`);
  const more = total - shown.length;
  const tail = more > 0 ? [`  … and ${more} more (${total} problems in total)`] : [];
  return [`${title}: ${total} problem${total === 1 ? "" : "s"}`, ...shown, ...tail].join("\n");
}

/**
 * Raised when a file cannot be read as CSV at all: empty, wrong encoding, wrong delimiter,
 * a quote left open. Reading stops at the first such error because nothing after it can be
 * trusted.
 * @example new CsvFormatError("s.csv", 4, "encoding", "not valid UTF-8").message
 * // => "s.csv:4: not valid UTF-8"
 */
export class CsvFormatError extends InterspinError {
  override name = "CsvFormatError";
  constructor(
    readonly file: string,
    /** 1-based line of the file, 0 when the problem concerns the file as a whole. */
    readonly line: number,
    readonly reason: "empty" | "encoding" | "delimiter" | "quote",
    detail: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
  }
}

/** An error holding a list of problems (capped) and their total; the message summarises them. */
export abstract class ProblemsError extends InterspinError {
  constructor(
    headline: string,
    readonly file: string,
    readonly problems: SurveyProblem[],
    /** Problems found in total, which may exceed `problems.length` when the cap was hit. */
    readonly total: number = problems.length,
  ) {
    super(summary(headline, problems, total));
  }
}

/**
 * Raised when survey data do not match the codebook. Holds every problem found in one pass
 * (up to a cap); the message lists the first {@link PROBLEMS_SHOWN} and the total count.
 * @example err.problems.map((p) => p.kind) // => ["unknown-code", "duplicate-id"]
 */
export class SurveyValidationError extends ProblemsError {
  override name = "SurveyValidationError";
  constructor(file: string, problems: SurveyProblem[], total: number = problems.length) {
    super(`${file}: survey data do not match the codebook`, file, problems, total);
  }
}

/**
 * Raised when a LimeSurvey mapping is wrong: it names a variable the codebook lacks, a
 * column the export lacks, leaves a codebook variable unmapped, or an answer in the export
 * has no mapped code. `problems` lists them all; mapping-level ones have row 0 and name the
 * mapping key in `column`.
 * @example err.problems[0].message // => 'mapping key "variables.fundd": no codebook variable "fundd"'
 */
export class LimeSurveyMappingError extends ProblemsError {
  override name = "LimeSurveyMappingError";
  constructor(file: string, problems: SurveyProblem[], total: number = problems.length, readAs = "") {
    super(`${file}${readAs ? ` (${readAs})` : ""}: LimeSurvey mapping does not fit`, file, problems, total);
  }
}

/**
 * Collects problems up to a cap so that a file full of errors cannot exhaust memory; keeps
 * counting past the cap.
 * @example const c = new ProblemList(1); c.add(p); c.add(p); [c.items.length, c.total] // => [1, 2]
 */
export class ProblemList {
  readonly items: SurveyProblem[] = [];
  total = 0;
  constructor(readonly cap: number = 10_000) {}
  add(problem: SurveyProblem): void {
    this.total++;
    if (this.items.length < this.cap) this.items.push(problem);
  }
}

/**
 * Raised when an input file cannot be read (missing, a folder, no permission).
 * @example new DataFileError("data/survey.csv", "file not found").message // => "data/survey.csv: file not found"
 */
export class DataFileError extends InterspinError {
  override name = "DataFileError";
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}
