/**
 * Reading a survey structure file from disk (the edge: the parsing itself, in
 * `limesurvey/read-structure.ts`, needs no Node module and runs in a browser too).
 */
import { inflateRawSync } from "node:zlib";
import { displayPath, readBytes } from "./load.js";
import { readSurveyStructure } from "./limesurvey/read-structure.js";
import type { SurveyStructure } from "./limesurvey/structure.js";

/**
 * Reads a `.lss`, `.lsa` or tab-separated `.txt` survey structure.
 * @throws DataFileError when the file cannot be read; SurveyStructureError when it is not a structure.
 * @example loadSurveyStructure("data/limesurvey/interspin-wave2.lss").questions.length // => 9
 */
export function loadSurveyStructure(file: string): SurveyStructure {
  return readSurveyStructure(readBytes(file), displayPath(file), (d) => inflateRawSync(d));
}
