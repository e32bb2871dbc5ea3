import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { inflateRaw } from "../../src/data/limesurvey/inflate.js";
import { zipEntries, zipMember } from "../../src/data/limesurvey/lsa.js";
import { loadSurveyStructure } from "../../src/data/limesurvey/read-structure.js";
import { exportColumns, fullHeading } from "../../src/data/limesurvey/columns.js";
import { exportView } from "../../src/data/limesurvey/export-view.js";
import { readSurveyStructure } from "../../src/data/limesurvey/read-structure.js";
import { evaluateRelevance, parseRelevance, type VariableValue } from "../../src/data/limesurvey/relevance.js";
import { ShownColumns } from "../../src/data/limesurvey/shown.js";
import { SurveyStructureError, type SurveyStructure } from "../../src/data/limesurvey/structure.js";
import { paths } from "../../src/paths.js";

const real = join(paths.root, "test", "fixtures", "limesurvey", "real");
const shipped = join(paths.data, "limesurvey", "interspin-wave2.lss");
const load = (f: string) => loadSurveyStructure(join(real, f));

/** Which columns of a structure one respondent with these answers (by column code) was not shown. */
function hiddenFor(s: SurveyStructure, answers: Record<string, string>): string[] {
  const cols = exportColumns(s);
  const cells = cols.map((c) => answers[c.code] ?? "");
  const d = new ShownColumns(s, cols).decide(cells, () => false);
  return [...d.hidden].map((i) => cols[i]!.code);
}

