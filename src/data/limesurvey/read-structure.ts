/**
 * Reads a survey structure from a file's bytes, whichever of LimeSurvey's three structure
 * exports it is: `.lss` (XML), `.lsa` (a ZIP archive holding the `.lss`) or the tab-separated
 * `.txt`. Told apart by content, not by name.
 */
import { dataSource } from "../source.js";
import { inflateRaw as inflate } from "./inflate.js";
import { lssOfArchive, type InflateRaw } from "./lsa.js";
import { readLss } from "./lss.js";
import { readRSyntax, rStructure } from "./r-syntax.js";
import { SurveyStructureError, type SurveyStructure } from "./structure.js";
import { readStructureTxt } from "./structure-txt.js";

/**
 * The structure in a `.lss`, `.lsa` or `.txt` file.
 * @param bytes - the file's bytes.
 * @param file - its name, for messages.
 * @param inflateRaw - inflates a ZIP member (default: `inflate.ts`).
 * @throws SurveyStructureError naming the file and what it is instead.
 * @example readSurveyStructure(bytes, "interspin-wave2.lss").languages // => ["de", "en"]
 */
export function readSurveyStructure(
  bytes: Uint8Array,
  file: string,
  inflateRaw: InflateRaw = inflate,
): SurveyStructure {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const member = lssOfArchive(bytes, inflateRaw, file);
    return readLss(member.text, `${file} (${member.name})`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SurveyStructureError(file, "not UTF-8 text: not a LimeSurvey structure file (.lss, .lsa or .txt)");
  }
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("<")) return readLss(text, file);
  if (start.startsWith("data <- read.csv(")) return rStructure(readRSyntax(text, file), file);
  if (/^[^\n]*\bclass\b[^\n]*\t/.test(start)) return readStructureTxt(text, file);
  throw new SurveyStructureError(
    file,
    `not a LimeSurvey structure file: expected the XML of a .lss, a .lsa archive, a tab-separated .txt with a "class" column or LimeSurvey's R syntax file; it starts with "${start.slice(0, 40).replace(/\s+/g, " ")}"`,
  );
}

/**
 * Reads a `.lss`, `.lsa` or tab-separated `.txt` survey structure a user named, through the
 * installed data source (`../source.ts`).
 * @throws DataFileError when the file cannot be read; SurveyStructureError when it is not a structure.
 * @example loadSurveyStructure("data/limesurvey/interspin-wave2.lss").questions.length // => 9
 */
export function loadSurveyStructure(path: string): SurveyStructure {
  const source = dataSource();
  return readSurveyStructure(source.user(path), source.display(path));
}
