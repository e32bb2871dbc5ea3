/**
 * A LimeSurvey survey archive (`.lsa`, written by "Export → Survey archive"): a ZIP file
 * holding `survey_<sid>.lss` (the structure), `survey_<sid>_responses.lsr` and, when the survey
 * has participants, `survey_<sid>_tokens.lst`. Only the `.lss` member is read; the responses
 * and the participant list are not opened. ZIP entries are found through the central
 * directory; the caller passes the function that inflates a "deflate" member (`inflate.ts`).
 */
import { SurveyStructureError } from "./structure.js";

/** Inflates raw DEFLATE data (ZIP method 8). */
export type InflateRaw = (data: Uint8Array) => Uint8Array;

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

/** One member of a ZIP archive. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  offset: number;
}

/**
 * The members of a ZIP archive, from its central directory.
 * @throws SurveyStructureError when the bytes are not a ZIP archive.
 * @example zipEntries(bytes, "survey_archive_841748.lsa").map((e) => e.name) // => ["survey_841748.lss", "survey_841748_responses.lsr"]
 */
export function zipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end === -1) throw new SurveyStructureError(file, "not a LimeSurvey survey archive (.lsa): not a ZIP file");
  const count = u16(bytes, end + 10);
  let p = u32(bytes, end + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (u32(bytes, p) !== 0x02014b50) throw new SurveyStructureError(file, "damaged ZIP archive (central directory)");
    const nameLength = u16(bytes, p + 28);
    out.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      offset: u32(bytes, p + 42),
    });
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return out;
}

/**
 * The bytes of one ZIP member.
 * @throws SurveyStructureError for a compression method other than stored (0) or deflate (8).
 */
export function zipMember(bytes: Uint8Array, entry: ZipEntry, inflateRaw: InflateRaw, file: string): Uint8Array {
  const p = entry.offset;
  if (u32(bytes, p) !== 0x04034b50) throw new SurveyStructureError(file, `damaged ZIP archive (member ${entry.name})`);
  const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRaw(data);
  throw new SurveyStructureError(file, `ZIP member ${entry.name} uses compression method ${entry.method}, not read`);
}

/**
 * The text of the survey structure (`.lss`) inside a survey archive.
 * @throws SurveyStructureError when the archive holds no `.lss` member.
 * @example lssOfArchive(bytes, inflateRaw, "survey_archive_841748.lsa").name // => "survey_841748.lss"
 */
export function lssOfArchive(bytes: Uint8Array, inflateRaw: InflateRaw, file: string): { name: string; text: string } {
  const entries = zipEntries(bytes, file);
  const lss = entries.find((e) => /\.lss$/i.test(e.name));
  if (!lss)
    throw new SurveyStructureError(
      file,
      `the archive holds no survey structure (.lss); it holds ${entries.map((e) => e.name).join(", ") || "nothing"}`,
    );
  return { name: lss.name, text: new TextDecoder().decode(zipMember(bytes, lss, inflateRaw, file)) };
}
