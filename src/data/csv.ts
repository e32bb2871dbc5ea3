/**
 * A careful RFC 4180 CSV reader for survey files: comma-delimited UTF-8 text, cells optionally
 * in double quotes, a doubled quote ("") inside quotes for a literal quote, records ended by
 * CRLF, LF or a lone CR; a quoted cell may span lines.
 *
 * Choices, so that a broken file fails loudly instead of being read wrongly:
 * - the bytes must be UTF-8 unless the caller names another encoding; a UTF-8 byte-order mark
 *   is stripped (see `csv-encoding.ts`);
 * - a file without any text is an error, a file with only a header is not (validation then
 *   reports "no respondents");
 * - a header that is one column containing ';', a tab or '|' means the wrong delimiter, unless
 *   the caller allows several delimiters: then the one that splits the header into the most
 *   cells is used (`detectDelimiter`) and every quoting error names it;
 * - whether each cell was quoted is kept (`CsvRecord.quoted`) when asked for, so that an
 *   unquoted empty cell can be told from a quoted "" (LimeSurvey writes NULL unquoted);
 * - a quote left open, text after a closing quote, or a quote inside an unquoted cell is an
 *   error naming the line, since everything after it would be misaligned;
 * - blank lines are skipped (spreadsheets often leave some at the end);
 * - rows with more or fewer cells than the header are kept as they are and listed by
 *   `parseCsv` (`ragged`); survey validation reports them as problems.
 *
 * Records are produced one at a time so that a large file is never held as a table of strings.
 */
import { CsvFormatError } from "./errors.js";
import { decodeCsv, type CsvEncoding } from "./csv-encoding.js";

/** One record of a CSV file: its cells and the 1-based line where it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Whether each cell was written in quotes (only when read with `trackQuotes`). */
  quoted?: boolean[];
  /** 1-based data row in the original file, when records were filtered (else counted). */
  row?: number;
}

/** A CSV file opened for reading: the header, and the data records (iterable once). */
export interface CsvDocument {
  file: string;
  header: string[];
  /** The cell separator: ',' unless detected otherwise. */
  delimiter: string;
  /** Whether every header cell was quoted (as LimeSurvey and R write them). */
  headerQuoted: boolean;
  records: Iterable<CsvRecord>;
}

/** A fully parsed CSV file. `row` numbers are 1-based data rows (the header is row 0). */
export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Line where each data row starts, parallel to `rows`. */
  lines: number[];
  /** Data rows whose cell count differs from the header's. */
  ragged: Array<{ row: number; line: number; cells: number }>;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** How to read records: the cell separator, and whether to record which cells were quoted. */
export interface CsvReadOptions {
  /** Cell separator (default ','). */
  delimiter?: string;
  /** Fill `CsvRecord.quoted` (default false). */
  trackQuotes?: boolean;
}

/** Options of {@link openCsv}. */
export interface OpenCsvOptions {
  /** Separators to accept; the header decides among them (default [","]: others are refused). */
  delimiters?: readonly string[];
  /** Fill `CsvRecord.quoted` for every record (default false). */
  trackQuotes?: boolean;
  /** Text encoding of the bytes (default "utf-8"); see `decodeCsv`. */
  encoding?: CsvEncoding;
  /** Appended to the refusal of bytes that are not UTF-8 (e.g. how to name the encoding). */
  encodingHint?: string;
}

function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

function shown(ch: string): string {
  return ch === "\t" ? "a tab" : `'${ch}'`;
}

/**
 * The name of a separator in messages.
 * @example delimiterName("\t") // => "tab"
 */
export function delimiterName(d: string): string {
  return d === "\t" ? "tab" : d === "," ? "comma" : d === ";" ? "semicolon" : `'${d}'`;
}

/**
 * Reads the records of CSV text one at a time.
 * @param text - decoded CSV text (no byte-order mark).
 * @param file - name used in error messages.
 * @param options - the separator (default ',') and whether to record quoted cells.
 * @throws CsvFormatError (reason "quote") for a quote left open (naming the line where it
 *   opened), text after a closing quote, or a quote inside an unquoted cell; with a separator
 *   other than ',' the message names it.
 * @example [...csvRecords('a,"b ""c"""\r\n1,2\n', "x.csv")].map((r) => r.fields) // => [["a", 'b "c"'], ["1", "2"]]
 */
export function* csvRecords(text: string, file: string, options: CsvReadOptions = {}): Generator<CsvRecord> {
  const sep = options.delimiter ?? ",";
  const SEP = sep.charCodeAt(0);
  const track = options.trackQuotes ?? false;
  const as = sep === "," ? "" : ` (cells separated by ${shown(sep)})`;
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let anyQuoted = false;
    for (;;) {
      let c = i < n ? text.charCodeAt(i) : -1;
      if (c === QUOTE) {
        anyQuoted = true;
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            throw new CsvFormatError(
              file,
              line,
              "quote",
              `a quoted cell opened on this line is never closed (the file ends inside it); a '"' is missing or a quote in a cell is not doubled${as}`,
            );
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          line += lineBreaks(text, i, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        if (track) quoted.push(true);
        c = i < n ? text.charCodeAt(i) : -1;
        if (c !== SEP && c !== LF && c !== CR && c !== -1) {
          throw new CsvFormatError(
            file,
            line,
            "quote",
            `unexpected ${shown(text[i]!)} after the closing quote of cell ${fields.length}; a '"' inside a quoted cell must be doubled ("")${as}`,
          );
        }
      } else {
        let j = i;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === SEP || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new CsvFormatError(
              file,
              line,
              "quote",
              `a '"' inside unquoted cell ${fields.length + 1}; a cell containing quotes must be quoted as a whole, with each '"' doubled${as}`,
            );
          }
          j++;
        }
        fields.push(text.slice(i, j));
        if (track) quoted.push(false);
        i = j;
        c = j < n ? c : -1;
      }
      if (c === SEP) {
        i++;
        continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      if (c !== -1) line++;
      break;
    }
    if (fields.length === 1 && fields[0] === "" && !anyQuoted) continue;
    yield track ? { fields, line: start, quoted } : { fields, line: start };
  }
}

