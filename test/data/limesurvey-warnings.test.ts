import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { loadLimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { importReport } from "../../src/data/limesurvey-report.js";
import { paths } from "../../src/paths.js";
import { limeSurveyExport, type ExportSettings, type SurveyDesign, refusalOf } from "../helpers/limesurvey-export.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const LS3: Partial<ExportSettings> = { nulls: "quoted" };
const completed = RESPONDENTS.filter((r) => r.pages === 6);

function read(settings: Partial<ExportSettings>, design: Partial<SurveyDesign> = {}) {
  return readLimeSurvey(limeSurveyExport(cb, RESPONDENTS, settings, design), {
    mapping: example,
    codebook: cb,
    file: "results-survey123456.csv",
  });
}

describe("an export that cannot tell not shown from not ticked (LimeSurvey before 6, no structure file)", () => {
  it("warns for each mapped multiple-choice question, with how many respondents ticked nothing", () => {
    const r = read(LS3);
    const nothing = (cells: (x: (typeof completed)[number]) => string) =>
      completed.filter((x) => !cells(x).includes("1")).length;
    assert.deepEqual(
      r.warnings.map((w) => [w.kind, w.question, w.columns.length, w.respondents, w.of]),
      [
        ["cannot-tell-not-shown", "G04Q01", 16, nothing((x) => x.gave), 20],
        ["cannot-tell-not-shown", "G04Q02", 16, nothing((x) => x.got), 20],
        ["cannot-tell-not-shown", "G05Q01", 8, nothing((x) => x.channels), 20],
      ],
    );
    // respondent 4 ticked no channel: 1 of 20
    assert.equal(r.warnings[2]!.respondents, 1);
    assert.match(
      r.warnings[2]!.message,
      /^G05Q01 \(channel_newsletter … channel_other, 8 columns\): 1 of 20 respondents ticked nothing\. .*give --structure .* or map "" as missing for these columns$/,
    );
  });

  it("says so in the import summary: the NULL line names what it saw, and each warning follows", () => {
    const text = importReport(read(LS3));
    const lines = text.split("\n");
    assert.equal(
      lines[1],
      "read as: comma-separated, UTF-8, headings question codes; no NULL cell: this export cannot tell not shown from not ticked",
    );
    assert.deepEqual(
      lines.filter((l) => l.startsWith("warning: ")).map((l) => l.slice(9, 15)),
      ["G04Q01", "G04Q02", "G05Q01"],
    );
  });

  it("warns about a multiple-choice question shown only to funded organisations: 11 of 20 ticked nothing, and the share is 9 of 20, not 9 of 9", () => {
    const r = read(LS3, { channelsIfFunded: true });
    const w = r.warnings.find((x) => x.question === "G05Q01")!;
    // the 11 organisations that are not funded never saw G05Q01; every funded one ticked a channel
    assert.equal(completed.filter((x) => x.funded !== "Y").length, 11);
    assert.deepEqual([w.respondents, w.of], [11, 20]);
    const newsletter = r.table.array("channel_newsletter") as number[];
    assert.deepEqual([newsletter.filter((x) => x === 1).length, newsletter.length], [9, 20]);
  });

  it("does not warn for a LimeSurvey 6 export, whose NULL cells tell not shown apart, and counts them", () => {
    const r = read({}, { channelsIfFunded: true });
    assert.deepEqual(r.warnings, []);
    // NULL: G02Q01's 4 columns for the 11 not funded, 3 employee counts left empty, G05Q01's 8 columns for the 11 not funded
    assert.equal(r.format.nullCells, 11 * 4 + 3 + 11 * 8);
    assert.match(importReport(r), /; 135 unquoted empty cells read as not shown \(NULL\)\n/);
    const newsletter = r.table.array("channel_newsletter") as number[];
    assert.deepEqual([newsletter.filter((x) => x === 1).length, newsletter.filter((x) => x === -9).length], [9, 11]);
  });
});

describe("Full answers recognised on the first run", () => {
  it("names the export setting before the problems of an unfinished mapping", () => {
    const mapping = loadLimeSurveyMapping(example);
    delete (mapping.variables as Record<string, unknown>).funded;
    mapping.variables.priorNational = { column: "G02Q09[SQ001]", answers: "likert5" };
    const e = refusalOf(() =>
      readLimeSurvey(limeSurveyExport(cb, RESPONDENTS, { answers: "long" }), { mapping, codebook: cb, file: "e.csv" }),
    );
    assert.equal(e.problems.length, 1);
    assert.equal(e.problems[0]!.kind, "export-setting");
    assert.match(
      e.problems[0]!.message,
      /^the answers are texts, not answer codes \(e\.g\. "KMU\/Start-ups" in column G01Q01\)/,
    );
  });

  it("names both settings when the headings are question texts as well (LimeSurvey's web defaults)", () => {
    const e = refusalOf(() => read({ headings: "full", answers: "long" }));
    assert.deepEqual(
      e.problems.map((p) => p.message.slice(0, 32)),
      ["the headings are question texts,", "the answers are texts, not answe"],
    );
  });
});
