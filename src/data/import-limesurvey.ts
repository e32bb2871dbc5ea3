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
 *   headings ("Full question text", LimeSurvey's default) are read with the survey structure
 *   (`structure`, see `limesurvey/export-view.ts`) and refused without it, naming the setting.
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
 * With the survey structure (`structure`: a `.lss`, `.lsa` or tab-separated `.txt`), "Full
 * answers" are read back as codes (`limesurvey/columns.ts`), the mapping is checked against
 * the questions' answer options and texts (`limesurvey/check-mapping.ts`), and each question's
 * relevance decides, for every LimeSurvey version, whether a respondent was shown it
 * (`limesurvey/shown.ts`): a question not shown is missing like a NULL cell, never "not
 * ticked". Without it, an export with no NULL cell (LimeSurvey before 6) cannot tell, and a
 * mapped multiple-choice question someone ticked nothing of gets a warning
 * (`limesurvey/warnings.ts`).
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
import { loadCodebook, type Codebook } from "./codebook.js";
import { delimiterName, openCsv, type CsvRecord } from "./csv.js";
import type { CsvEncoding } from "./csv-encoding.js";
import { LimeSurveyMappingError, ProblemList, type SurveyProblem } from "./errors.js";
import { columnsToTable } from "./load.js";
import { dataSource } from "./source.js";
import {
  loadLimeSurveyMapping,
  resolveMapping,
  type LimeSurveyMapping,
  type ResolvedMapping,
} from "./limesurvey-mapping.js";
import { suspectProblems, summarizeImport, type VariableSummary } from "./limesurvey-summary.js";
import type { HeadingStyle } from "./limesurvey-headings.js";
import { validateSurveyRecords } from "./validate.js";
import { structureProblems } from "./limesurvey/check-mapping.js";
import { fromFullAnswer, isAnswerCode } from "./limesurvey/columns.js";
import { exportView, type ExportView } from "./limesurvey/export-view.js";
import { fullAnswersProblem } from "./limesurvey/full-answers.js";
import { mapRow, Refusals } from "./limesurvey/map-row.js";
import { loadSurveyStructure } from "./limesurvey/read-structure.js";
import { rCells, rHeader } from "./limesurvey/r-syntax.js";
import { ShownColumns } from "./limesurvey/shown.js";
import { escapeInvisible } from "./limesurvey/show.js";
import type { SurveyStructure } from "./limesurvey/structure.js";
import { TickedNothing, type ImportWarning } from "./limesurvey/warnings.js";

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
  /** The survey structure: a `.lss`, `.lsa` or tab-separated `.txt` file, or the structure read. */
  structure?: string | SurveyStructure;
}

/** How the export was read. */
export interface ExportFormat {
  delimiter: string;
  encoding: CsvEncoding;
  headings: HeadingStyle | "full question text" | "names of the R syntax file";
  /** Whether unquoted empty cells were read as NULL ("not shown"), i.e. the header was quoted. */
  nullsKept: boolean;
  /** Unquoted empty cells (NULL) in the responses used: none in a LimeSurvey export before 6. */
  nullCells: number;
  /** The survey structure read with the export, if any. */
  structure?: {
    file: string;
    /** `lss`, `lss-3`, `txt` or `r-syntax` (see `limesurvey/structure.ts`). */
    layout: SurveyStructure["layout"];
    /** Questions with a condition (relevance other than "1"), and how many of them could be evaluated. */
    conditional: number;
    evaluated: number;
    /** Cells written as full answers and read back as codes. */
    fullAnswers: number;
  };
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
  /** Results that may be wrong although every cell was read (see `limesurvey/warnings.ts`). */
  warnings: ImportWarning[];
}

/** "semicolon-separated, UTF-8": how an export was read, for messages. */
function readAs(delimiter: string, encoding: CsvEncoding): string {
  return `${delimiterName(delimiter)}-separated, ${encoding === "utf-8" ? "UTF-8" : encoding}`;
}

const ENCODING_HINT =
  "if it is a spreadsheet's re-save of the export, give --encoding windows-1252 (or export it again from LimeSurvey, which writes UTF-8)";

function mappingProblem(file: string, value: string, expected: string, message: string): SurveyProblem {
  return { kind: "mapping", file, row: 0, line: 0, column: "", value, expected, message };
}

