/**
 * The columns of a response export, worked out from the survey structure as LimeSurvey makes
 * them (application/helpers/common_helper.php, `createFieldMap`; headings by
 * application/helpers/viewHelper.php, `getFieldCode` and `getFieldText`): one column for a
 * single-answer question (`G01Q01`), one per subquestion (`G05Q01[SQ001]`), one per row and
 * column of an array by column (`G04Q01[SQ001_SQ002]`), `[other]` for the "Other:" text, and
 * the answer texts an export with "Full answers" writes in each column
 * (application/helpers/admin/export/SurveyObj.php, `getFullAnswer`).
 */
import type { AnswerOption, StructureQuestion, Subquestion, SurveyStructure, Texts } from "./structure.js";
import { flattenHtml, plain } from "./text.js";

/** One column of the response export. */
export interface StructureColumn {
  /** The heading with "Question code": `G04Q01[SQ001_SQ002]`. */
  code: string;
  /** The ExpressionScript name: `G04Q01_SQ001_SQ002`. */
  name: string;
  question: StructureQuestion;
  /** The subquestion (row), and for arrays by column the column subquestion. */
  sub?: Subquestion;
  sub2?: Subquestion;
  part: "answer" | "other" | "comment";
}

/** "Other" as LimeSurvey says it in the languages of its exports (the subheading of an `[other]` column and the full answer `-oth-`). */
export const OTHER_WORDS: Texts = { en: "Other", de: "Sonstiges", fr: "Autre", es: "Otro", nl: "Anders", pl: "Inne" };
const COMMENT_WORDS: Texts = { en: "Comment", de: "Kommentar", fr: "Commentaire", es: "Comentario", nl: "Commentaar" };
/** Full answers of yes/no and multiple-choice fields. */
export const YES_WORDS = new Set(["Yes", "Ja", "Oui", "Sí", "Si", "Tak", "Sim", "Y"]);
export const NO_WORDS = new Set(["No", "Nein", "Non", "Nie", "Nee", "Não", "N"]);
const NOT_APPLICABLE = new Set(["N/A", "k.A.", "n.v.", "N/D"]);

/** Question types without a response column. */
const NO_COLUMN = new Set(["X", "|"]);
/** Question types with one column per subquestion. */
const PER_SUBQUESTION = new Set(["M", "P", "F", "H", "A", "B", "C", "E", "K", "Q"]);
/** Question types with a column per row × column subquestion. */
const BY_COLUMN = new Set([":", ";"]);

/**
 * The export's columns for a structure, in LimeSurvey's order (meta columns not included).
 * @example exportColumns(structure).map((c) => c.code).slice(0, 3) // => ["G01Q01", "G01Q01[other]", "G01Q02"]
 */
export function exportColumns(s: SurveyStructure): StructureColumn[] {
  const out: StructureColumn[] = [];
  for (const q of s.questions) {
    if (NO_COLUMN.has(q.type)) continue;
    const rows = q.subquestions.filter((x) => x.scale === 0);
    const cols = q.subquestions.filter((x) => x.scale === 1);
    const add = (aid: string, part: StructureColumn["part"], sub?: Subquestion, sub2?: Subquestion): void => {
      out.push({
        code: aid ? `${q.code}[${aid}]` : q.code,
        name: aid ? `${q.code}_${aid}` : q.code,
        question: q,
        sub,
        sub2,
        part,
      });
    };
    if (BY_COLUMN.has(q.type)) {
      for (const r of rows) for (const c of cols) add(`${r.code}_${c.code}`, "answer", r, c);
    } else if (q.type === "1") {
      for (const r of rows) {
        add(`${r.code}#0`, "answer", r);
        add(`${r.code}#1`, "answer", r);
      }
    } else if (q.type === "R") {
      q.answers.forEach((_, i) => {
        add(String(i + 1), "answer");
      });
    } else if (PER_SUBQUESTION.has(q.type)) {
      for (const r of rows) {
        add(r.code, "answer", r);
        if (q.type === "P") add(`${r.code}comment`, "comment", r);
      }
      if (q.other) {
        add("other", "other");
        if (q.type === "P") add("othercomment", "comment");
      }
    } else {
      add("", "answer");
      if (q.other && (q.type === "L" || q.type === "!")) add("other", "other");
      if (q.type === "O") add("comment", "comment");
    }
  }
  return out;
}

