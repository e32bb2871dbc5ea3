/**
 * A careful RFC 4180 CSV reader for survey files: comma-delimited UTF-8 text, cells optionally
 * in double quotes, a doubled quote ("") inside quotes for a literal quote, records ended by
 * CRLF, LF or a lone CR; a quoted cell may span lines.
 *
 * Choices, so that a broken file fails loudly instead of being read wrongly:
 * - the bytes must be UTF-8; a UTF-8 byte-order mark is stripped (see `csv-encoding.ts`);
 * - a file without any text is an error, a file with only a header is not (validation then
 *   reports "no respondents");
 * - a header that is one column containing ';', a tab or '|' means the wrong delimiter;
 * - a quote left open, text after a closing quote, or a quote inside an unquoted cell is an
 *   error naming the line, since everything after it would be misaligned;
 * - blank lines are skipped (spreadsheets often leave some at the end);
 * - rows with more or fewer cells than the header are kept as they are and listed by
 *   `parseCsv` (`ragged`); survey validation reports them as problems.
 *
 * Records are produced one at a time so that a large file is never held as a table of strings.
 */
import { CsvFormatError } from "./errors.js";
import { decodeCsv } from "./csv-encoding.js";

/** One record of a CSV file: its cells and the 1-based line where it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** 1-based data row in the original file, when records were filtered (else counted). */
  row?: number;
}

/** A CSV file opened for reading: the header, and the data records (iterable once). */
export interface CsvDocument {
  file: string;
  header: string[];
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
 * Reads the records of CSV text one at a time.
 * @param text - decoded CSV text (no byte-order mark).
 * @param file - name used in error messages.
 * @throws CsvFormatError (reason "quote") for a quote left open (naming the line where it
 *   opened), text after a closing quote, or a quote inside an unquoted cell.
 * @example [...csvRecords('a,"b ""c"""\r\n1,2\n', "x.csv")].map((r) => r.fields) // => [["a", 'b "c"'], ["1", "2"]]
 */
export function* csvRecords(text: string, file: string): Generator<CsvRecord> {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
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
            throw new CsvFormatError(file, line, "quote", `a quoted cell opened on this line is never closed (the file ends inside it); a '"' is missing or a quote in a cell is not doubled`);
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
        c = i < n ? text.charCodeAt(i) : -1;
        if (c !== 44 && c !== LF && c !== CR && c !== -1) {
          throw new CsvFormatError(file, line, "quote", `unexpected ${shown(text[i]!)} after the closing quote of cell ${fields.length}; a '"' inside a quoted cell must be doubled ("")`);
        }
      } else {
        let j = i;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === 44 || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new CsvFormatError(file, line, "quote", `a '"' inside unquoted cell ${fields.length + 1}; a cell containing quotes must be quoted as a whole, with each '"' doubled`);
          }
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
        c = j < n ? c : -1;
      }
      if (c === 44) {
        i++;
        continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      if (c !== -1) line++;
      break;
    }
    if (fields.length === 1 && fields[0] === "" && !anyQuoted) continue;
    yield { fields, line: start };
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
 * Opens CSV bytes for reading: decodes, reads the header and checks the delimiter. The data
 * records are read lazily (once) from `records`.
 * @param buf - the file's bytes (never modified).
 * @param file - name used in error messages.
 * @throws CsvFormatError for an empty file ("empty"), a wrong encoding ("encoding"), a
 *   header that uses another delimiter ("delimiter looks like ';', expected ','"), or a
 *   broken quote in the header ("quote").
 * @example openCsv(Buffer.from("id,funded\nR001,1\n"), "s.csv").header // => ["id", "funded"]
 */
export function openCsv(buf: Uint8Array, file: string): CsvDocument {
  const text = decodeCsv(buf, file);
  const records = csvRecords(text, file);
  const first = records.next();
  if (first.done) throw new CsvFormatError(file, 0, "empty", "empty file (no text, only blank lines); expected a header line and one row per respondent");
  const header = first.value.fields;
  const delimiter = guessDelimiter(header);
  if (delimiter) {
    const name = delimiter === "\t" ? "a tab" : `'${delimiter}'`;
    throw new CsvFormatError(file, first.value.line, "delimiter", `delimiter looks like ${name}, expected ','; the header is one column: "${header[0]!.slice(0, 60)}"`);
  }
  return { file, header, records: { [Symbol.iterator]: () => records } };
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
    if (r.fields.length !== doc.header.length) out.ragged.push({ row: out.rows.length, line: r.line, cells: r.fields.length });
  }
  return out;
}
