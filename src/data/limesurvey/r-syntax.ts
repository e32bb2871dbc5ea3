/**
 * LimeSurvey's R export ("R (syntax file)" and "R (data file)", the ExportR plugin,
 * application/core/plugins/ExportR/): the syntax file reads the data file with `read.csv` and
 * then, column by column, sets its type, its label (`attributes(data)$variable.labels[i]`), its
 * value labels (`factor(…, levels=c(…),labels=c(…))`) and its name (`names(data)[i]`, the
 * question code with `_` and the subquestion: `G05Q01_SQ001`). The data file holds answer codes,
 * except that RDataWriter.php writes a multiple-choice box as 2 (ticked), 1 (not ticked) or
 * empty (not shown), and a yes/no answer as 2 (Yes) or 1 (No).
 *
 * Read here into a survey structure (texts and answer options from the labels), so that the
 * import reads the pair like an export with answer codes, the boxes turned back into LimeSurvey's
 * codes: a box not shown is missing, as in LimeSurvey 6's NULL, for every version.
 */
import { NO_WORDS, YES_WORDS } from "./columns.js";
import { SurveyStructureError, type StructureQuestion, type SurveyStructure } from "./structure.js";

/** One column of the R export. */
export interface RColumn {
  /** 1-based position in the data file. */
  index: number;
  name: string;
  label: string;
  type: "numeric" | "character";
  /** Value labels: code → text. */
  levels?: Array<[string, string]>;
}

/** R's string literal ("…" with backslash escapes, as PHP's addslashes writes them). */
function rString(s: string): string {
  return s.replace(/\\(.)/g, "$1");
}

const STRINGS = /"((?:[^"\\]|\\.)*)"/g;

/**
 * Reads the syntax file's columns.
 * @throws SurveyStructureError when the text is not LimeSurvey's R syntax file.
 * @example readRSyntax('data <- read.csv("survey_1_R_data_file.csv")\nnames(data)[1] <- "id"\n', "s.R")[0].name // => "id"
 */