/**
 * Imports LimeSurvey export bytes (see the module comment for what is read and the mapping).
 * @param content - the export's bytes (never modified).
 * @param options - mapping, codebook, keepIncomplete, encoding, allowed variables, problem cap, survey structure, the export's name.
 * @throws CsvFormatError when the export is not readable CSV (naming the separator it was read with).
 * @throws LimeSurveyMappingError for a wrong mapping (every wrong key), an export setting it
 *   cannot read (naming the setting to choose), answers the mapping does not cover (the first
 *   rows of each column, then a count), or a mapped result that is almost certainly wrong.
 * @throws SurveyStructureError when the structure file cannot be read.
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
  const allow = options.allow ?? [];
  const mappingFile = typeof options.mapping === "string" ? dataSource().display(options.mapping) : "<mapping>";
  const mapping = typeof options.mapping === "string" ? loadLimeSurveyMapping(options.mapping) : options.mapping;
  const structure = typeof options.structure === "string" ? loadSurveyStructure(options.structure) : options.structure;
  const known = new Set([...cb.variables.map((v) => v.name), ...Object.keys(cb.grids)]);
  const unknown = allow.filter((a) => !known.has(a));
  if (unknown.length)
    throw new LimeSurveyMappingError(file, [
      mappingProblem(
        file,
        unknown.join(","),
        "codebook variables or grids",
        `--allow names no codebook variable or grid: ${unknown.join(", ")} (grids: ${Object.keys(cb.grids).join(", ")})`,
      ),
    ]);
  const doc = openCsv(content, file, {
    delimiters: [",", ";", "\t"],
    trackQuotes: true,
    encoding,
    encodingHint: ENCODING_HINT,
  });
  const how = readAs(doc.delimiter, encoding);
  const names = structure?.r ? rHeader(structure, doc.header, file) : doc.header;
  const view = structure ? exportView(structure, names) : undefined;
  const m = resolveWithHints(mapping, cb, doc, view, { file, mappingFile, how, allow });
  if (structure && view) {
    const found = structureProblems(m, view.columns, structure, cb, { file: mappingFile, allow });
    if (found.length) throw new LimeSurveyMappingError(mappingFile, found, found.length, how);
  }
  const shown = structure && view ? new ShownColumns(structure, view.columns) : undefined;
  const problems = new ProblemList(options.maxProblems);
  const refusals = new Refusals(problems);
  const ticked = new TickedNothing(m);
  const notShown = new Map<string, number>();
  const undecided = new Map<string, string>(shown?.unsupported() ?? []);
  const records: CsvRecord[] = [];
  let responses = 0;
  let dropped = 0;
  let kept = 0;
  let nullCells = 0;
  let fullAnswers = 0;
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
    const nulls = new Set<number>();
    if (doc.headerQuoted) for (let i = 0; i < f.length; i++) if (f[i] === "" && rec.quoted![i] === false) nulls.add(i);
    nullCells += nulls.size;
    if (structure?.r) rCells(structure, f, nulls);
    if (view)
      view.columns.forEach((c, i) => {
        if (!c || isAnswerCode(c, f[i]!)) return;
        const code = fromFullAnswer(c, f[i]!);
        if (code === undefined) return;
        fullAnswers++;
        if (code === null) nulls.add(i);
        else f[i] = code;
      });
    const isNull = (i: number) => nulls.has(i);
    const decided = shown?.decide(f, isNull);
    for (const [q, reason] of decided?.undecided ?? []) if (!undecided.has(q)) undecided.set(q, reason);
    const hidden = decided ? (i: number) => nulls.has(i) || decided.hidden.has(i) : isNull;
    ticked.add(f, hidden);
    records.push({
      fields: mapRow({ f, hidden, line: rec.line, row: responses }, m, cb, refusals, {
        file,
        columns: view?.columns,
        notShown,
      }),
      line: rec.line,
      row: responses,
    });
  }
  if (problems.total > 0 || refusals.fullAnswers) {
    const { items, total } = refusals.list(file);
    throw new LimeSurveyMappingError(file, items, total, how);
  }
  const header = cb.variables.map((v) => v.name);
  const data = validateSurveyRecords(header, records, cb, { file, maxProblems: options.maxProblems });
  const table = columnsToTable(data);
  const summary = summarizeImport(table, cb, m, notShown);
  const suspects = suspectProblems(summary, cb, { file, allow });
  if (suspects.length) throw new LimeSurveyMappingError(file, suspects, suspects.length, how);
  const conditional = structure?.questions.filter((q) => !["", "1"].includes(q.relevance.trim())) ?? [];
  const format: ExportFormat = {
    delimiter: doc.delimiter,
    encoding,
    headings: structure?.r ? "names of the R syntax file" : view ? view.style : m.headings,
    nullsKept: doc.headerQuoted,
    nullCells,
    ...(structure && {
      structure: {
        file: structure.file,
        layout: structure.layout,
        conditional: conditional.length,
        evaluated: conditional.filter((q) => !undecided.has(q.code)).length,
        fullAnswers,
      },
    }),
  };
  const warnings = structure
    ? [...ticked.undecided(undecided), ...conditionsNotRead(structure, m)]
    : nullCells === 0
      ? ticked.warnings()
      : [];
  return { table, responses, droppedIncomplete: dropped, keptIncomplete: kept, format, summary, warnings };
}

/** Old-style conditions (the `conditions` table) on a mapped question whose relevance equation says nothing. */
function conditionsNotRead(s: SurveyStructure, m: ResolvedMapping): ImportWarning[] {
  return s.questions
    .filter((q) => q.conditions > 0 && ["", "1"].includes(q.relevance.trim()))
    .flatMap((q) => {
      const vars = m.variables.filter((r) => r.column?.replace(/[[_].*$/, "") === q.code);
      if (!vars.length) return [];
      return [
        {
          kind: "conditions-not-read" as const,
          question: q.code,
          columns: vars.map((r) => r.column!),
          variables: vars.map((r) => r.variable.name),
          respondents: 0,
          of: 0,
          message: `${q.code} has ${q.conditions} old-style condition${q.conditions === 1 ? "" : "s"} and no relevance equation in ${s.file}; conditions are not read, so it may not have been shown to everyone: open the survey in LimeSurvey (which turns conditions into relevance) and export its structure again`,
        },
      ];
    });
}

/**
 * Resolves the mapping against the export's header (read with the structure, if any), naming
 * first what explains the other problems: "Full answers" without a structure, or headings
 * that match no question of the structure.
 */
function resolveWithHints(
  mapping: LimeSurveyMapping,
  cb: Codebook,
  doc: ReturnType<typeof openCsv>,
  view: ExportView | undefined,
  o: { file: string; mappingFile: string; how: string; allow: readonly string[] },
): ResolvedMapping {
  const header = view?.codes ?? doc.header;
  try {
    return resolveMapping(mapping, cb, header, { mapping: o.mappingFile, export: o.file }, { allow: o.allow });
  } catch (e) {
    if (!(e instanceof LimeSurveyMappingError)) throw e;
    if (view) {
      const absent = e.problems.some(
        (p) => p.expected === "a column of the export" || p.expected === "the mapped columns",
      );
      if (!absent || !view.unmatched.length)
        throw e.file === o.file ? new LimeSurveyMappingError(e.file, e.problems, e.total, o.how) : e;
      const shownHeadings = view.unmatched
        .slice(0, 5)
        .map((u) => `"${escapeInvisible(u.heading.length > 80 ? `${u.heading.slice(0, 80)}…` : u.heading)}"`);
      const first = mappingProblem(
        o.file,
        view.unmatched[0]!.heading,
        "headings of the survey structure's questions",
        `${view.unmatched.length} heading${view.unmatched.length === 1 ? " of the export matches" : "s of the export match"} no question of the survey structure: ${shownHeadings.join(", ")}${view.unmatched.length > 5 ? ", …" : ""}; is it the structure of the survey this export came from?`,
      );
      throw new LimeSurveyMappingError(o.file, [first, ...e.problems], e.total + 1, o.how);
    }
    // an export with full answers is named first: its mapping problems would follow from it
    const full = fullAnswersProblem(doc.header, doc.records, mapping, o.file);
    if (!full) throw e.file === o.file ? new LimeSurveyMappingError(e.file, e.problems, e.total, o.how) : e;
    const headings = e.problems.filter((p) => p.kind === "export-setting");
    throw new LimeSurveyMappingError(o.file, [...headings, full], headings.length + 1, o.how);
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
