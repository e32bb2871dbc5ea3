/**
 * Writes LimeSurvey's R export of this project's questionnaire — the syntax file and the data
 * file — as the ExportR plugin does (LimeSurvey/LimeSurvey, application/core/plugins/ExportR/):
 *
 * - RSyntaxWriter.php: first `data <- read.csv("survey_<sid>_R_data_file.csv", quote = "'\\"",
 *   na.strings=c("", "\\"\\""), stringsAsFactors=FALSE, fileEncoding="UTF-8")` and two empty
 *   lines; then per column i (1-based): `# LimeSurvey Field type: <SPSS type>`,
 *   `data[, i] <- as.numeric|as.character(data[, i])`, `attributes(data)$variable.labels[i] <-
 *   "<label>"` (addslashes), for a field with value labels `data[, i] <- factor(data[, i],
 *   levels=c(…),labels=c("…", "…"))` (numeric codes unquoted, `, ordered=TRUE` for ordinal
 *   scales), and `names(data)[i] <- "<title>"`; lines end with "\n".
 * - helpers/export_helper.php, `SPSSFieldMap`: the title is the question code and `_` with the
 *   field's answer part (`G05Q01_SQ001`, `G04Q01_SQ001_SQ002`, `G01Q01_other`); the label is the
 *   question text after `[subquestion] ` parts; list answers are the value labels, multiple
 *   choice and yes/no boxes 1 "No" and 2 "Yes" (in the survey's language).
 * - RDataWriter.php (a CsvWriter): answer codes; a multiple-choice box "Y" → 2, "" → 1 and
 *   NULL (not shown) → "" ; a yes/no answer Y → 2, N → 1, else "".
 */
import type { Codebook } from "../../src/data/codebook.js";
import { storedCells, type Field, type SurveyDesign } from "./limesurvey-export.js";
import type { Respondent } from "./limesurvey-respondents.js";

const SID = "482913";
const addslashes = (s: string): string => s.replace(/[\\'"]/g, (c) => `\\${c}`);

function title(f: Field): string {
  return f.aid ? `${f.title}_${f.aid}` : f.title;
}

function label(f: Field): string {
  return [...f.sub].reverse().reduce((l, sub) => `[${sub}] ${l}`, f.question);
}

function spssType(f: Field): string {
  if (f.title === "submitdate") return "DATETIME23.2";
  if (f.title === "id" || f.title === "lastpage") return "F";
  if (f.type === "meta" || f.type === "T" || (f.type === "L" && f.aid)) return "A";
  if (f.type === "L" || f.type === "F") return "A";
  return "F";
}

/** Value labels: code → text, for fields that have them. */
function values(f: Field): Array<[string, string]> | undefined {
  if (f.type === "M" && f.aid !== "other")
    return [
      ["1", "Nein"],
      ["2", "Ja"],
    ];
  if (f.type === "Y")
    return [
      ["1", "Nein"],
      ["2", "Ja"],
    ];
  if ((f.type === "L" && !f.aid) || f.type === "F") {
    const list = [...f.answers!];
    return f.type === "L" ? [...list, ["-oth-", "Sonstiges"]] : list;
  }
  return undefined;
}

/** The R data file's cell for a stored value (RDataWriter.transformResponseValue). */
function rValue(f: Field, v: string | null): string | null {
  if (f.type === "M" && f.aid !== "other") return v === "Y" ? "2" : v === "" ? "1" : "";
  if (f.type === "Y") return v === "Y" ? "2" : v === "N" ? "1" : "";
  if (f.type === "N" && v !== null) return v.replace(/\.?0+$/, "");
  return v;
}

const csvEscape = (v: string | null): string => (v === null ? "" : `"${v.replace(/"/g, '""')}"`);

/**
 * The syntax file and the data file of LimeSurvey's R export (LimeSurvey 6: NULL unquoted).
 * @example rExport(cb, RESPONDENTS).syntax.split("\n")[0] // => 'data <- read.csv("survey_482913_R_data_file.csv", …'
 */
export function rExport(
  cb: Codebook,
  respondents: readonly Respondent[],
  design: Partial<SurveyDesign> = {},
): { syntax: string; data: Buffer; dataName: string } {
  const { fields, rows } = storedCells(cb, respondents, design);
  const out = [
    `data <- read.csv("survey_${SID}_R_data_file.csv", quote = "'\\"", na.strings=c("", "\\"\\""), stringsAsFactors=FALSE, fileEncoding="UTF-8")`,
    "",
    "",
  ];
  fields.forEach((f, k) => {
    const i = k + 1;
    const type = spssType(f);
    out.push(`# LimeSurvey Field type: ${type}`);
    out.push(`data[, ${i}] <- as.${type === "F" ? "numeric" : "character"}(data[, ${i}])`);
    out.push(
      `attributes(data)$variable.labels[${i}] <- "${addslashes(f.type === "meta" || f.type === "id" ? f.title : label(f))}"`,
    );
    const v = values(f);
    if (v) {
      const levels = v.map(([c]) => (type === "F" && /^\d+$/.test(c) ? c : `"${c}"`)).join(",");
      out.push(
        `data[, ${i}] <- factor(data[, ${i}], levels=c(${levels}),labels=c(${v.map(([, t]) => `"${addslashes(t)}"`).join(", ")}))`,
      );
    }
    out.push(`names(data)[${i}] <- "${title(f)}"`);
  });
  const header = fields.map((f) => csvEscape(f.aid ? `${f.title}[${f.aid}]` : f.title)).join(",");
  const lines = rows.map((r) => r.map((v, k) => csvEscape(rValue(fields[k]!, v))).join(","));
  return {
    syntax: `${out.join("\n")}\n`,
    data: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${[header, ...lines].join("\r\n")}\r\n\r\n`, "utf8"),
    ]),
    dataName: `survey_${SID}_R_data_file.csv`,
  };
}
