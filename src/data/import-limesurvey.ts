/**
 * Imports a LimeSurvey response export (CSV, question codes as headings, answer codes, not
 * answer texts) into the survey table shape of `loadSurvey`, validated the same way.
 *
 * What LimeSurvey 3.x–6.x writes, and how it is read (sources in the LimeSurvey repository,
 * application/helpers/admin/export/):
 * - CsvWriter.php: a UTF-8 byte-order mark, every cell in double quotes, CRLF after each record
 *   and one more CRLF at the end, cells separated by the "CSV field separator" (comma,
 *   semicolon or tab; ';' when none is given, as through the RemoteControl API). The
 *   separator is detected from the header. Since LimeSurvey 6 (late 2023) a NULL value — a
 *   question that was not shown — is written as an unquoted empty cell, an answer left empty
 *   as a quoted "" (`csvEscape`); older versions quote both. When the header is quoted, an
 *   unquoted empty cell is therefore taken as NULL: it is missing, and never matches a `""`
 *   answer (e.g. "not ticked").
 * - Writer.php / viewHelper.php: headings `G01Q01`, `G02Q01[SQ001]`, `G04Q01[SQ001_SQ002]`,
 *   `G01Q01[other]`, or with "Use ExpressionScript code" `G02Q01_SQ001`, or "Question code &
 *   question text" `G01Q01. Text`: all three are found (see `limesurvey-headings.ts`); text
 *   headings are refused with the setting to choose.
 * - SurveyObj.php: answer codes as stored (`A1` in 3.x, `AO01` from 4.x, `-oth-`), a ticked
 *   multiple-choice box `Y` and an unticked one "", a ticked checkbox of an array (numbers,
 *   checkbox layout) `1` and an unticked one "", numbers without trailing zeros. "Full
 *   answers" are texts and are refused with the setting to choose; "Convert Y to" / "Convert N
 *   to" (Writer.php `transformResponseValue`) turn Y and N (and "" of a multiple-choice box)
 *   into digits, which a mapping can list as answers.
 *
 * Mapping file (JSON; example: data/limesurvey/mapping.example.json):
 *
 *   {
 *     "description": "free text",
 *     "id": { "column": "id", "prefix": "R", "pad": 3 },    // response id 7 → "R007"
 *     "completed": "submitdate",        // empty cell = incomplete response; null = no check;
 *                                       // default "submitdate"
 *     "missing": { "values": ["", "N/A"], "code": -9 },      // default as shown
 *     "answerSets": {                   // reusable answer-code → codebook-code tables
 *       "likert5": { "A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5 },
 *       "ticked": { "Y": 1, "": 0 }
 *     },
 *     "variables": {                    // one entry per codebook variable except id
 *       "channel_other": { "column": "G05Q01[other]", "otherText": true },  // "Other:" text → 1
 *       "actorGroup": { "column": "G01Q01", "answers": { "A1": 1, "A2": 2, "-oth-": 5 } },
 *       "sizeClass":  { "column": "G01Q02", "employees": true },
 *       "funded":     { "column": "G01Q03", "answers": { "Y": 1, "N": 2 } },
 *       "priorNational": { "column": "G02Q01[SQ001]", "answers": "likert5" },
 *       "channel_newsletter": { "column": "G05Q01[SQ001]", "answers": "ticked" },
 *       "notAskedHere": { "constant": -9 }
 *     }
 *   }
 *
 * Rules, per cell: an answer listed in the variable's answers gives its code (so "" may mean
 * "not ticked" for a checkbox); otherwise a value listed in `missing.values` is missing;
 * anything else is an "answer not mapped" error naming the row, column, value and mapping key.
 * A NULL cell (see above) is always missing. A missing cell becomes the codebook's "nicht
 * gefragt (Filter)" code (-8) when the variable has an `askedIf` filter that the respondent's
 * mapped answers do not meet (and the variable allows -8), else `missing.code`.
 * `"employees": true` reads a whole number of employees (LimeSurvey may write
 * "120.0000000000") and maps it with `sizeClassFromEmployees`. `"otherText": true` reads the
 * free text of the "Other:" option of a multiple-choice question: a text is a mention (1), an
 * empty cell none (0). Incomplete responses (empty `completed` cell) are dropped unless
 * `keepIncomplete` is set; the result says how many.
 *
 * After mapping, `limesurvey-summary.ts` lists every variable's valid n, missing n and codes,
 * and refuses results that are almost certainly a wrong mapping (see there).
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, sizeClassFromEmployees, type Codebook, type Filter } from "./codebook.js";
import { delimiterName, openCsv, type CsvRecord } from "./csv.js";
import type { CsvEncoding } from "./csv-encoding.js";
import { LimeSurveyMappingError, ProblemList, type SurveyProblem } from "./errors.js";
import { clip } from "./cell-rules.js";
import { columnsToTable } from "./load.js";
import { dataSource } from "./source.js";
import {
  loadLimeSurveyMapping,
  resolveMapping,
  type LimeSurveyMapping,
  type ResolvedMapping,
} from "./limesurvey-mapping.js";
import { answerHint, fullAnswersMessage, looksLikeAnswerText } from "./limesurvey-settings.js";
import { suspectProblems, summarizeImport, type VariableSummary } from "./limesurvey-summary.js";
import type { HeadingStyle } from "./limesurvey-headings.js";
import { validateSurveyRecords } from "./validate.js";

/** Options of the LimeSurvey import. */
export interface ImportLimeSurveyOptions {
  /** Mapping file path, or the mapping itself. */
  mapping: string | LimeSurveyMapping;
  /** Codebook; defaults to data/codebook.json. */
  codebook?: Codebook;
  /** Keep responses without a submit date (default false: they are dropped and counted). */
  keepIncomplete?: boolean;
  /** The export's encoding (default UTF-8); "windows-1252" or "latin1" for a spreadsheet re-save. */
  encoding?: CsvEncoding;
  /** Variables (or grids: gave, got, channel) accepted despite the checks of `limesurvey-summary.ts`. */
  allow?: readonly string[];
  /** How many problems to keep in an error (more are counted). */
  maxProblems?: number;
}

