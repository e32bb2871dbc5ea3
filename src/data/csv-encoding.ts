/**
 * Turns the bytes of a CSV file into text, refusing anything that is not UTF-8: UTF-16/32
 * (with a byte-order mark or recognisable by NUL bytes), Latin-1/Windows-1252 (bytes that are
 * not valid UTF-8), binary files and spreadsheets saved under a .csv name.
 *
 * A UTF-8 byte-order mark (which Excel writes for "CSV UTF-8") is accepted and stripped:
 * it carries no data, and refusing it would only punish people for using the right format.
 *
 * A caller may name the encoding instead (`windows-1252`, or `latin1`, which is read as
 * Windows-1252 as browsers do: it is a superset for every printable character). Such a file
 * is still refused when it is in fact UTF-8 (a UTF-8 byte-order mark, or valid UTF-8 with
 * characters beyond ASCII), since reading it as Windows-1252 would garble every umlaut.
 */
import { CsvFormatError } from "./errors.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Whether bytes are valid UTF-8. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes read one character each (for showing the context of a byte that is not UTF-8). */
function latin1(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

const SAVE_AS_UTF8 = 'save it as UTF-8 (in Excel: "CSV UTF-8 (comma delimited)")';

/** The encodings a caller can name. */
export type CsvEncoding = "utf-8" | "windows-1252" | "latin1";

/** The encodings a caller can name, as a user writes them. */
export const CSV_ENCODINGS: readonly CsvEncoding[] = ["utf-8", "windows-1252", "latin1"];

/**
 * The characters of Windows-1252 bytes 0x80–0x9F (the rest equals Latin-1); an undefined byte
 * keeps its C1 code point, as the WHATWG encoding standard says. Node's own decoder for the
 * label "windows-1252" reads these bytes as Latin-1, so the table is spelled out here.
 */
export const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : String.fromCharCode(b),
    );
    out += chunk.join("");
  }
  return out;
}

/** Options of {@link decodeCsv}. */
export interface DecodeOptions {
  /** The bytes' encoding (default "utf-8"). */
  encoding?: CsvEncoding;
  /** Appended to the refusal of bytes that are not UTF-8, e.g. how to name the encoding. */
  hint?: string;
}

/** Encodings recognised by their byte-order mark, longest mark first. */
const BOMS: Array<[string, number[]]> = [
  ["UTF-32 LE", [0xff, 0xfe, 0x00, 0x00]],
  ["UTF-32 BE", [0x00, 0x00, 0xfe, 0xff]],
  ["UTF-16 LE", [0xff, 0xfe]],
  ["UTF-16 BE", [0xfe, 0xff]],
];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/**
 * 1-based line number of a byte offset (counts LF; a lone CR also ends a line).
 * @example lineAtByte(Buffer.from("a\nb\r\nc"), 5) // => 3
 */
export function lineAtByte(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/**
 * Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1.
 * Only called once `isUtf8` has said no, so speed does not matter here.
 * @example firstInvalidUtf8(Buffer.from([0x61, 0xe4, 0x62])) // => 1
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return i;
    for (let k = 1; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    // overlong 3- and 4-byte forms, surrogates and code points above U+10FFFF
    const b1 = buf[i + 1]!;
    if (
      (b === 0xe0 && b1 < 0xa0) ||
      (b === 0xed && b1 > 0x9f) ||
      (b === 0xf0 && b1 < 0x90) ||
      (b === 0xf4 && b1 > 0x8f)
    )
      return i;
    i += len;
  }
  return -1;
}

function nulEncoding(buf: Uint8Array): string | undefined {
  const n = Math.min(buf.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (odd > n / 4 && even === 0) return "UTF-16 LE";
  if (even > n / 4 && odd === 0) return "UTF-16 BE";
  return undefined;
}

/**
 * Decodes CSV bytes as UTF-8 (or the named encoding) text, without a byte-order mark.
 * @param buf - the file's bytes (never modified).
 * @param file - name used in error messages.
 * @param options - the encoding, and a hint for the refusal of bytes that are not UTF-8.
 * @throws CsvFormatError (reason "empty") for a file without bytes; (reason "encoding") for
 *   UTF-16/UTF-32, NUL bytes, a ZIP/XLSX file, or bytes that are not valid UTF-8, naming the
 *   line and the encoding the bytes look like; with `encoding` windows-1252/latin1, for bytes
 *   that are UTF-8.
 * @example decodeCsv(Buffer.from("\uFEFFid\nR001\n"), "s.csv") // => "id\nR001\n"
 */
export function decodeCsv(buf: Uint8Array, file: string, options: DecodeOptions = {}): string {
  if (buf.length === 0)
    throw new CsvFormatError(
      file,
      0,
      "empty",
      "empty file (0 bytes); expected a header line and one row per respondent",
    );
  for (const [name, bom] of BOMS) {
    if (startsWith(buf, bom)) {
      throw new CsvFormatError(
        file,
        0,
        "encoding",
        `file is encoded as ${name} (it starts with a ${name} byte-order mark), expected UTF-8; ${SAVE_AS_UTF8}`,
      );
    }
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    throw new CsvFormatError(
      file,
      0,
      "encoding",
      "file is a ZIP archive (an .xlsx workbook?), not CSV text; export the sheet as CSV UTF-8",
    );
  }
  const bom = startsWith(buf, [0xef, 0xbb, 0xbf]);
  const body = bom ? buf.subarray(3) : buf;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    const guess = nulEncoding(body);
    if (guess)
      throw new CsvFormatError(
        file,
        0,
        "encoding",
        `file looks like ${guess} without a byte-order mark (every other byte is NUL), expected UTF-8; ${SAVE_AS_UTF8}`,
      );
    throw new CsvFormatError(
      file,
      lineAtByte(body, nul),
      "encoding",
      `NUL byte at byte ${nul}: this is a binary file, not CSV text`,
    );
  }
  const encoding = options.encoding ?? "utf-8";
  if (encoding !== "utf-8") {
    const utf8 = bom || (isUtf8(body) && body.some((b) => b >= 0x80));
    if (utf8)
      throw new CsvFormatError(
        file,
        0,
        "encoding",
        `file is UTF-8 (${bom ? "it starts with a UTF-8 byte-order mark" : "its bytes beyond ASCII are valid UTF-8"}), not ${encoding}; reading it as ${encoding} would garble its umlauts: leave out the encoding`,
      );
    return decodeWindows1252(body);
  }
  if (!isUtf8(body)) {
    const at = firstInvalidUtf8(body);
    const bad = body[at]!;
    const lineStart = body.lastIndexOf(0x0a, at) + 1;
    const lineEnd = body.indexOf(0x0a, at);
    const context = latin1(
      body.subarray(
        Math.max(lineStart, at - 30),
        lineEnd === -1 ? Math.min(body.length, at + 30) : Math.min(lineEnd, at + 30),
      ),
    ).replace(/\r/g, "");
    throw new CsvFormatError(
      file,
      lineAtByte(body, at),
      "encoding",
      `not valid UTF-8: byte 0x${bad.toString(16).toUpperCase().padStart(2, "0")} at byte ${at + (body === buf ? 0 : 3)}; ` +
        `the file looks like Latin-1 (ISO-8859-1) or Windows-1252, where this reads "${context}"; ${options.hint ?? SAVE_AS_UTF8}`,
    );
  }
  return strictUtf8.decode(body);
}