describe("reading real LimeSurvey structure files", () => {
  it("reads a LimeSurvey 2.x/3.x layout (texts in the main rows, one row per language): fsr/eseeva, DBVersion 177", () => {
    const s = load("fsr-eseeva-limesurvey_survey.lss");
    assert.deepEqual(
      [s.layout, s.dbVersion, s.languages, s.questions.length, s.groups.length],
      ["lss-3", 177, ["de"], 51, 15],
    );
    const q = s.questions[1]!;
    assert.deepEqual([q.code, q.type, q.subquestions.length], ["eroeffmatrix", "F", 9]);
    assert.deepEqual(
      q.answers.map((a) => [a.code, a.text.de]),
      [
        ["A1", "Optimal"],
        ["A2", "Gut"],
        ["A3", "Eher nicht so"],
        ["A4", "Furchtbar"],
      ],
    );
  });

  it("decides relevance written with old SGQA codes (111318X26942X373543.NAOK): the matrix is shown only after a Yes", () => {
    const s = load("fsr-eseeva-limesurvey_survey.lss");
    assert.equal(s.questions[1]!.relevance, '((111318X26942X373543.NAOK == "Y"))');
    const matrix = exportColumns(s)
      .filter((c) => c.question.code === "eroeffmatrix")
      .map((c) => c.code);
    assert.equal(matrix.length, 9);
    const yes = hiddenFor(s, { eroeffteilnahme: "Y" });
    const no = hiddenFor(s, { eroeffteilnahme: "N" });
    assert.ok(matrix.every((c) => !yes.includes(c) && no.includes(c)));
  });

  it("reads a LimeSurvey 3 export (DBVersion 359) of an array (numbers) with checkbox layout, and its !is_empty relevance", () => {
    const s = load("limesurvey-tests-ArrayNumberCheckbox.lss");
    assert.deepEqual([s.layout, s.dbVersion], ["lss-3", 359]);
    const q = s.questions.find((x) => x.code === "question")!;
    assert.deepEqual([q.type, q.attributes.multiflexible_checkbox], [":", "1"]);
    assert.deepEqual(
      exportColumns(s)
        .filter((c) => c.question === q)
        .map((c) => c.code),
      [
        "question[SY001_SX001]",
        "question[SY001_SX002]",
        "question[SY002_SX001]",
        "question[SY002_SX002]",
        "question[SY003_SX001]",
        "question[SY003_SX002]",
      ],
    );
    assert.ok(hiddenFor(s, {}).includes("QHiddenJS"));
    assert.ok(!hiddenFor(s, { "question[SY003_SX002]": "1" }).includes("QHiddenJS"));
  });

  it("reads the LimeSurvey 4+ layout (texts in *_l10ns tables): limesurvey-core-testing colors.lss, DBVersion 606", () => {
    const s = load("limesurvey-core-testing-colors.lss");
    assert.deepEqual([s.layout, s.dbVersion, s.languages, s.title], ["lss", 606, ["en"], { en: "Colors" }]);
    const q = s.questions[0]!;
    assert.deepEqual(
      [q.code, q.type, q.text.en, q.subquestions.length],
      ["Q00", "M", "What colors are your favorite? Pick at least two.", 11],
    );
    // G01Q02 is shown only to those who ticked both SQ009 and SQ011
    const cols = (codes: string[]) => Object.fromEntries(codes.map((c) => [`Q00[${c}]`, "Y"]));
    assert.ok(hiddenFor(s, cols(["SQ009"])).includes("G01Q02"));
    assert.ok(!hiddenFor(s, cols(["SQ009", "SQ011"])).includes("G01Q02"));
  });

  it("reads the .lss inside a survey archive (.lsa) as the .lss itself", () => {
    const lsa = load("limesurvey-core-testing-colors.lsa");
    const lss = load("limesurvey-core-testing-colors.lss");
    assert.match(lsa.file, /colors\.lsa \(survey_841748\.lss\)$/);
    assert.deepEqual({ ...lsa, file: "" }, { ...lss, file: "" });
  });

  it("inflates every member of the real archive as Node's zlib does", () => {
    const bytes = readFileSync(join(real, "limesurvey-core-testing-colors.lsa"));
    const entries = zipEntries(bytes, "colors.lsa");
    assert.deepEqual(
      entries.map((e) => e.name),
      ["survey_841748.lss", "survey_841748_responses.lsr"],
    );
    for (const e of entries)
      assert.deepEqual(
        Buffer.from(zipMember(bytes, e, inflateRaw, "colors.lsa")),
        Buffer.from(zipMember(bytes, e, (d) => inflateRawSync(d), "colors.lsa")),
      );
    // the .lss in the archive is the .lss beside it, byte for byte
    assert.deepEqual(
      Buffer.from(zipMember(bytes, entries[0]!, inflateRaw, "colors.lsa")).toString("utf8").length,
      readFileSync(join(real, "limesurvey-core-testing-colors.lss"), "utf8").length + 3,
    );
  });

  it("reads a LimeSurvey 6 survey without conditions (date_and_time.lss)", () => {
    const s = load("limesurvey-core-testing-date_and_time.lss");
    assert.deepEqual(
      s.questions.map((q) => [q.code, q.type]),
      [
        ["Q00", "D"],
        ["Q01", "D"],
        ["Q02", "D"],
      ],
    );
  });

  it("reads the tab-separated structure export (.txt) as the .lss of the same survey", () => {
    const lss = loadSurveyStructure(shipped);
    const txt = readSurveyStructure(Buffer.from(tsvOf(lss), "utf8"), "interspin-wave2.txt");
    assert.equal(txt.layout, "txt");
    const shape = (s: SurveyStructure) =>
      s.questions.map((q) => ({
        code: q.code,
        type: q.type,
        text: q.text,
        relevance: q.relevance,
        other: q.other,
        subs: q.subquestions.map((x) => [x.code, x.scale, x.text]),
        answers: q.answers.map((a) => [a.code, a.text]),
      }));
    assert.deepEqual(shape(txt), shape(lss));
    assert.deepEqual([txt.languages, txt.title], [lss.languages, lss.title]);
  });

  it("names what a file is when it is not a survey structure", () => {
    const bad = (bytes: string, pattern: RegExp) =>
      assert.throws(
        () => readSurveyStructure(Buffer.from(bytes), "x"),
        (e: Error) => e instanceof SurveyStructureError && pattern.test(e.message),
      );
    bad(
      '<?xml version="1.0"?><document><LimeSurveyDocType>Group</LimeSurveyDocType></document>',
      /a LimeSurvey file of type "Group", not a survey structure/,
    );
    bad(
      "<document><a></document>",
      /not a LimeSurvey structure file \(\.lss\): XML line 1: closing tag <\/document> does not match <a>/,
    );
    bad('"id","submitdate"\r\n"1",""\r\n', /not a LimeSurvey structure file: expected the XML of a \.lss/);
    bad("<!DOCTYPE x [<!ENTITY a 'b'>]><document/>", /a document type declaration .* is not read/);
    bad(`PK\u0005\u0006${"\u0000".repeat(18)}`, /the archive holds no survey structure \(\.lss\)/);
  });
});

describe("the structure reader in a browser", () => {
  it("reaches no Node module from the files that read a structure, its relevance and an export's headings", () => {
    const src = join(paths.root, "src", "data");
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      assert.doesNotMatch(source, /^import [^t].*from "node:|^import \{[^}]*\} from "node:/m, file);
      // value imports only: a type import is gone after compilation
      for (const [, target] of source.matchAll(/^import (?!type )[^;]*? from "(\.[^"]+)\.js";/gms))
        walk(join(file, "..", `${target}.ts`));
    };
    for (const f of ["read-structure", "export-view", "shown", "check-mapping", "columns", "relevance"])
      walk(join(src, "limesurvey", `${f}.ts`));
    assert.ok(seen.size >= 10, `files reached: ${seen.size}`);
    for (const f of seen) assert.doesNotMatch(readFileSync(f, "utf8"), /from "node:/, f);
  });
});

