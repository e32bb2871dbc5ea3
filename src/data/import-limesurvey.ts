/**
 * Imports a LimeSurvey response export (CSV, "question code" headings, answer codes, not
 * answer texts) into the survey table shape of `loadSurvey`, validated the same way.
 *
 * The export has one column per question or subquestion: `id`, `submitdate`, `lastpage`, …,
 * `G01Q01` (list), `G02Q03[SQ001]` (array / multiple-choice subquestion). Cells hold answer
 * codes such as `A1`…`A5`, `Y`/`N`, `-oth-` (the "other" option), `Y` or empty for a ticked or
 * unticked multiple-choice box, and "" or "N/A" for no answer (LimeSurvey's "export NULL
 * values as" setting).
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
 * A missing cell becomes the codebook's "nicht gefragt (Filter)" code (-8) when the variable
 * has an `askedIf` filter that the respondent's mapped answers do not meet (and the variable
 * allows -8), else `missing.code`. `"employees": true` reads a whole number of employees
 * (LimeSurvey may write "120.0000000000") and maps it with `sizeClassFromEmployees`.
 * Incomplete responses (empty `completed` cell) are dropped unless `keepIncomplete` is set;
 * the result says how many.
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, sizeClassFromEmployees, type Codebook, type Filter } from "./codebook.js";
import { openCsv, type CsvRecord } from "./csv.js";
import { LimeSurveyMappingError, ProblemList } from "./errors.js";
import { clip } from "./cell-rules.js";
import { columnsToTable, displayPath, readBytes } from "./load.js";
import { loadLimeSurveyMapping, resolveMapping, type LimeSurveyMapping, type ResolvedMapping } from "./limesurvey-mapping.js";
import { validateSurveyRecords } from "./validate.js";

/** Options of the LimeSurvey import. */
export interface ImportLimeSurveyOptions {
  /** Mapping file path, or the mapping itself. */
  mapping: string | LimeSurveyMapping;
  /** Codebook; defaults to data/codebook.json. */
  codebook?: Codebook;
  /** Keep responses without a submit date (default false: they are dropped and counted). */
  keepIncomplete?: boolean;
  /** How many problems to keep in an error (more are counted). */
  maxProblems?: number;
}

/** The imported survey and what happened to the responses. */
export interface LimeSurveyImport {
  table: ColumnTable;
  /** Responses in the export. */
  responses: number;
  /** Responses dropped because they were not completed. */
  droppedIncomplete: number;
}

const EMPLOYEES = /^\d+(\.0*)?$/;

function meets(filter: Filter, codes: Map<string, number>): boolean {
  return Object.entries(filter).every(([name, ok]) => ok.includes(codes.get(name) ?? NaN));
}

/**
 * Imports LimeSurvey export bytes (see the module comment for the mapping format).
 * @param content - the export's bytes (never modified).
 * @param options - mapping, codebook, keepIncomplete, problem cap, and the export's name.
 * @throws CsvFormatError when the export is not readable CSV.
 * @throws LimeSurveyMappingError for a wrong mapping (every wrong key) or answers the mapping
 *   does not cover (every row, column, value).
 * @throws SurveyValidationError when the mapped data break the codebook (e.g. duplicate ids).
 * @example readLimeSurvey(bytes, { mapping: "m.json", file: "export.csv" }).droppedIncomplete // => 1
 */
