/**
 * A LimeSurvey survey's structure as the importer needs it: groups and questions in survey
 * order, each question's type, code, texts in every survey language, subquestions, answer
 * options and relevance equation. Read from the survey structure file (`.lss`, see `lss.ts`),
 * the `.lss` inside a survey archive (`.lsa`, see `lsa.ts`) or the tab-separated structure
 * export (`.txt`, see `structure-txt.ts`). Nothing here reads files: the caller passes the
 * bytes, so the same code runs in a browser.
 */
import { InterspinError } from "../../util/errors.js";

/** A text in each survey language, keyed by language code (`de`, `en`, …). */
export type Texts = Record<string, string>;

/** A question group. */
export interface StructureGroup {
  gid: string;
  order: number;
  name: Texts;
  /** Group relevance equation ("" or "1" = always shown). */
  relevance: string;
}

/** A subquestion: a row (scale 0) or, in arrays by column, a column (scale 1). */
export interface Subquestion {
  qid: string;
  code: string;
  text: Texts;
  order: number;
  scale: number;
  relevance: string;
}

/** An answer option of a list or array question. */
export interface AnswerOption {
  code: string;
  text: Texts;
  order: number;
  scale: number;
}

/** A question with its parts. */
export interface StructureQuestion {
  qid: string;
  gid: string;
  /** LimeSurvey's one-character question type: `L` list, `M` multiple choice, `F` array, `:` array (numbers), `N` numerical, `Y` yes/no … */
  type: string;
  /** The question code (`title`), e.g. `G01Q01`. */
  code: string;
  text: Texts;
  relevance: string;
  mandatory: boolean;
  /** The "Other:" option of a list or multiple-choice question. */
  other: boolean;
  order: number;
  subquestions: Subquestion[];
  answers: AnswerOption[];
  /** Question attributes by name (`multiflexible_checkbox`, `other_replace_text` …), the base language's where they differ. */
  attributes: Record<string, string>;
  /** Old-style conditions (the `conditions` table) on this question. */
  conditions: number;
}

/** A survey's structure. */
export interface SurveyStructure {
  /** The file it was read from, for messages. */
  file: string;
  /** How it was stored: `lss` (LimeSurvey 4 and later: texts in `*_l10ns` tables), `lss-3` (texts in the main rows, LimeSurvey up to 3), `txt`, or LimeSurvey's R syntax file (`r-syntax.ts`). */
  layout: "lss" | "lss-3" | "txt" | "r-syntax";
  /** The `DBVersion` of a `.lss` (0 for `.txt`). */
  dbVersion: number;
  /** Survey languages, the base language first. */
  languages: string[];
  title: Texts;
  groups: StructureGroup[];
  /** Questions in survey order: by group order, then question order. */
  questions: StructureQuestion[];
  /** From an R syntax file: the data file's columns by position, with their value labels. */
  r?: Array<{ index: number; name: string; levels?: Array<[string, string]> }>;
}

/** Raised when a structure file cannot be read, naming the file, where and what was expected. */
export class SurveyStructureError extends InterspinError {
  override name = "SurveyStructureError";
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/**
 * The base-language text, else the first text there is.
 * @example textIn({ de: "Ja", en: "Yes" }, ["en", "de"]) // => "Yes"
 */
export function textIn(texts: Texts, languages: readonly string[]): string {
  for (const l of languages) if (texts[l] !== undefined) return texts[l]!;
  return Object.values(texts)[0] ?? "";
}

/** Sorts groups and questions into survey order and subquestions and answers into their order. */
export function inSurveyOrder(s: SurveyStructure): SurveyStructure {
  const groupOrder = new Map(s.groups.map((g) => [g.gid, g.order]));
  const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
  const groups = [...s.groups].sort(byOrder);
  const questions = s.questions
    .map((q, i) => ({ q, i }))
    .sort(
      (a, b) => (groupOrder.get(a.q.gid) ?? 0) - (groupOrder.get(b.q.gid) ?? 0) || a.q.order - b.q.order || a.i - b.i,
    )
    .map(({ q }) => ({
      ...q,
      subquestions: [...q.subquestions].sort((a, b) => a.scale - b.scale || a.order - b.order),
      answers: [...q.answers].sort((a, b) => a.scale - b.scale || a.order - b.order),
    }));
  return { ...s, groups, questions };
}