/**
 * Names the delimiter a one-column header seems to use instead of a comma, if any.
 * @example guessDelimiter(["id;actorGroup;sizeClass"]) // => ";"
 */
export function guessDelimiter(header: string[]): string | undefined {
  if (header.length !== 1) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (const d of [";", "\t", "|"]) {
    const count = header[0]!.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * The separator, of those allowed, that reads the first record of `text` into the most cells
 * (a separator inside quoted cells does not count; one whose reading breaks a quote is
 * skipped). Ties go to the earlier one in `allowed`.
 * @example detectDelimiter('"id";"a,b"\r\n"1";"2"\r\n', [",", ";", "\t"]) // => ";"
 */
export function detectDelimiter(text: string, allowed: readonly string[]): string {
  let best = allowed[0] ?? ",";
  let most = 0;
  for (const d of allowed) {
    let cells = 0;
    try {
      const first = csvRecords(text, "", { delimiter: d }).next();
      cells = first.done ? 0 : first.value.fields.length;
    } catch {
      continue;
    }
    if (cells > most) [best, most] = [d, cells];
  }
  return best;
}

/**
 * Opens CSV bytes for reading: decodes, reads the header and checks the delimiter. The data
 * records are read lazily (once) from `records`.
 * @param buf - the file's bytes (never modified).
 * @param file - name used in error messages.
 * @param options - separators to accept (default only ','), quote tracking, encoding.
 * @throws CsvFormatError for an empty file ("empty"), a wrong encoding ("encoding"), a
 *   header that uses a delimiter not allowed ("delimiter looks like ';', expected ','"), or a
 *   broken quote in the header ("quote").
 * @example openCsv(Buffer.from("id,funded\nR001,1\n"), "s.csv").header // => ["id", "funded"]
 */
export function openCsv(buf: Uint8Array, file: string, options: OpenCsvOptions = {}): CsvDocument {
  const text = decodeCsv(buf, file, { encoding: options.encoding, hint: options.encodingHint });
  const allowed = options.delimiters ?? [","];
  const delimiter = detectDelimiter(text, [...new Set([...allowed, ",", ";", "\t"])]);
  if (!allowed.includes(delimiter)) {
    const name = delimiter === "\t" ? "a tab" : `'${delimiter}'`;
    const lines = text.split(/\r\n|\r|\n/);
    const at = lines.findIndex((l) => l.trim() !== "");
    throw new CsvFormatError(
      file,
      at + 1,
      "delimiter",
      `delimiter looks like ${name}, expected ','; the header is one column: "${lines[at]!.slice(0, 60)}"`,
    );
  }
  const track = options.trackQuotes ?? false;
  const records = csvRecords(text, file, { delimiter, trackQuotes: track });
  const first = records.next();
  if (first.done)
    throw new CsvFormatError(
      file,
      0,
      "empty",
      "empty file (no text, only blank lines); expected a header line and one row per respondent",
    );
  const header = first.value.fields;
  const headerQuoted = (
    first.value.quoted ?? csvRecords(text, file, { delimiter, trackQuotes: true }).next().value!.quoted!
  ).every(Boolean);
  const wrong = guessDelimiter(header);
  if (wrong && !allowed.includes(wrong)) {
    const name = wrong === "\t" ? "a tab" : `'${wrong}'`;
    throw new CsvFormatError(
      file,
      first.value.line,
      "delimiter",
      `delimiter looks like ${name}, expected ','; the header is one column: "${header[0]!.slice(0, 60)}"`,
    );
  }
  return { file, header, delimiter, headerQuoted, records: { [Symbol.iterator]: () => records } };
}

/**
 * Parses a whole CSV file into rows of strings (convenient for small files; survey loading
 * streams records instead).
 * @param buf - the file's bytes (never modified).
 * @param file - name used in error messages; defaults to "<csv>".
 * @throws CsvFormatError as {@link openCsv} and {@link csvRecords} do.
 * @example parseCsv(Buffer.from("a,b\n1\n")).ragged // => [{ row: 1, line: 2, cells: 1 }]
 */
export function parseCsv(buf: Uint8Array, file = "<csv>"): CsvTable {
  const doc = openCsv(buf, file);
  const out: CsvTable = { header: doc.header, rows: [], lines: [], ragged: [] };
  for (const r of doc.records) {
    out.rows.push(r.fields);
    out.lines.push(r.line);
    if (r.fields.length !== doc.header.length)
      out.ragged.push({ row: out.rows.length, line: r.line, cells: r.fields.length });
  }
  return out;
}
