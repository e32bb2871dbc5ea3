import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { CsvFormatError } from "../../src/data/errors.js";
import {
  readLimeSurvey,
  type ImportLimeSurveyOptions,
  type LimeSurveyImport,
} from "../../src/data/import-limesurvey.js";
import { loadLimeSurveyMapping, type LimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { paths } from "../../src/paths.js";
import {
  excelResave,
  limeSurveyExport,
  type ExportSettings,
  type SurveyDesign,
  refusalOf,
} from "../helpers/limesurvey-export.js";
import { expectedRows } from "../helpers/limesurvey-expected.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const LS3: Partial<ExportSettings> = { nulls: "quoted" };
const A1: Partial<SurveyDesign> = { answerCodes: "A1" };

function importWith(
  settings: Partial<ExportSettings>,
  design: Partial<SurveyDesign> = {},
  options: Partial<ImportLimeSurveyOptions> = {},
  bytes?: Buffer,
): LimeSurveyImport {
  return readLimeSurvey(bytes ?? limeSurveyExport(cb, RESPONDENTS, settings, design), {
    mapping: example,
    codebook: cb,
    file: "results-survey123456.csv",
    ...options,
  });
}

describe("a LimeSurvey export, with each setting of LimeSurvey's export form", () => {
  const expected = expectedRows(cb, RESPONDENTS);

  const accepted: Array<[string, Partial<ExportSettings>, Partial<SurveyDesign>, string]> = [
    ["LimeSurvey 6 defaults with question codes and answer codes (AO01 …)", {}, {}, ","],
    ['LimeSurvey 3.x (A1 … codes, NULL written as a quoted "")', LS3, A1, ","],
    ["CSV field separator: Semicolon", { separator: ";" }, {}, ";"],
    ["CSV field separator: Tab", { separator: "\t" }, A1, "\t"],
    ["Use ExpressionScript code (G02Q01_SQ001)", { expressionCodes: true }, {}, ","],
    ['Question code & question text, default separator ". "', { headings: "codetext" }, {}, ","],
    [
      'Question code & question text with separator " - ", semicolon, ExpressionScript',
      { headings: "codetext", codeTextSeparator: " - ", separator: ";", expressionCodes: true },
      A1,
      ";",
    ],
    ["Completion state: Completed responses only", { completion: "complete" }, {}, ","],
  ];
  for (const [name, settings, design, delimiter] of accepted) {
    it(`imports "${name}" to the table worked out by hand`, () => {
      const r = importWith(settings, design);
      assert.deepEqual(r.table.objects(), expected);
      assert.equal(r.format.delimiter, delimiter);
    });
  }

  it('reads the "Other:" text of a multiple-choice question as a mention when the mapping says otherText', () => {
    const mapping: LimeSurveyMapping = loadLimeSurveyMapping(example);
    mapping.variables.channel_other = { column: "G05Q01[other]", otherText: true };
    const r = importWith({}, { otherOption: true }, { mapping });
    assert.deepEqual(r.table.objects(), expectedRows(cb, RESPONDENTS, { otherOption: true }));
    // respondents 5, 12 and 14 wrote a text (12's "=Messe" exported as "'=Messe"): 3 of 20
    assert.deepEqual((r.table.array("channel_other") as number[]).filter((x) => x === 1).length, 3);
  });

  it('names the otherText mapping when the export has an "Other:" column instead of the mapped box', () => {
    const e = refusalOf(() => importWith({}, { otherOption: true }));
    assert.match(
      e.message,
      /column "G05Q01\[SQ008\]" is not in the export .*if G05Q01\[other\] holds the text of LimeSurvey's "Other:" option, map it with \{ "column": "G05Q01\[other\]", "otherText": true \}/,
    );
  });

  it("leaves out incomplete responses by default and keeps them on request, with NULL (not shown) as no answer", () => {
    const dropped = importWith({});
    assert.deepEqual([dropped.responses, dropped.droppedIncomplete, dropped.table.numRows()], [22, 2, 20]);
    const kept = importWith({}, {}, { keepIncomplete: true });
    assert.deepEqual([kept.droppedIncomplete, kept.keptIncomplete, kept.table.numRows()], [0, 2, 22]);
    assert.deepEqual(kept.table.objects(), expectedRows(cb, RESPONDENTS, { keepIncomplete: true }));
    // respondent 7 stopped after page 3: the grid on page 4 was never shown
    const r7 = kept.table.objects().find((o) => (o as { id: string }).id === "R007") as Record<string, number>;
    assert.deepEqual([r7.gave_tech_kmu, r7.channel_newsletter, r7.techProximity], [-9, -9, 1]);
  });

  it('tells an unquoted empty cell (NULL, not shown) from a quoted "" (shown, not ticked) in a LimeSurvey 6 export', () => {
    const text = limeSurveyExport(cb, RESPONDENTS).toString("utf8");
    const lines = text.split("\r\n");
    const header = lines[0]!.replace(/^\uFEFF/, "").split(",");
    const col = header.indexOf('"G04Q01[SQ001_SQ002]"');
    const row = lines[1]!.split(",");
    assert.equal(row[col], '""', "respondent 1 saw the grid and left this box unticked");
    const asNull = [...row];
    asNull[col] = "";
    const changed = [lines[0], asNull.join(","), ...lines.slice(2)].join("\r\n");
    const r = readLimeSurvey(Buffer.from(changed, "utf8"), { mapping: example, codebook: cb });
    assert.equal(r.table.get("gave_tech_large", 0), -9);
    assert.equal(importWith({}).table.get("gave_tech_large", 0), 0);
  });

  it("reads a LimeSurvey 3.x export with incomplete responses kept, where not-shown boxes read as not ticked, and says so", () => {
    const r = importWith(LS3, A1, { keepIncomplete: true });
    assert.deepEqual(r.table.objects(), expectedRows(cb, RESPONDENTS, { keepIncomplete: true, nullsQuoted: true }));
    assert.equal(r.format.nullCells, 0);
  });

  it("refuses Full question text and Abbreviated question text headings, naming the setting to choose", () => {
    for (const headings of ["full", "abbreviated"] as const) {
      const e = refusalOf(() => importWith({ headings }));
      assert.equal(e.problems.length, 1);
      assert.equal(e.problems[0]!.kind, "export-setting");
      assert.match(
        e.message,
        /the headings are question texts, not question codes \(e\.g\. "Response ID"\): the export used Export questions as: “Full question text” \(LimeSurvey's default\) or “Abbreviated question text”; export again with Headings → Export questions as: “Question code”/,
      );
    }
  });

  it("refuses Full answers, naming the setting to choose first", () => {
    const e = refusalOf(() => importWith({ answers: "long" }));
    assert.equal(e.problems[0]!.kind, "export-setting");
    assert.match(
      e.problems[0]!.message,
      /^the answers are texts, not answer codes \(e\.g\. "KMU\/Start-ups" in column G01Q01\): the export used Export responses as: “Full answers” \(LimeSurvey's default\); export again with Responses → Export responses as: “Answer codes”$/,
    );
  });

  it("refuses Convert Y to / Convert N to on the Yes/No question, since an unanswered one becomes N", () => {
    const e = refusalOf(() => importWith({ convertY: "1", convertN: "2" }));
    const cols = new Set(e.problems.map((p) => p.column));
    assert.deepEqual(
      [...cols],
      ["G01Q03"],
      "the multiple-choice columns read as 1/2, only the Yes/No column is refused",
    );
    assert.match(
      e.problems[0]!.message,
      /the export converted Y\/N to digits \(Convert Y to: \/ Convert N to:\), which LimeSurvey also applies to an unanswered Yes\/No question, so "no answer" cannot be told from "No": export again with Convert Y to: \/ Convert N to: off/,
    );
  });

  it('reads multiple choice converted to 1 and 0 when the mapping lists the digits; a converted Yes/No loses its "no answer" (why the example mapping refuses it)', () => {
    const bytes = limeSurveyExport(cb, RESPONDENTS, { convertY: "1", convertN: "0" });
    const mapping = loadLimeSurveyMapping(example);
    mapping.answerSets!.yesNo = { Y: 1, N: 2, 1: 1, 0: 2 };
    const r = readLimeSurvey(bytes, { mapping, codebook: cb });
    // with the Yes/No question converted too, respondents 6 and 14 (no answer) read as "No"
    const funded = r.table.array("funded") as number[];
    assert.deepEqual([funded.filter((x) => x === 2).length, funded.filter((x) => x === -9).length], [11, 0]);
    assert.deepEqual(
      r.table.array("channel_newsletter"),
      expected.map((x) => x.channel_newsletter),
    );
  });

  it("names A1 against AO01 answer codes when the mapping knows only one of them", () => {
    const mapping = loadLimeSurveyMapping(example);
    mapping.answerSets!.likert5 = { A1: 1, A2: 2, A3: 3, A4: 4, A5: 5 };
    const e = refusalOf(() => readLimeSurvey(limeSurveyExport(cb, RESPONDENTS), { mapping, codebook: cb }));
    assert.match(
      e.problems[0]!.message,
      /answer "AO0\d" is not mapped .*; LimeSurvey 4 and later name answer options AO01, AO02 …, 3\.x A1, A2 …: add "AO0\d" to the answer set/,
    );
  });

  it("refuses a German Excel re-save (Windows-1252, ';') with a hint to name the encoding, and reads it with --encoding windows-1252", () => {
    const resaved = excelResave(limeSurveyExport(cb, RESPONDENTS));
    assert.throws(
      () => importWith({}, {}, {}, resaved),
      (e: CsvFormatError) =>
        e instanceof CsvFormatError &&
        /not valid UTF-8: byte 0xF6 .*Windows-1252.*give --encoding windows-1252/.test(e.message),
    );
    for (const encoding of ["windows-1252", "latin1"] as const) {
      const r = importWith({}, {}, { encoding }, resaved);
      assert.deepEqual(r.table.objects(), expected);
      assert.deepEqual([r.format.delimiter, r.format.nullsKept], [";", false]);
    }
  });

  it("refuses --encoding windows-1252 for a file that is UTF-8, so no umlaut is garbled", () => {
    assert.throws(
      () => importWith({}, {}, { encoding: "windows-1252" }),
      /file is UTF-8 \(it starts with a UTF-8 byte-order mark\), not windows-1252/,
    );
  });

  it("names the separator it read with in a quoting error", () => {
    const bytes = Buffer.from(
      limeSurveyExport(cb, RESPONDENTS, { separator: ";" }).toString("utf8").replace('"AO01";"";"8"', '"AO01"x;"";"8"'),
      "utf8",
    );
    assert.throws(
      () => importWith({}, {}, {}, bytes),
      /:2: unexpected 'x' after the closing quote of cell 6; .* \(cells separated by ';'\)/,
    );
  });

  it("gives 7 of 20 (35 %) for technological information to SMEs, counted by hand from the fixture", () => {
    // respondents 1, 2, 4, 5, 10, 14 and 16 ticked G04Q01[SQ001_SQ001]; the other 13 completed ones left it empty
    for (const [settings, design] of [
      [{}, {}],
      [LS3, A1],
    ] as const) {
      const values = importWith(settings, design).table.array("gave_tech_kmu") as number[];
      assert.deepEqual([values.filter((x) => x === 1).length, values.filter((x) => x === 0).length], [7, 13]);
    }
  });
});