export function readRSyntax(text: string, file: string): RColumn[] {
  if (!/^\s*data <- read\.csv\(/.test(text))
    throw new SurveyStructureError(file, "not LimeSurvey's R syntax file: it does not start with data <- read.csv(");
  const cols = new Map<number, RColumn>();
  const at = (i: number): RColumn => {
    const c = cols.get(i) ?? { index: i, name: "", label: "", type: "character" };
    cols.set(i, c);
    return c;
  };
  for (const line of text.split(/\r?\n/)) {
    let m = /^data\[, (\d+)\] <- as\.(numeric|character)\(/.exec(line);
    if (m) {
      at(Number(m[1])).type = m[2] as RColumn["type"];
      continue;
    }
    m = /^attributes\(data\)\$variable\.labels\[(\d+)\] <- "(.*)"$/.exec(line);
    if (m) {
      at(Number(m[1])).label = rString(m[2]!);
      continue;
    }
    m = /^data\[, (\d+)\] <- factor\(data\[, \d+\], levels=c\((.*)\),labels=c\((.*)\)(, ordered=TRUE)?\)$/.exec(line);
    if (m) {
      const levels = m[2]!.split(",").map((x) => x.trim().replace(/^"(.*)"$/, "$1"));
      const labels = [...m[3]!.matchAll(STRINGS)].map((x) => rString(x[1]!));
      at(Number(m[1])).levels = levels.map((l, k) => [l, labels[k] ?? ""]);
      continue;
    }
    m = /^names\(data\)\[(\d+)\] <- "(.*)"$/.exec(line);
    if (m) at(Number(m[1])).name = rString(m[2]!);
  }
  return [...cols.values()].sort((a, b) => a.index - b.index);
}

const META = new Set([
  "id",
  "submitdate",
  "lastpage",
  "startlanguage",
  "seed",
  "token",
  "startdate",
  "datestamp",
  "ipaddr",
  "refurl",
]);

/** Whether value labels are LimeSurvey's 1 "No" / 2 "Yes" of a box or a yes/no question. */
export function isYesNo(levels: RColumn["levels"]): boolean {
  return (
    levels?.length === 2 &&
    levels[0]![0] === "1" &&
    levels[1]![0] === "2" &&
    NO_WORDS.has(levels[0]![1]) &&
    YES_WORDS.has(levels[1]![1])
  );
}

/** The label without its leading `[subquestion] ` parts, and those parts. */
function splitLabel(label: string): { question: string; subs: string[] } {
  const subs: string[] = [];
  let rest = label;
  for (let m = /^\[([^\]]*)\] /.exec(rest); m; m = /^\[([^\]]*)\] /.exec(rest)) {
    subs.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { question: rest, subs };
}

/**
 * The survey structure an R syntax file describes: questions by code, subquestions and
 * answer options with the labels' texts, in the language of its yes/no labels (German or English).
 * @example rStructure(readRSyntax(text, "s.R"), "s.R").questions[0].code // => "G01Q01"
 */
export function rStructure(columns: readonly RColumn[], file: string): SurveyStructure {
  const yes = columns.find((c) => isYesNo(c.levels))?.levels?.[1]?.[1];
  const language = yes === "Ja" ? "de" : yes === "Oui" ? "fr" : yes === "Sí" ? "es" : "en";
  const questions = new Map<string, StructureQuestion>();
  for (const c of columns) {
    if (META.has(c.name) || !c.name) continue;
    const [code, ...rest] = c.name.split("_");
    const part = rest.join("_");
    const { question, subs } = splitLabel(c.label);
    const q = questions.get(code!) ?? {
      qid: code!,
      gid: "1",
      type: "",
      code: code!,
      text: { [language]: question },
      relevance: "1",
      mandatory: false,
      other: false,
      order: questions.size,
      subquestions: [],
      answers: [],
      attributes: {},
      conditions: 0,
    };
    questions.set(code!, q);
    const yesNo = isYesNo(c.levels);
    if (part === "other") {
      q.other = true;
      continue;
    }
    if (!part) {
      q.type = yesNo ? "Y" : c.levels ? "L" : c.type === "numeric" ? "N" : "T";
      if (c.levels && !yesNo)
        q.answers = c.levels
          .filter(([k]) => k !== "-oth-")
          .map(([k, t], i) => ({ code: k, text: { [language]: t }, order: i, scale: 0 }));
      continue;
    }
    const parts = part.split("_");
    q.type = yesNo ? "M" : c.levels ? "F" : parts.length === 2 ? ":" : c.type === "numeric" ? "K" : "Q";
    if (c.levels && !yesNo && !q.answers.length)
      q.answers = c.levels.map(([k, t], i) => ({ code: k, text: { [language]: t }, order: i, scale: 0 }));
    parts.forEach((p, scale) => {
      if (!q.subquestions.some((x) => x.code === p && x.scale === scale))
        q.subquestions.push({
          qid: `${code}.${scale}.${p}`,
          code: p,
          text: { [language]: subs[scale] ?? p },
          order: q.subquestions.filter((x) => x.scale === scale).length,
          scale,
          relevance: "1",
        });
    });
  }
  return {
    file,
    layout: "r-syntax",
    dbVersion: 0,
    languages: [language],
    title: {},
    groups: [{ gid: "1", order: 0, name: {}, relevance: "1" }],
    questions: [...questions.values()],
    r: [...columns],
  };
}

/**
 * The data file's header as the syntax file names its columns (the data file's own header
 * depends on export settings; R reads by position).
 * @throws SurveyStructureError when the two files do not have the same number of columns.
 */
export function rHeader(s: SurveyStructure, header: readonly string[], dataFile: string): string[] {
  const r = s.r ?? [];
  if (r.length !== header.length)
    throw new SurveyStructureError(
      s.file,
      `the syntax file names ${r.length} columns, the data file ${dataFile} has ${header.length}: are they from the same export?`,
    );
  return r.map((c) => c.name);
}

/**
 * A data file's cells as LimeSurvey's answer codes: a box 2 → "Y", 1 → "" and empty → NULL
 * (not shown); a yes/no answer 2 → "Y", 1 → "N".
 * @param nulls - the indices of NULL cells, added to.
 */
export function rCells(s: SurveyStructure, f: string[], nulls: Set<number>): void {
  for (const c of s.r ?? []) {
    if (!isYesNo(c.levels)) continue;
    const i = c.index - 1;
    const box = c.name.includes("_");
    const v = f[i] ?? "";
    if (v === "2") f[i] = "Y";
    else if (v === "1") f[i] = box ? "" : "N";
    else if (v === "" && box) nulls.add(i);
  }
}
