import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { importReport } from "../../src/data/limesurvey-report.js";
import { readSurveyStructure } from "../../src/data/limesurvey/read-structure.js";
import { readRSyntax } from "../../src/data/limesurvey/r-syntax.js";
import { SurveyStructureError } from "../../src/data/limesurvey/structure.js";
import { paths } from "../../src/paths.js";
import { expectedRows } from "../helpers/limesurvey-expected.js";
import { rExport } from "../helpers/limesurvey-r-export.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const syntaxName = "survey_482913_R_syntax_file.R";

describe("LimeSurvey's R export (syntax file and data file)", () => {
  it("reads the syntax file's names, labels and value labels", () => {
    const r = rExport(cb, RESPONDENTS);
    const cols = readRSyntax(r.syntax, syntaxName);
    assert.equal(cols.length, 58);
    const g05 = cols.find((c) => c.name === "G05Q01_SQ002")!;
    assert.deepEqual(g05.levels, [
      ["1", "Nein"],
      ["2", "Ja"],
    ]);
    assert.equal(g05.label, `[Veranstaltungen/Netzwerktreffen] ${cb.grids.channel!.question.de}`);
    const s = readSurveyStructure(Buffer.from(r.syntax), syntaxName);
    assert.deepEqual(
      s.questions.map((q) => [q.code, q.type]),
      [
        ["G01Q01", "L"],
        ["G01Q02", "N"],
        ["G01Q03", "Y"],
        ["G02Q01", "F"],
        ["G03Q01", "F"],
        ["G04Q01", ":"],
        ["G04Q02", ":"],
        ["G05Q01", "M"],
        ["G06Q01", "T"],
      ],
    );
    assert.deepEqual(
      s.questions[3]!.answers.map((a) => [a.code, a.text.de]),
      cb.scales.likert5!.values.map((v, i) => [`AO0${i + 1}`, v.label.de]),
    );
  });

  it("imports the pair to the table worked out by hand, boxes read back from 2/1", () => {
    const r = rExport(cb, RESPONDENTS);
    const structure = readSurveyStructure(Buffer.from(r.syntax), syntaxName);
    const imported = readLimeSurvey(r.data, { mapping: example, codebook: cb, file: r.dataName, structure });
    assert.deepEqual(imported.table.objects(), expectedRows(cb, RESPONDENTS));
    assert.match(
      importReport(imported),
      /headings names of the R syntax file; .*an empty box \(not shown\) as missing\n/,
    );
  });

  it("counts a conditional multiple-choice question among those who saw it, since the data file leaves a box not shown empty", () => {
    const r = rExport(cb, RESPONDENTS, { channelsIfFunded: true });
    const structure = readSurveyStructure(Buffer.from(r.syntax), syntaxName);
    const imported = readLimeSurvey(r.data, { mapping: example, codebook: cb, file: r.dataName, structure });
    assert.deepEqual(imported.table.objects(), expectedRows(cb, RESPONDENTS, { channelsIfFunded: true }));
    const newsletter = imported.table.array("channel_newsletter") as number[];
    assert.deepEqual([newsletter.filter((x) => x === 1).length, newsletter.filter((x) => x !== -9).length], [9, 9]);
  });

  it("refuses a data file with another number of columns than the syntax file names", () => {
    const r = rExport(cb, RESPONDENTS);
    const structure = readSurveyStructure(Buffer.from(r.syntax), syntaxName);
    const other = Buffer.from('"id","submitdate"\r\n"1","2024-01-01"\r\n');
    assert.throws(
      () => readLimeSurvey(other, { mapping: example, codebook: cb, file: "data.csv", structure }),
      (e: Error) =>
        e instanceof SurveyStructureError &&
        /the syntax file names 58 columns, the data file data\.csv has 2: are they from the same export\?/.test(
          e.message,
        ),
    );
  });
});
