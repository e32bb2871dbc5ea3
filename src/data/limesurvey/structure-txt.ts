/**
 * Reads LimeSurvey's tab-separated survey structure ("Export → Tab-separated-values format
 * (*.txt)"; LimeSurvey Manual, "Tab Separated Value survey structure"): a header row naming
 * the columns (`class`, `type/scale`, `name`, `relevance`, `text`, `language`, `other` …),
 * then one row per survey setting (`S`, `SL`), group (`G`), question (`Q`), subquestion
 * (`SQ`) and answer option (`A`). Parts belong to the group or question row before them; the
 * base language comes first, each further language repeats the same rows in the same order.
 */
import { inSurveyOrder, SurveyStructureError, type StructureQuestion, type SurveyStructure } from "./structure.js";

/** The columns every row has; any other column of a question row is a question attribute. */
const COLUMNS = new Set([
  "id",
  "related_id",
  "class",
  "type/scale",
  "name",
  "relevance",
  "text",
  "help",
  "language",
  "validation",
  "mandatory",
  "encrypted",
  "other",
  "default",
  "same_default",
]);

/** Splits tab-separated text into rows; a cell in double quotes may hold tabs, line breaks and doubled quotes. */
function tsvRows(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let atStart = true;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === "\t") {
      row.push(cell);
      cell = "";
      atStart = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      if (row.some((x) => x !== "")) out.push(row);
      row = [];
      cell = "";
      atStart = true;
    } else {
      cell += c;
      atStart = false;
    }
  }
  row.push(cell);
  if (row.some((x) => x !== "")) out.push(row);
  return out;
}

/**
 * Reads the text of a tab-separated structure export.
 * @throws SurveyStructureError when the header lacks `class`, `name` or `text`.
 * @example readStructureTxt("class\ttype/scale\tname\trelevance\ttext\tlanguage\nQ\tY\tG01Q03\t1\tGefördert?\tde\n", "s.txt").questions[0].type // => "Y"
 */
export function readStructureTxt(text: string, file: string): SurveyStructure {
  const [header, ...body] = tsvRows(text);
  const col = (name: string): number => (header ?? []).indexOf(name);
  const need = ["class", "name", "text"].filter((n) => col(n) === -1);
  if (!header || need.length)
    throw new SurveyStructureError(
      file,
      `not a LimeSurvey tab-separated survey structure: the header lacks ${need.join(", ")} (it has ${(header ?? []).slice(0, 8).join(", ")})`,
    );
  const get = (r: string[], name: string): string => r[col(name)] ?? "";
  const languageOf = (r: string[]): string => get(r, "language");
  const rows = body.filter((r) => ["S", "SL", "G", "Q", "SQ", "A"].includes(get(r, "class")));
  const languages: string[] = [];
  for (const r of rows) {
    const l = languageOf(r);
    if (l && !languages.includes(l)) languages.push(l);
  }
  const base = rows.find((r) => get(r, "class") === "S" && get(r, "name") === "language");
  const baseLanguage = base ? get(base, "text") : languages[0];
  if (baseLanguage && languages.includes(baseLanguage)) languages.splice(languages.indexOf(baseLanguage), 1);
  if (baseLanguage) languages.unshift(baseLanguage);
  const title: Record<string, string> = {};
  const groups: SurveyStructure["groups"] = [];
  const questions: StructureQuestion[] = [];
  // k-th row of each class within a language is the k-th part of the base language's
  const seen = new Map<string, number>();
  const parts = new Map<string, { texts: Record<string, string> }>();
  let group: SurveyStructure["groups"][number] | undefined;
  let question: StructureQuestion | undefined;
  for (const r of rows) {
    const cls = get(r, "class");
    const lang = languageOf(r) || baseLanguage || "";
    if (cls === "S") continue;
    if (cls === "SL") {
      if (get(r, "name") === "surveyls_title") title[lang] ??= get(r, "text");
      continue;
    }
    const key = `${lang}\u0000${cls}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const existing = parts.get(`${cls}\u0000${k}`);
    if (existing) {
      existing.texts[lang] ??= get(r, "text");
      continue;
    }
    const texts: Record<string, string> = { [lang]: get(r, "text") };
    parts.set(`${cls}\u0000${k}`, { texts });
    if (cls === "G") {
      group = { gid: String(groups.length + 1), order: groups.length, name: texts, relevance: get(r, "relevance") };
      groups.push(group);
    } else if (cls === "Q") {
      question = {
        qid: String(questions.length + 1),
        gid: group?.gid ?? "0",
        type: get(r, "type/scale"),
        code: get(r, "name"),
        text: texts,
        relevance: get(r, "relevance"),
        mandatory: get(r, "mandatory") === "Y",
        other: get(r, "other") === "Y",
        order: questions.length,
        subquestions: [],
        answers: [],
        attributes: Object.fromEntries(
          header.flatMap((h, i) => (h && !COLUMNS.has(h) && (r[i] ?? "") !== "" ? [[h, r[i]!]] : [])),
        ),
        conditions: 0,
      };
      questions.push(question);
    } else if (cls === "SQ" && question) {
      question.subquestions.push({
        qid: `${question.qid}.${question.subquestions.length}`,
        code: get(r, "name"),
        text: texts,
        order: question.subquestions.length,
        scale: Number.parseInt(get(r, "type/scale"), 10) || 0,
        relevance: get(r, "relevance"),
      });
    } else if (cls === "A" && question) {
      question.answers.push({
        code: get(r, "name"),
        text: texts,
        order: question.answers.length,
        scale: Number.parseInt(get(r, "type/scale"), 10) || 0,
      });
    }
  }
  return inSurveyOrder({ file, layout: "txt", dbVersion: 0, languages, title, groups, questions });
}