/** How the export was read. */
export interface ExportFormat {
  delimiter: string;
  encoding: CsvEncoding;
  headings: HeadingStyle;
  /** Whether unquoted empty cells were read as NULL ("not shown"), i.e. the header was quoted. */
  nullsKept: boolean;
  /** Unquoted empty cells (NULL) in the responses used: none in a LimeSurvey export before 6. */
  nullCells: number;
}

/** The imported survey and what happened to the responses. */
export interface LimeSurveyImport {
  table: ColumnTable;
  /** Responses in the export. */
  responses: number;
  /** Responses dropped because they were not completed. */
  droppedIncomplete: number;
  /** Incomplete responses kept (with `keepIncomplete`). */
  keptIncomplete: number;
  format: ExportFormat;
  /** Per codebook variable: its column, valid n, missing n and the codes seen. */
  summary: VariableSummary[];
}

const EMPLOYEES = /^\d+(\.0*)?$/;

function meets(filter: Filter, codes: Map<string, number>): boolean {
  return Object.entries(filter).every(([name, ok]) => ok.includes(codes.get(name) ?? NaN));
}

/** "semicolon-separated, UTF-8": how an export was read, for messages. */
function readAs(delimiter: string, encoding: CsvEncoding): string {
  return `${delimiterName(delimiter)}-separated, ${encoding === "utf-8" ? "UTF-8" : encoding}`;
}

const ENCODING_HINT =
  "if it is a spreadsheet's re-save of the export, give --encoding windows-1252 (or export it again from LimeSurvey, which writes UTF-8)";

/**
 * Imports LimeSurvey export bytes (see the module comment for what is read and the mapping).
 * @param content - the export's bytes (never modified).
 * @param options - mapping, codebook, keepIncomplete, encoding, allowed variables, problem cap, the export's name.
 * @throws CsvFormatError when the export is not readable CSV (naming the separator it was read with).
 * @throws LimeSurveyMappingError for a wrong mapping (every wrong key), an export setting it
 *   cannot read (naming the setting to choose), answers the mapping does not cover (every
 *   row, column, value), or a mapped result that is almost certainly wrong.
 * @throws SurveyValidationError when the mapped data break the codebook (e.g. duplicate ids).
 * @example readLimeSurvey(bytes, { mapping: "m.json", file: "export.csv" }).droppedIncomplete // => 1
 */