/**
 * The heading LimeSurvey writes for a column with "Full question text", in one language:
 * the flattened question text, then ` [subquestion]` (and `[column]` for arrays by column).
 * @example fullHeading(column, "de") // => "Welche Informationskanäle … (Mehrfachnennung) [Newsletter]"
 */
export function fullHeading(c: StructureColumn, language: string): string {
  const text = (t: Texts | undefined): string => flattenHtml(t?.[language] ?? Object.values(t ?? {})[0] ?? "");
  const q = text(c.question.text);
  if (c.part === "other") {
    const other = c.question.attributes.other_replace_text || OTHER_WORDS[language] || OTHER_WORDS.en!;
    return `${q} [${flattenHtml(other)}]`;
  }
  if (c.part === "comment") return `${q} [${COMMENT_WORDS[language] ?? COMMENT_WORDS.en}]`;
  if (!c.sub && !c.sub2) return q;
  return `${q} ${[c.sub, c.sub2]
    .filter((x): x is Subquestion => !!x)
    .map((x) => `[${text(x.text)}]`)
    .join("")}`;
}

/** The answer options that fill a column (scale 0, or the column's scale for dual-scale arrays). */
export function columnAnswers(c: StructureColumn): AnswerOption[] {
  const scale = c.question.type === "1" && c.code.endsWith("#1]") ? 1 : 0;
  return c.part === "answer" ? c.question.answers.filter((a) => a.scale === scale) : [];
}

/** What a full-answer cell means: an answer code, NULL (not shown), or no match (undefined). */
export type FullAnswerValue = string | null | undefined;

/**
 * The answer code behind a cell of an export with "Full answers".
 * @example fromFullAnswer(listColumn, "KMU/Start-ups") // => "AO01"
 */
export function fromFullAnswer(c: StructureColumn, cell: string): FullAnswerValue {
  if (c.part !== "answer") return cell;
  const t = c.question.type;
  const word = cell.trim();
  if (t === "M" || t === "P")
    return YES_WORDS.has(word)
      ? "Y"
      : NO_WORDS.has(word) || word === ""
        ? ""
        : NOT_APPLICABLE.has(word)
          ? null
          : undefined;
  if (t === "Y")
    return YES_WORDS.has(word)
      ? "Y"
      : NO_WORDS.has(word)
        ? "N"
        : NOT_APPLICABLE.has(word) || word === ""
          ? ""
          : undefined;
  const answers = columnAnswers(c);
  if (!answers.length) return cell;
  if (word === "") return "";
  const p = plain(cell);
  const hit = answers.find((a) => Object.values(a.text).some((x) => plain(x) === p));
  if (hit) return hit.code;
  if ((t === "L" || t === "!") && Object.values(OTHER_WORDS).includes(word)) return "-oth-";
  if (NOT_APPLICABLE.has(word)) return "";
  return undefined;
}

/**
 * Whether a cell is already an answer code of its column (so an export with "Answer codes"
 * passes unchanged).
 * @example isAnswerCode(listColumn, "AO01") // => true
 */
export function isAnswerCode(c: StructureColumn, cell: string): boolean {
  if (c.part !== "answer" || cell === "") return true;
  const t = c.question.type;
  if (t === "M" || t === "P") return cell === "Y";
  if (t === "Y") return cell === "Y" || cell === "N";
  const answers = columnAnswers(c);
  if (!answers.length) return true;
  return answers.some((a) => a.code === cell) || ((t === "L" || t === "!") && cell === "-oth-");
}
