import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { loadLimeSurveyMapping, type LimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { importReport } from "../../src/data/limesurvey-report.js";
import { paths } from "../../src/paths.js";
import { limeSurveyExport, refusalOf } from "../helpers/limesurvey-export.js";
import { RESPONDENTS, type Respondent } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const exportOf = (rs: readonly Respondent[] = RESPONDENTS) => limeSurveyExport(cb, rs);
const mapping = (): LimeSurveyMapping => loadLimeSurveyMapping(example);

describe("the LimeSurvey import summary", () => {
  it("lists every variable with its column, valid n, missing n and the codes seen", () => {
    const r = readLimeSurvey(exportOf(), { mapping: example, codebook: cb, file: "e.csv" });
    assert.equal(r.summary.length, cb.variables.length - 1);
    const funded = r.summary.find((s) => s.variable === "funded")!;
    // funded: Y for respondents 1, 3, 5, 9, 12, 16, 18, 20, 22; N for nine; left empty by 6 and 14
    assert.deepEqual(funded, {
      variable: "funded",
      column: "G01Q03",
      valid: 18,
      noAnswer: 2,
      notAsked: 0,
      notShown: 0,
      codes: [
        [1, 9],
        [2, 9],
      ],
      isMention: false,
    });
    const tech = r.summary.find((s) => s.variable === "techProximity")!;
    assert.deepEqual([tech.valid, tech.noAnswer, tech.notAsked], [9, 0, 11]);
    const text = importReport(r);
    assert.match(
      text,
      /^LimeSurvey import: 22 responses; 20 used, 2 incomplete left out \(--include-incomplete keeps them\)\nread as: comma-separated, UTF-8, headings question codes; 47 unquoted empty cells read as not shown \(NULL\)\n/,
    );
    assert.match(
      text,
      /\n {2}gave_other_management +G04Q01\[SQ004_SQ004\] +valid 20 +no answer +0 +not asked +0 +codes 0×20\n/,
    );
  });
});

describe("the checks against silent wrong numbers", () => {
  it('refuses unticked boxes mapped as missing (a checkbox set of "0"/"1" on a real export): every cell of the grid is 100 %', () => {
    const m = mapping();
    m.answerSets!.checkbox = { 0: 0, 1: 1 };
    const e = refusalOf(() => readLimeSurvey(exportOf(), { mapping: m, codebook: cb, file: "e.csv" }));
    assert.deepEqual(
      e.problems.map((p) => `${p.kind}|${p.value}|${p.column}`),
      ["suspect-mapping|gave|G04Q01[SQ001_SQ001]", "suspect-mapping|got|G04Q02[SQ001_SQ001]"],
    );
    assert.match(
      e.problems[0]!.message,
      /every cell of grid "gave" \(columns G04Q01\[SQ001_SQ001\] … G04Q01\[SQ004_SQ004\]\) is 100 %: no respondent is "not mentioned" \(0\) and \d+ answers are missing; an unticked box is probably mapped as missing or as ticked \(LimeSurvey writes an unticked box as an empty cell: map "" to 0\); if this is right, accept it with --allow gave/,
    );
  });

  it('refuses a mention variable with no "not mentioned" but missing answers', () => {
    const m = mapping();
    m.variables.channel_events = { column: "G05Q01[SQ002]", answers: { Y: 1 } };
    const e = refusalOf(() => readLimeSurvey(exportOf(), { mapping: m, codebook: cb, file: "e.csv" }));
    // events were ticked by 8 of the 20; the other 12 left the box empty
    assert.deepEqual(
      e.problems.map((p) => p.message),
      [
        'column "G05Q01[SQ002]" (channel_events): no respondent is "not mentioned" (0) but 12 who were shown the box are missing: an unticked box is probably mapped as missing (LimeSurvey writes an unticked box as an empty cell: map "" to 0); if this is right, accept it with --allow channel_events',
      ],
    );
  });

  it("refuses a grid where an empty box is mapped as ticked", () => {
    const m = mapping();
    m.answerSets!.checkbox = { 1: 1, "": 1 };
    const e = refusalOf(() => readLimeSurvey(exportOf(), { mapping: m, codebook: cb, file: "e.csv" }));
    assert.deepEqual(
      e.problems.map((p) => p.value),
      ["gave", "got"],
    );
    assert.match(e.problems[0]!.message, /is 100 %: no respondent is "not mentioned" \(0\);/);
  });

  it("refuses a mapped column without one valid answer, and accepts it with --allow", () => {
    const rs = RESPONDENTS.map((r) => ({ ...r, g03: r.g03 ? `-${r.g03.slice(1)}` : r.g03 }));
    const e = refusalOf(() => readLimeSurvey(exportOf(rs), { mapping: example, codebook: cb, file: "e.csv" }));
    assert.deepEqual(
      e.problems.map((p) => p.message),
      [
        'column "G03Q01[SQ001]" (regularExchange): no valid answer in any of the 20 responses (20 "no answer"): the wrong column, or its answers are mapped as missing; if this is right, accept it with --allow regularExchange',
      ],
    );
    const r = readLimeSurvey(exportOf(rs), {
      mapping: example,
      codebook: cb,
      file: "e.csv",
      allow: ["regularExchange"],
    });
    assert.deepEqual([...new Set(r.table.array("regularExchange") as number[])], [-9]);
    assert.match(
      refusalOf(() =>
        readLimeSurvey(exportOf(rs), { mapping: example, codebook: cb, file: "e.csv", allow: ["regularExchang"] }),
      ).message,
      /--allow names no codebook variable or grid: regularExchang \(grids: gave, got, channel\)/,
    );
  });

  it("accepts a grid cell nobody ticked, and a block nobody was asked (no funded organisation)", () => {
    const none = RESPONDENTS.map((r) => ({ ...r, funded: r.funded === "Y" ? ("N" as const) : r.funded, g02: "" }));
    const r = readLimeSurvey(exportOf(none), { mapping: example, codebook: cb, file: "e.csv" });
    assert.deepEqual([...new Set(r.table.array("priorNational") as number[])], [-8]);
    assert.deepEqual([...new Set(r.table.array("gave_other_management") as number[])], [0]);
  });
});
