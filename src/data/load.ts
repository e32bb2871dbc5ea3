/**
 * Loading the survey: bytes → CSV records → validated, typed columns → an Arquero table with
 * one row per respondent, `id` as text and every other codebook variable as integer codes, in
 * codebook order. Parsed tables are cached per file content and codebook within a
 * process, so notebooks and figure builders can call `loadSurvey()` freely. Input files are
 * only read, never written.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadCodebook, type Codebook } from "./codebook.js";
import { openCsv, type CsvRecord } from "./csv.js";
import type { SurveyProblem } from "./errors.js";
import { checkSurveyRecords, validateSurveyRecords, type SurveyColumns } from "./validate.js";
import { PROJECT_FILES, readBytesOf } from "./source.js";
import { perSession } from "../util/session-scoped.js";

/** Options of survey loading. */
export interface LoadSurveyOptions {
  /** The codebook to validate against; defaults to data/codebook.json. */
  codebook?: Codebook;
  /** How many problems to keep in a SurveyValidationError (more are counted). */
  maxProblems?: number;
  /** Reuse a table already parsed from identical bytes in this process (default true). */
  cache?: boolean;
}

// Per kernel session: a notebook that runs after another in the same kernel gets tables of its
// own, so that what one notebook attached to a table (a disclosure policy) is not the next one's.
const bytesKey = new TextDecoder("latin1");

let cache = perSession(() => new WeakMap<Codebook, Map<string, ColumnTable>>());

/**
 * Builds the Arquero table from validated columns.
 * @example columnsToTable({ names: ["id"], columns: { id: ["R001"] }, rows: 1 }).numRows() // => 1
 */
export function columnsToTable(data: SurveyColumns): ColumnTable {
  return aq.table(data.columns, data.names);
}

/**
 * Parses and validates survey CSV bytes into a table (cached per content and codebook).
 * @param content - CSV bytes (a string is taken as UTF-8 text).
 * @param options - codebook, file name for messages, problem cap, cache switch.
 * @throws CsvFormatError when the bytes are not readable CSV (empty, encoding, delimiter, quote).
 * @throws SurveyValidationError listing every problem found against the codebook.
 * @example readSurveyTable("id,actorGroup,…\nR001,1,…\n", { file: "mine.csv" }).numRows() // => 1
 */
export function readSurveyTable(
  content: Uint8Array | string,
  options: LoadSurveyOptions & { file?: string } = {},
): ColumnTable {
  const cb = options.codebook ?? loadCodebook();
  const buf = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const useCache = options.cache ?? true;
  // The bytes as a string (every byte its own character): an exact key of the content.
  const key = useCache ? bytesKey.decode(buf) : "";
  const hit = useCache ? cache().get(cb)?.get(key) : undefined;
  if (hit) return hit;
  const file = options.file ?? "<survey>";
  const doc = openCsv(buf, file);
  const data = validateSurveyRecords(doc.header, doc.records, cb, { file, maxProblems: options.maxProblems });
  const table = columnsToTable(data);
  if (useCache) {
    if (!cache().has(cb)) cache().set(cb, new Map());
    cache().get(cb)!.set(key, table);
  }
  return table;
}

/**
 * Loads the survey as an Arquero table: one row per respondent, `id` text, every other
 * codebook variable an integer code (scale or missing code), columns in codebook order.
 * @param file - survey CSV; defaults to data/survey.csv.
 * @param options - codebook, problem cap, cache switch.
 * @throws DataFileError when the file cannot be read.
 * @throws CsvFormatError when it is not readable CSV (empty, encoding, delimiter, quote).
 * @throws SurveyValidationError listing every problem found against the codebook.
 * @example loadSurvey().columnNames().length // => 52
 */
export function loadSurvey(file?: string, options: LoadSurveyOptions = {}): ColumnTable {
  const { bytes, name } = readBytesOf(file, PROJECT_FILES.survey);
  return readSurveyTable(bytes, { ...options, file: name });
}

/**
 * Checks a survey file against the codebook without throwing for data problems: the list of
 * problems, empty when the file is fine (for a "check my CSV" command).
 * @throws DataFileError / CsvFormatError when the file cannot be read as CSV at all.
 * @example checkSurveyFile("mine.csv").map((p) => p.kind) // => ["duplicate-id"]
 */
export function checkSurveyFile(file: string, options: LoadSurveyOptions = {}): SurveyProblem[] {
  const { bytes, name } = readBytesOf(file, PROJECT_FILES.survey);
  const doc = openCsv(bytes, name);
  return checkSurveyRecords(doc.header, doc.records, options.codebook ?? loadCodebook(), {
    file: name,
    maxProblems: options.maxProblems,
  }).problems;
}

/**
 * Builds a validated survey table from row objects keyed by variable name (for tests and
 * small examples). Values are checked exactly as CSV cells are.
 * @param rows - one object per respondent; the first row's keys are the columns.
 * @throws SurveyValidationError as {@link loadSurvey} does (file "<rows>", line = row + 1).
 * @example surveyFromRows([{ id: "R001", actorGroup: 1, … }]).get("id", 0) // => "R001"
 */
export function surveyFromRows(
  rows: ReadonlyArray<Record<string, string | number | null | undefined>>,
  options: LoadSurveyOptions = {},
): ColumnTable {
  const cb = options.codebook ?? loadCodebook();
  const header = rows.length ? Object.keys(rows[0]!) : cb.variables.map((v) => v.name);
  const records: CsvRecord[] = rows.map((r, i) => ({
    fields: header.map((h) => (r[h] === null || r[h] === undefined ? "" : String(r[h]))),
    line: i + 2,
  }));
  return columnsToTable(
    validateSurveyRecords(header, records, cb, { file: "<rows>", maxProblems: options.maxProblems }),
  );
}

/**
 * Forgets every cached table, so the next load parses again (for tests that measure parsing).
 * Edited files never need this: the cache key is the content, so a changed file is re-read.
 * @example const a = loadSurvey(); clearSurveyCache(); loadSurvey() === a // => false
 */
export function clearSurveyCache(): void {
  cache = perSession(() => new WeakMap());
}