describe("an export's headings read with the structure", () => {
  it("maps full question texts (either language), code & text and ExpressionScript codes back to the codes", () => {
    const s = loadSurveyStructure(shipped);
    const cols = exportColumns(s);
    const header = [
      "Response ID",
      "Date submitted",
      fullHeading(cols[0]!, "de"),
      fullHeading(cols[12]!, "en"),
      "G05Q01_SQ001",
      "G05Q01[SQ002]. Veranstaltungen",
      "Welcher\u00a0Akteursgruppe?",
    ];
    const v = exportView(s, header);
    assert.deepEqual(v.codes.slice(0, 6), [
      "id",
      "submitdate",
      "G01Q01",
      "G04Q01[SQ001_SQ001]",
      "G05Q01[SQ001]",
      "G05Q01[SQ002]",
    ]);
    assert.deepEqual(v.unmatched, [{ index: 6, heading: "Welcher\u00a0Akteursgruppe?" }]);
  });
});

describe("the relevance subset", () => {
  const values: Record<string, VariableValue> = {
    G01Q03: { value: "Y", shown: true },
    G01Q02: { value: "120", shown: true },
    G05Q01_SQ001: { value: "Y", shown: true },
    G05Q01_SQ002: { value: "", shown: true },
    G02Q01_SQ001: { value: "", shown: false },
  };
  const ev = (src: string) => evaluateRelevance(parseRelevance(src), (n) => values[n]);
  it("compares answers with strings and numbers, with and/or/not, is_empty, !is_empty and count", () => {
    const cases: Array<[string, boolean]> = [
      ['G01Q03.NAOK == "Y"', true],
      ["G01Q03 eq 'N'", false],
      ["G01Q02 >= 100 and G01Q02 < 250", true],
      ["G01Q02 > 99 && !(G01Q03 == 'N')", true],
      ['not G01Q03.NAOK == "Y" or G01Q02 lt 50', false],
      ["is_empty(G05Q01_SQ002)", true],
      ["!is_empty(G05Q01_SQ001.NAOK)", true],
      ["count(G05Q01_SQ001, G05Q01_SQ002) == 1", true],
      ["G01Q02 + 1 == 121", true],
      ["1", true],
      ["", true],
    ];
    for (const [src, want] of cases) assert.equal(ev(src), want, src);
  });

  it("treats a question that was not shown as empty with .NAOK, and the equation as false without it", () => {
    assert.equal(ev("is_empty(G02Q01_SQ001.NAOK)"), true);
    assert.equal(ev("is_empty(G02Q01_SQ001)"), false);
  });

  it("names what it does not evaluate", () => {
    assert.deepEqual(ev("regexMatch('/x/', G01Q03)"), { reason: "the function regexMatch() is not evaluated" });
    assert.deepEqual(ev("G01Q03.shown == 1"), { reason: "the attribute .shown of G01Q03 is not evaluated" });
    assert.deepEqual(ev("G09Q09 == 1"), { reason: "G09Q09 is no question or subquestion of the survey" });
    assert.deepEqual(ev("self.NAOK > 1"), { reason: '"self" is not evaluated' });
  });
});

/** The structure as LimeSurvey's tab-separated export writes it (LimeSurvey Manual, "Tab Separated Value survey structure"). */
function tsvOf(s: SurveyStructure): string {
  const head = [
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
    "other",
    "default",
    "same_default",
  ];
  const rows: string[][] = [head, ["", "", "S", "", "language", "", s.languages[0]!, "", "", "", "", "", "", ""]];
  const cell = (t: string) => (/[\t\n"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  for (const l of s.languages) {
    rows.push(["", "", "SL", "", "surveyls_title", "", s.title[l] ?? "", "", l, "", "", "", "", ""]);
    for (const g of s.groups) {
      rows.push([g.gid, "", "G", "", g.name[l] ?? "", g.relevance, "", "", l, "", "", "", "", ""]);
      for (const q of s.questions.filter((x) => x.gid === g.gid)) {
        rows.push([
          q.qid,
          "",
          "Q",
          q.type,
          q.code,
          q.relevance,
          q.text[l] ?? "",
          "",
          l,
          "",
          q.mandatory ? "Y" : "N",
          q.other ? "Y" : "N",
          "",
          "",
        ]);
        for (const x of q.subquestions)
          rows.push([
            x.qid,
            "",
            "SQ",
            String(x.scale),
            x.code,
            x.relevance,
            x.text[l] ?? "",
            "",
            l,
            "",
            "",
            "",
            "",
            "",
          ]);
        for (const a of q.answers)
          rows.push([q.qid, "", "A", String(a.scale), a.code, "", a.text[l] ?? "", "", l, "", "", "", "", ""]);
      }
    }
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join("\t")).join("\n")}\n`;
}
