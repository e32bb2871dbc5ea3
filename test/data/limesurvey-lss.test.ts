import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { loadLimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { loadSurveyStructure } from "../../src/data/limesurvey/read-structure.js";
import { columnAnswers, exportColumns } from "../../src/data/limesurvey/columns.js";
import { child, parseXml, type XmlElement } from "../../src/data/limesurvey/xml.js";
import { paths } from "../../src/paths.js";
import { interspinLss } from "../helpers/limesurvey-lss.js";

const cb = loadCodebook();
const shipped = join(paths.data, "limesurvey", "interspin-wave2.lss");
const real = join(paths.root, "test", "fixtures", "limesurvey", "real");
const text = readFileSync(shipped, "utf8");
const doc = parseXml(text);

type Row = Record<string, string>;
const rows = (d: XmlElement, name: string): Row[] =>
  (child(child(d, name) ?? doc, "rows")?.children ?? []).map((r) =>
    Object.fromEntries(r.children.map((c) => [c.name, c.text])),
  );
const fields = (d: XmlElement, name: string): string[] =>
  (child(child(d, name)!, "fields")?.children ?? []).map((f) => f.text);

describe("data/limesurvey/interspin-wave2.lss, the questionnaire as a LimeSurvey survey", () => {
  it("is what test/helpers/limesurvey-lss.ts writes from the codebook (a changed one is written next to it as -changed)", () => {
    const now = interspinLss(cb);
    if (now !== text) writeFileSync(`${shipped}-changed`, now);
    assert.ok(now === text, `the codebook or the writer changed: compare ${shipped}-changed and replace the file`);
  });

  it("has what LimeSurvey's XMLImportSurvey reads: a survey document, its languages, one survey row and language settings for each", () => {
    assert.equal(doc.name, "document");
    assert.equal(child(doc, "LimeSurveyDocType")!.text, "Survey");
    assert.match(child(doc, "DBVersion")!.text, /^\d+$/);
    const languages = child(doc, "languages")!.children.map((l) => l.text);
    assert.deepEqual(languages, ["de", "en"]);
    const [survey, ...more] = rows(doc, "surveys");
    assert.equal(more.length, 0);
    assert.deepEqual([survey!.language, survey!.additional_languages], ["de", "en"]);
    assert.deepEqual(
      rows(doc, "surveys_languagesettings").map((r) => [r.surveyls_survey_id, r.surveyls_language]),
      languages.map((l) => [survey!.sid, l]),
    );
  });

  it("gives every group, question, subquestion and answer option a text in both languages, tied by the ids the importer remaps", () => {
    const groups = rows(doc, "groups");
    const questions = rows(doc, "questions");
    const subs = rows(doc, "subquestions");
    const gids = new Set(groups.map((g) => g.gid));
    const qids = new Set(questions.map((q) => q.qid));
    for (const q of questions) {
      assert.ok(gids.has(q.gid!), `question ${q.title} in group ${q.gid}`);
      assert.equal(q.parent_qid, "0");
      // LimeSurvey's question code: a letter, then letters and digits, at most 20
      assert.match(q.title!, /^[A-Za-z][A-Za-z0-9]{0,19}$/);
      assert.ok(q.question_theme_name, `question ${q.title} has a question theme`);
    }
    for (const s of subs) {
      const parent = questions.find((q) => q.qid === s.parent_qid);
      assert.ok(parent, `subquestion ${s.qid} of a question`);
      assert.equal(s.gid, parent!.gid, "a subquestion is in its question's group (gid 0 is skipped on import)");
    }
    const titles = subs.map((s) => `${s.parent_qid}/${s.scale_id}/${s.title}`);
    assert.equal(new Set(titles).size, titles.length, "subquestion codes are unique per question and scale");
    assert.equal(new Set(questions.map((q) => q.title)).size, questions.length, "question codes are unique");
    const l10n = rows(doc, "question_l10ns");
    for (const id of [...qids, ...subs.map((s) => s.qid!)])
      assert.deepEqual(
        l10n.filter((r) => r.qid === id).map((r) => r.language),
        ["de", "en"],
        `texts of ${id}`,
      );
    const groupL10n = rows(doc, "group_l10ns");
    for (const g of gids)
      assert.deepEqual(
        groupL10n.filter((r) => r.gid === g).map((r) => r.language),
        ["de", "en"],
      );
    const answers = rows(doc, "answers");
    const answerL10n = rows(doc, "answer_l10ns");
    assert.equal(new Set(answers.map((a) => a.aid)).size, answers.length);
    for (const a of answers) {
      assert.ok(qids.has(a.qid!), `answer ${a.aid} of a question`);
      assert.ok(a.code!.length <= 5, "answer codes are at most 5 characters (answers.code is varchar(5))");
      assert.deepEqual(
        answerL10n.filter((r) => r.aid === a.aid).map((r) => r.language),
        ["de", "en"],
      );
    }
    for (const r of rows(doc, "question_attributes")) assert.ok(qids.has(r.qid!));
  });

  it("writes each table with the fields a real LimeSurvey 6 export has (limesurvey-core-testing colors.lss)", () => {
    const colors = parseXml(readFileSync(join(real, "limesurvey-core-testing-colors.lss"), "utf8"));
    for (const t of [
      "answers",
      "answer_l10ns",
      "groups",
      "group_l10ns",
      "questions",
      "subquestions",
      "question_l10ns",
      "question_attributes",
    ])
      assert.deepEqual(fields(doc, t), fields(colors, t), t);
    assert.equal(child(doc, "DBVersion")!.text, child(colors, "DBVersion")!.text);
    assert.deepEqual(
      fields(doc, "surveys"),
      fields(colors, "surveys").filter((f) => rows(doc, "surveys")[0]![f] !== undefined),
    );
  });

  it("has every column and answer code data/limesurvey/mapping.example.json expects", () => {
    const s = loadSurveyStructure(shipped);
    const mapping = loadLimeSurveyMapping(join(paths.data, "limesurvey", "mapping.example.json"));
    const columns = new Map(exportColumns(s).map((c) => [c.code, c]));
    for (const [name, v] of Object.entries(mapping.variables)) {
      if (!("column" in v)) continue;
      const c = columns.get(v.column);
      assert.ok(c, `${name}: column ${v.column}`);
      if (!("answers" in v)) continue;
      const set = typeof v.answers === "string" ? mapping.answerSets![v.answers]! : v.answers;
      const codes = columnAnswers(c!).map((a) => a.code);
      for (const code of codes) assert.ok(code in set, `${name}: answer ${code} of ${v.column} is mapped`);
      if (c!.question.type === "M") assert.ok("Y" in set);
    }
  });

  it("asks the G02 block only of funded organisations, the codebook's filter, as a relevance equation", () => {
    const s = loadSurveyStructure(shipped);
    const g02 = s.questions.find((q) => q.code === "G02Q01")!;
    assert.equal(g02.relevance, 'G01Q03.NAOK == "Y"');
    assert.deepEqual(cb.variables.find((v) => v.name === "priorNational")!.askedIf, { funded: [1] });
    assert.deepEqual(
      s.questions.filter((q) => q.relevance !== "1").map((q) => q.code),
      ["G02Q01"],
    );
  });

  it("takes its texts from the codebook: scale labels as answer options, questions and grid labels as subquestions", () => {
    const s = loadSurveyStructure(shipped);
    const q = (code: string) => s.questions.find((x) => x.code === code)!;
    for (const lang of ["de", "en"] as const) {
      assert.deepEqual(
        q("G02Q01").answers.map((a) => a.text[lang]),
        cb.scales.likert5!.values.map((v) => v.label[lang]),
      );
      assert.deepEqual(
        q("G01Q01").answers.map((a) => a.text[lang]),
        cb.scales.actorGroup!.values.filter((v) => v.key !== "other").map((v) => v.label[lang]),
      );
      assert.equal(q("G01Q03").text[lang], cb.variables.find((v) => v.name === "funded")!.question[lang]);
      assert.deepEqual(
        q("G04Q01")
          .subquestions.filter((x) => x.scale === 0)
          .map((x) => x.text[lang]),
        cb.grids.gave!.topics!.map((t) => t.label[lang]),
      );
      assert.equal(q("G05Q01").text[lang], cb.grids.channel!.question[lang]);
    }
    assert.equal(q("G04Q01").attributes.multiflexible_checkbox, "1");
  });
});