export function readLimeSurvey(
  content: Uint8Array,
  options: ImportLimeSurveyOptions & { file?: string },
): LimeSurveyImport {
  const cb = options.codebook ?? loadCodebook();
  const file = options.file ?? "<limesurvey>";
  const encoding = options.encoding ?? "utf-8";
  const mappingFile = typeof options.mapping === "string" ? dataSource().display(options.mapping) : "<mapping>";
  const mapping = typeof options.mapping === "string" ? loadLimeSurveyMapping(options.mapping) : options.mapping;
  const known = new Set([...cb.variables.map((v) => v.name), ...Object.keys(cb.grids)]);
  const unknown = (options.allow ?? []).filter((a) => !known.has(a));
  if (unknown.length) {
    const p: SurveyProblem = {
      kind: "mapping",
      file,
      row: 0,
      line: 0,
      column: "",
      value: unknown.join(","),
      expected: "codebook variables or grids",
      message: `--allow names no codebook variable or grid: ${unknown.join(", ")} (grids: ${Object.keys(cb.grids).join(", ")})`,
    };
    throw new LimeSurveyMappingError(file, [p]);
  }
  const doc = openCsv(content, file, {
    delimiters: [",", ";", "\t"],
    trackQuotes: true,
    encoding,
    encodingHint: ENCODING_HINT,
  });
  const how = readAs(doc.delimiter, encoding);
  const m = withFormat(how, file, () =>
    resolveMapping(mapping, cb, doc.header, { mapping: mappingFile, export: file }),
  );
  const problems = new ProblemList(options.maxProblems);
  const texts: SurveyProblem[] = [];
  const records: CsvRecord[] = [];
  let responses = 0;
  let dropped = 0;
  let kept = 0;
  let nullCells = 0;
  for (const rec of doc.records) {
    responses++;
    const f = rec.fields;
    const incomplete = m.completedIndex !== undefined && (f[m.completedIndex] ?? "") === "";
    if (incomplete && !options.keepIncomplete) {
      dropped++;
      continue;
    }
    if (incomplete) kept++;
    if (f.length !== doc.header.length) {
      problems.add({
        kind: "ragged-row",
        file,
        row: responses,
        line: rec.line,
        column: "",
        value: String(f.length),
        expected: `${doc.header.length} cells`,
        message: `row has ${f.length} cells, the header has ${doc.header.length}`,
      });
      continue;
    }
    const isNull = doc.headerQuoted ? (i: number) => f[i] === "" && rec.quoted![i] === false : () => false;
    if (doc.headerQuoted) for (let i = 0; i < f.length; i++) if (isNull(i)) nullCells++;
    records.push({
      fields: mapRow({ f, isNull, line: rec.line, row: responses }, m, cb, problems, texts, file),
      line: rec.line,
      row: responses,
    });
  }
  if (texts.length) problems.items.unshift(texts[0]!);
  if (problems.total > 0)
    throw new LimeSurveyMappingError(file, problems.items, problems.total + (texts.length ? 1 : 0), how);
  const header = cb.variables.map((v) => v.name);
  const data = validateSurveyRecords(header, records, cb, { file, maxProblems: options.maxProblems });
  const table = columnsToTable(data);
  const summary = summarizeImport(table, cb, m);
  const suspects = suspectProblems(summary, cb, { file, allow: options.allow ?? [] });
  if (suspects.length) throw new LimeSurveyMappingError(file, suspects, suspects.length, how);
  const format: ExportFormat = {
    delimiter: doc.delimiter,
    encoding,
    headings: m.headings,
    nullsKept: doc.headerQuoted,
    nullCells,
  };
  return { table, responses, droppedIncomplete: dropped, keptIncomplete: kept, format, summary };
}

