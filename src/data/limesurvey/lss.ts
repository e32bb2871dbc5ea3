/**
 * Reads a LimeSurvey survey structure file (`.lss`): the XML LimeSurvey writes in
 * application/helpers/export_helper.php (`surveyGetXMLData`) and reads back in
 * application/helpers/admin/import_helper.php (`XMLImportSurvey`). The document is
 * `<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>…</DBVersion><languages>…`
 * and one element per database table (`groups`, `questions`, `subquestions`, `answers`,
 * `question_attributes`, `conditions`, `surveys`, `surveys_languagesettings`, …), each with
 * `<rows><row><column>value</column>…`. Two layouts, as the importer tells them apart:
 * - LimeSurvey 4 and later keep texts in `group_l10ns`, `question_l10ns` (questions and
 *   subquestions) and `answer_l10ns` (by `aid`), one row per language;
 * - LimeSurvey up to 3 keep them in the main rows, one row per language with a `language`
 *   column (and no `answer_l10ns`: an answer row has `answer` and `language`).
 */
import {
  inSurveyOrder,
  SurveyStructureError,
  type AnswerOption,
  type StructureQuestion,
  type Subquestion,
  type SurveyStructure,
  type Texts,
} from "./structure.js";
import { child, parseXml, XmlSyntaxError, type XmlElement } from "./xml.js";

type Row = Record<string, string>;

/** The rows of a table element, each as column → text. */
function rows(doc: XmlElement, table: string): Row[] {
  const t = child(doc, table);
  const r = t && child(t, "rows");
  if (!r) return [];
  return r.children
    .filter((c) => c.name === "row")
    .map((row) => Object.fromEntries(row.children.map((c) => [c.name, c.text])));
}

const int = (s: string | undefined): number => (s === undefined || s === "" ? 0 : Number.parseInt(s, 10) || 0);

/** Adds a text in one language to a texts record. */
function put(texts: Texts, language: string | undefined, text: string | undefined): void {
  if (language && text !== undefined && texts[language] === undefined) texts[language] = text;
}

/**
 * Reads the text of a `.lss` file.
 * @param text - the file's text (UTF-8 decoded).
 * @param file - its name, for messages.
 * @throws SurveyStructureError for text that is not XML, a LimeSurvey file of another kind
 *   (a question group `.lsg`, a question `.lsq`, responses `.lsr`, tokens `.lst`), or one
 *   without survey languages.
 * @example readLss(readFileSync("data/limesurvey/interspin-wave2.lss", "utf8"), "interspin-wave2.lss").questions[0].code // => "G01Q01"
 */
export function readLss(text: string, file: string): SurveyStructure {
  let doc: XmlElement;
  try {
    doc = parseXml(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError)
      throw new SurveyStructureError(file, `not a LimeSurvey structure file (.lss): XML ${e.message}`);
    throw e;
  }
  const kind = child(doc, "LimeSurveyDocType")?.text.trim();
  if (doc.name !== "document" || kind === undefined)
    throw new SurveyStructureError(
      file,
      `not a LimeSurvey structure file (.lss): the XML has no <LimeSurveyDocType> (its root is <${doc.name}>)`,
    );
  if (kind !== "Survey")
    throw new SurveyStructureError(
      file,
      `a LimeSurvey file of type "${kind}", not a survey structure: export the survey's structure (.lss) from its Export menu`,
    );
  const survey = rows(doc, "surveys")[0] ?? {};
  const listed = (child(doc, "languages")?.children ?? []).map((l) => l.text.trim()).filter(Boolean);
  const base = survey.language || listed[0];
  const languages = [...new Set([base, ...listed, ...(survey.additional_languages ?? "").split(/\s+/)])].filter(
    (l): l is string => !!l,
  );
  if (!languages.length) throw new SurveyStructureError(file, "no survey language (<languages> is empty)");
  const l10n = child(doc, "question_l10ns") !== undefined;
  const title: Texts = {};
  for (const r of rows(doc, "surveys_languagesettings")) put(title, r.surveyls_language, r.surveyls_title);

  const groups = new Map<string, SurveyStructure["groups"][number]>();
  for (const r of rows(doc, "groups")) {
    const g = groups.get(r.gid!) ?? { gid: r.gid!, order: int(r.group_order), name: {}, relevance: r.grelevance ?? "" };
    put(g.name, r.language, r.group_name);
    groups.set(g.gid, g);
  }
  for (const r of rows(doc, "group_l10ns")) {
    const g = groups.get(r.gid!);
    if (g) put(g.name, r.language, r.group_name);
  }

  const questions = new Map<string, StructureQuestion>();
  const subs = new Map<string, Subquestion & { parent: string }>();
  for (const r of [...rows(doc, "questions"), ...rows(doc, "subquestions")]) {
    const qid = r.qid!;
    if (r.parent_qid && r.parent_qid !== "0") {
      const s = subs.get(qid) ?? {
        qid,
        parent: r.parent_qid,
        code: r.title ?? "",
        text: {},
        order: int(r.question_order),
        scale: int(r.scale_id),
        relevance: r.relevance ?? "",
      };
      put(s.text, r.language, r.question);
      subs.set(qid, s);
      continue;
    }
    const q = questions.get(qid) ?? {
      qid,
      gid: r.gid ?? "",
      type: r.type ?? "",
      code: r.title ?? "",
      text: {},
      relevance: r.relevance ?? "",
      mandatory: r.mandatory === "Y",
      other: r.other === "Y",
      order: int(r.question_order),
      subquestions: [],
      answers: [],
      attributes: {},
      conditions: 0,
    };
    put(q.text, r.language, r.question);
    questions.set(qid, q);
  }
  for (const r of rows(doc, "question_l10ns")) {
    const target = questions.get(r.qid!) ?? subs.get(r.qid!);
    if (target) put(target.text, r.language, r.question);
  }
  for (const s of subs.values()) {
    const { parent, ...sub } = s;
    questions.get(parent)?.subquestions.push(sub);
  }

  const answerTexts = new Map<string, Texts>();
  for (const r of rows(doc, "answer_l10ns")) {
    const t = answerTexts.get(r.aid!) ?? {};
    put(t, r.language, r.answer);
    answerTexts.set(r.aid!, t);
  }
  const answers = new Map<string, AnswerOption>();
  for (const r of rows(doc, "answers")) {
    const key = `${r.qid}\u0000${r.scale_id ?? "0"}\u0000${r.code}`;
    const a = answers.get(key) ?? {
      code: r.code ?? "",
      text: {},
      order: int(r.sortorder),
      scale: int(r.scale_id),
    };
    if (r.aid && answerTexts.has(r.aid)) Object.assign(a.text, { ...answerTexts.get(r.aid), ...a.text });
    put(a.text, r.language, r.answer);
    if (!answers.has(key)) questions.get(r.qid!)?.answers.push(a);
    answers.set(key, a);
  }
  for (const r of rows(doc, "question_attributes")) {
    const q = questions.get(r.qid!);
    if (q && r.attribute && (q.attributes[r.attribute] === undefined || !r.language || r.language === base))
      q.attributes[r.attribute] = r.value ?? "";
  }
  for (const r of rows(doc, "conditions")) {
    const q = questions.get(r.qid!);
    if (q) q.conditions++;
  }
  return inSurveyOrder({
    file,
    layout: l10n ? "lss" : "lss-3",
    dbVersion: int(child(doc, "DBVersion")?.text.trim()),
    languages,
    title,
    groups: [...groups.values()],
    questions: [...questions.values()],
  });
}