export function readLimeSurvey(content: Uint8Array, options: ImportLimeSurveyOptions & { file?: string }): LimeSurveyImport {
  const cb = options.codebook ?? loadCodebook();
  const file = options.file ?? "<limesurvey>";
  const mappingFile = typeof options.mapping === "string" ? displayPath(options.mapping) : "<mapping>";
  const mapping = typeof options.mapping === "string" ? loadLimeSurveyMapping(options.mapping) : options.mapping;
  const doc = openCsv(content, file);
  const m = resolveMapping(mapping, cb, doc.header, { mapping: mappingFile, export: file });
  const problems = new ProblemList(options.maxProblems);
  const records: CsvRecord[] = [];
  let responses = 0;
  let dropped = 0;
  for (const rec of doc.records) {
    responses++;
    const f = rec.fields;
    if (m.completedIndex !== undefined && !options.keepIncomplete && (f[m.completedIndex] ?? "") === "") {
      dropped++;
      continue;
    }
    if (f.length !== doc.header.length) {
      problems.add({ kind: "ragged-row", file, row: responses, line: rec.line, column: "", value: String(f.length), expected: `${doc.header.length} cells`, message: `row has ${f.length} cells, the header has ${doc.header.length}` });
      continue;
    }
    records.push({ fields: mapRow(f, rec.line, responses, m, cb, problems, file), line: rec.line, row: responses });
  }
  if (problems.total > 0) throw new LimeSurveyMappingError(file, problems.items, problems.total);
  const header = cb.variables.map((v) => v.name);
  const data = validateSurveyRecords(header, records, cb, { file, maxProblems: options.maxProblems });
  return { table: columnsToTable(data), responses, droppedIncomplete: dropped };
}

/**
 * Imports a LimeSurvey export file; see {@link readLimeSurvey}.
 * @throws DataFileError when the export cannot be read, and as {@link readLimeSurvey}.
 * @example importLimeSurvey("results.csv", { mapping: "data/limesurvey/mapping.json" }).table.numRows() // => 158
 */
export function importLimeSurvey(file: string, options: ImportLimeSurveyOptions): LimeSurveyImport {
  return readLimeSurvey(readBytes(file), { ...options, file: displayPath(file) });
}

function mapRow(f: string[], line: number, row: number, m: ResolvedMapping, cb: Codebook, problems: ProblemList, file: string): string[] {
  const rawId = f[m.id.index] ?? "";
  const id = /^\d+$/.test(rawId) ? m.id.prefix + rawId.padStart(m.id.pad, "0") : rawId === "" ? "" : m.id.prefix + rawId;
  const codes = new Map<string, number>();
  const missing: string[] = [];
  const report = (column: string, value: string, expected: string, message: string): void => {
    if (problems.items.length >= problems.cap) problems.total++;
    else problems.add({ kind: "unmapped-answer", file, row, line, column, value: clip(value, 200), expected, message });
  };
  for (const r of m.variables) {
    const name = r.variable.name;
    if (r.constant !== undefined) { codes.set(name, r.constant); continue; }
    const cell = f[r.index] ?? "";
    const code = r.answers?.get(cell);
    if (code !== undefined) codes.set(name, code);
    else if (m.missingValues.has(cell)) missing.push(name);
    else if (r.employees) {
      if (EMPLOYEES.test(cell)) codes.set(name, sizeClassFromEmployees(parseInt(cell, 10)));
      else report(r.column!, cell, "a whole number of employees ≥ 0", `"${clip(cell)}" is not a whole number of employees (mapping key "${r.key}")`);
    } else {
      const known = [...r.answers!.keys()].map((a) => JSON.stringify(a)).join(", ");
      report(r.column!, cell, `one of ${known} or a missing value`, `answer "${clip(cell)}" is not mapped (mapping key "${r.key}.answers" knows ${known}; missing values: ${[...m.missingValues].map((x) => JSON.stringify(x)).join(", ")})`);
    }
  }
  // optional variables the mapping leaves out read as missing answers
  for (const v of cb.variables) if (v.optionalColumn && !codes.has(v.name) && !missing.includes(v.name)) missing.push(v.name);
  const notAsked = cb.missing.find((x) => x.key === "notAsked")?.code;
  for (const name of missing) {
    const v = cb.variables.find((x) => x.name === name)!;
    const allowed = v.missing ?? cb.missing.map((x) => x.code);
    const filtered = notAsked !== undefined && v.askedIf && allowed.includes(notAsked) && !meets(v.askedIf, codes);
    codes.set(name, filtered ? notAsked : m.missingCode);
  }
  return cb.variables.map((v) => (v.type === "id" ? id : String(codes.get(v.name))));
}