/** Runs `f`, adding how the export was read to the headline of an error about the export. */
function withFormat<T>(how: string, file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LimeSurveyMappingError && e.file === file)
      throw new LimeSurveyMappingError(e.file, e.problems, e.total, how);
    throw e;
  }
}

/**
 * Imports a LimeSurvey export file; see {@link readLimeSurvey}.
 * @throws DataFileError when the export cannot be read, and as {@link readLimeSurvey}.
 * @example importLimeSurvey("results.csv", { mapping: "data/limesurvey/mapping.json" }).table.numRows() // => 158
 */
export function importLimeSurvey(file: string, options: ImportLimeSurveyOptions): LimeSurveyImport {
  const source = dataSource();
  return readLimeSurvey(source.user(file), { ...options, file: source.display(file) });
}

interface Cells {
  f: string[];
  isNull: (i: number) => boolean;
  line: number;
  row: number;
}

function mapRow(
  cells: Cells,
  m: ResolvedMapping,
  cb: Codebook,
  problems: ProblemList,
  texts: SurveyProblem[],
  file: string,
): string[] {
  const { f, isNull, line, row } = cells;
  const rawId = f[m.id.index] ?? "";
  const id = /^\d+$/.test(rawId)
    ? m.id.prefix + rawId.padStart(m.id.pad, "0")
    : rawId === ""
      ? ""
      : m.id.prefix + rawId;
  const codes = new Map<string, number>();
  const missing: string[] = [];
  const report = (column: string, value: string, expected: string, message: string): void => {
    if (problems.items.length >= problems.cap) problems.total++;
    else problems.add({ kind: "unmapped-answer", file, row, line, column, value: clip(value, 200), expected, message });
  };
  for (const r of m.variables) {
    const name = r.variable.name;
    if (r.constant !== undefined) {
      codes.set(name, r.constant);
      continue;
    }
    const cell = f[r.index] ?? "";
    if (isNull(r.index)) {
      missing.push(name);
      continue;
    }
    if (r.otherText) {
      codes.set(name, cell.trim() === "" ? 0 : 1);
      continue;
    }
    const code = r.answers?.get(cell);
    if (code !== undefined) codes.set(name, code);
    else if (m.missingValues.has(cell)) missing.push(name);
    else if (r.employees) {
      if (EMPLOYEES.test(cell)) codes.set(name, sizeClassFromEmployees(parseInt(cell, 10)));
      else
        report(
          r.column!,
          cell,
          "a whole number of employees ≥ 0",
          `"${clip(cell)}" is not a whole number of employees (mapping key "${r.key}")`,
        );
    } else {
      const keys = [...r.answers!.keys()];
      const known = keys.map((a) => JSON.stringify(a)).join(", ");
      if (!texts.length && looksLikeAnswerText(cell))
        texts.push({
          kind: "export-setting",
          file,
          row,
          line,
          column: r.column!,
          value: clip(cell, 200),
          expected: "answer codes",
          message: fullAnswersMessage(r.column!, cell),
        });
      report(
        r.column!,
        cell,
        `one of ${known} or a missing value`,
        `answer "${clip(cell)}" is not mapped (mapping key "${r.key}.answers" knows ${known}; missing values: ${[...m.missingValues].map((x) => JSON.stringify(x)).join(", ")})${answerHint(cell, keys)}`,
      );
    }
  }
  // optional variables the mapping leaves out read as missing answers
  for (const v of cb.variables)
    if (v.optionalColumn && !codes.has(v.name) && !missing.includes(v.name)) missing.push(v.name);
  const notAsked = cb.missing.find((x) => x.key === "notAsked")?.code;
  for (const name of missing) {
    const v = cb.variables.find((x) => x.name === name)!;
    const allowed = v.missing ?? cb.missing.map((x) => x.code);
    const filtered = notAsked !== undefined && v.askedIf && allowed.includes(notAsked) && !meets(v.askedIf, codes);
    codes.set(name, filtered ? notAsked : m.missingCode);
  }
  return cb.variables.map((v) => (v.type === "id" ? id : String(codes.get(v.name))));
}
